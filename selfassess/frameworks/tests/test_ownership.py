"""A custom framework belongs to one organisation, and a snapshot is never replaced (issue 13).

A forged organisation export once planted a "version 2099.1" of a shared framework that
every organisation was then offered, and every custom framework was listed to everyone.
These tests prove: another organisation never sees a custom framework (list, page, the
assessment form's choices); ``latest_of_each`` lists one version of each framework; and
``framework load`` and ``load-library`` refuse a snapshot that differs from one already here.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from selfassess.assessments.forms import AssessmentForm
from selfassess.assessments.tests.factories import small_framework_yaml
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.services import LIBRARY_DIR, VersionConflict, load_file
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, name, **kwargs):
    path = tmp_path / name
    path.write_text(small_framework_yaml(**kwargs), encoding="utf-8")
    return path


@pytest.fixture
def ours_and_theirs(tmp_path):
    ours, theirs = OrganisationFactory(ods_code="RX1"), OrganisationFactory()
    call_command(
        "framework",
        "load",
        str(write(tmp_path, "local.yaml", framework_id="local")),
        "--organisation",
        "rx1",
    )
    return ours, theirs, FrameworkVersion.objects.get(framework_id="local")


def test_a_framework_loaded_for_an_organisation_belongs_to_it(ours_and_theirs):
    ours, _theirs, local = ours_and_theirs
    assert local.owner == ours


def test_another_organisation_never_sees_a_custom_framework(
    client, member_of, library_loaded, ours_and_theirs
):
    ours, theirs, local = ours_and_theirs
    client.force_login(member_of(theirs))
    listing = client.get(reverse("frameworks:list")).content.decode()
    assert "NHS IMPACT organisation and system self-assessment" in listing
    assert reverse("frameworks:detail", args=[local.pk]) not in listing
    assert client.get(reverse("frameworks:detail", args=[local.pk])).status_code == 404
    choices = AssessmentForm(organisation=theirs).fields["framework_version"].queryset
    assert local not in choices
    assert library_loaded["nhs-impact"] in choices
    page = client.get(reverse("assessments:create", args=[theirs.pk])).content.decode()
    assert f'value="{local.pk}"' not in page

    client.force_login(member_of(ours))
    assert (
        reverse("frameworks:detail", args=[local.pk])
        in client.get(reverse("frameworks:list")).content.decode()
    )
    assert client.get(reverse("frameworks:detail", args=[local.pk])).status_code == 200
    assert local in AssessmentForm(organisation=ours).fields["framework_version"].queryset


def test_a_post_cannot_choose_another_organisations_framework(ours_and_theirs):
    _ours, theirs, local = ours_and_theirs
    form = AssessmentForm(
        {"framework_version": local.pk, "cycle_label": "2026/27", "groups": ["Board"]},
        organisation=theirs,
    )
    assert not form.is_valid()
    assert form.errors["framework_version"] == ["Select one of the frameworks listed"]


def test_latest_of_each_lists_one_version_of_each_framework(tmp_path):
    first = load_file(write(tmp_path, "v1.yaml", framework_id="shared", version="1")).snapshot
    second = load_file(write(tmp_path, "v2.yaml", framework_id="shared", version="2")).snapshot
    other = load_file(write(tmp_path, "o.yaml", framework_id="other", version="7")).snapshot
    listed = list(FrameworkVersion.objects.latest_of_each(OrganisationFactory()))
    assert sorted(v.pk for v in listed) == sorted([second.pk, other.pk])
    assert first not in listed


def test_a_changed_snapshot_with_a_loaded_version_is_refused_by_load(tmp_path, capsys):
    load_file(write(tmp_path, "a.yaml", framework_id="shared"))
    changed = tmp_path / "b.yaml"
    changed.write_text(
        small_framework_yaml(framework_id="shared").replace("Test framework", "Forged"),
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("framework", "load", str(changed))
    assert "already loaded with different content, so it is refused" in capsys.readouterr().err
    assert FrameworkVersion.objects.get(framework_id="shared").title == "Test framework"


def test_load_library_refuses_a_changed_snapshot_in_a_local_folder(
    tmp_path, settings, library_loaded, capsys
):
    shipped = library_loaded["nhs-impact"]
    text = (LIBRARY_DIR / "nhs-impact.yaml").read_text(encoding="utf-8")
    statement = shipped.framework.statements()[0].text
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "nhs-impact.yaml").write_text(
        text.replace(statement.split()[0], "Forged", 1), encoding="utf-8"
    )
    settings.SELFASSESS_FRAMEWORK_DIRS = [str(folder)]
    with pytest.raises(CommandError):
        call_command("framework", "load-library")
    assert "already loaded with different content" in capsys.readouterr().err
    assert FrameworkVersion.objects.filter(framework_id="nhs-impact").count() == 1


def test_the_same_file_loaded_again_is_reused(tmp_path):
    path = write(tmp_path, "a.yaml", framework_id="shared")
    first = load_file(path)
    again = load_file(path)
    assert first.created and not again.created
    assert again.snapshot.pk == first.snapshot.pk


def test_an_organisation_cannot_add_a_version_of_a_shared_framework(tmp_path):
    load_file(write(tmp_path, "a.yaml", framework_id="shared", version="1"))
    with pytest.raises(VersionConflict) as raised:
        load_file(
            write(tmp_path, "b.yaml", framework_id="shared", version="2"),
            owner=OrganisationFactory(),
        )
    assert "a framework shared by every organisation" in str(raised.value)
    assert FrameworkVersion.objects.filter(framework_id="shared").count() == 1


def test_a_custom_framework_keeps_its_owner_across_versions(ours_and_theirs, tmp_path):
    ours, theirs, _local = ours_and_theirs
    newer = write(tmp_path, "local2.yaml", framework_id="local", version="2")
    with pytest.raises(VersionConflict) as raised:
        load_file(newer)
    assert "Load it with --organisation" in str(raised.value)
    with pytest.raises(VersionConflict) as raised:
        load_file(newer, owner=theirs)
    assert "belongs to another organisation here" in str(raised.value)
    assert load_file(newer, owner=ours).snapshot.owner == ours


def test_an_unknown_organisation_is_named(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("framework", "load", str(write(tmp_path, "a.yaml")), "--organisation", "ZZZ9")
    assert "There is no organisation 'ZZZ9'" in str(raised.value)
    assert not FrameworkVersion.objects.exists()
