"""The demo has a small system: three members side by side and a learning note."""

import pytest

from selfassess.demo.generator import create_demo
from selfassess.systems.demo import DEMO_SYSTEM, PARTNERS
from selfassess.systems.models import System
from selfassess.systems.picture import system_picture


@pytest.mark.django_db
def test_the_demo_system(library_loaded):
    summary = create_demo()
    picture = system_picture(System.objects.get(organisation__name=DEMO_SYSTEM))
    assert picture.shared_members == sorted(
        [summary.organisation.name, *(name for name, _lean in PARTNERS)], key=str.casefold
    )
    assert picture.latest[summary.organisation.name].shared_survey
    assert not picture.latest[PARTNERS[0][0]].shared_survey
    assert {note.member for note in picture.notes} == {PARTNERS[1][0]}


@pytest.mark.django_db
def test_links_between_organisations_stay_out_of_an_organisation_export(library_loaded):
    from selfassess.reports import orgdata

    summary = create_demo()
    document = orgdata.export_organisation(summary.organisation)
    assert not [label for label in document["models"] if label.startswith("systems.")]
    assert "assessments.consensusrating" in document["models"]
