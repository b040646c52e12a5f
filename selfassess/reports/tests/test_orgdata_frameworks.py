"""An organisation export cannot plant a framework, and its limits hold (issue 13).

A tampered export once carried a "version 2099.1" of a shared framework, with changed
statements and a recomputed hash; the import stored it and every organisation was offered
it. Now a snapshot is reused only when one with its id and version is here word for word,
a new version of a shared framework is refused, and a custom framework the file brings
belongs to the imported organisation alone.
"""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    FrameworkVersionFactory,
    ParticipantGroupFactory,
    small_framework,
)
from selfassess.core import limits
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.schema import Framework
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.reports import orgdata

from .test_orgdata_checks import refused, rows, snapshot


@pytest.fixture
def exported(assessment):
    return orgdata.export_organisation(assessment.organisation)


def reseal(data, content):
    """What a forger does: edit the content and recompute every field that tells."""
    framework = Framework.from_dict(content)
    data.update(
        content=framework.to_dict(),
        content_hash=framework.content_hash(),
        framework_id=framework.id,
        version=framework.version,
        title=framework.title,
    )


def test_a_forged_new_version_of_a_shared_framework_is_refused(exported):
    forged = snapshot(exported)
    content = copy.deepcopy(forged["content"])
    content["version"] = "2099.1"
    content["components"][0]["statements"][0]["text"] = "A statement nobody agreed."
    reseal(forged, content)
    message = refused(exported)
    assert "version '2099.1' of framework 'test-framework' is refused" in message
    assert "only the operator adds versions of it" in message
    assert not FrameworkVersion.objects.filter(version="2099.1").exists()


def test_a_snapshot_that_differs_from_the_one_here_is_refused(exported):
    forged = snapshot(exported)
    content = copy.deepcopy(forged["content"])
    content["components"][0]["statements"][0]["text"] = "Changed, version kept."
    reseal(forged, content)
    message = refused(exported)
    assert "is already loaded with different content, so it is refused" in message
    here = FrameworkVersion.objects.get(framework_id="test-framework")
    assert here.framework.components[0].statements[0].text != "Changed, version kept."


def test_an_identical_shared_snapshot_is_reused(exported):
    before = FrameworkVersion.objects.count()
    imported = orgdata.import_organisation(orgdata.loads(orgdata.dumps(exported)))
    assert FrameworkVersion.objects.count() == before
    assert imported.assessments.get().framework_version.owner is None


def test_a_custom_framework_comes_with_its_organisation_and_only_it_sees_it(db):
    home = OrganisationFactory()
    custom = FrameworkVersionFactory(framework=small_framework(framework_id="ours"), owner=home)
    assessment = AssessmentFactory(organisation=home, framework_version=custom)
    ParticipantGroupFactory(assessment=assessment, name="Board")
    document = orgdata.loads(orgdata.dumps(orgdata.export_organisation(home)))
    assert "owner" not in snapshot(document)
    home.delete()  # moving it: gone from here, with its framework
    assert not FrameworkVersion.objects.filter(framework_id="ours").exists()
    imported = orgdata.import_organisation(document)
    version = imported.assessments.get().framework_version
    assert (version.framework_id, version.owner) == ("ours", imported)
    other = OrganisationFactory()
    assert version not in FrameworkVersion.objects.visible_to(other)
    assert version not in FrameworkVersion.objects.latest_of_each(other)
    assert version in FrameworkVersion.objects.latest_of_each(imported)


def test_a_custom_framework_of_an_organisation_still_here_is_not_taken_over(db):
    home = OrganisationFactory()
    custom = FrameworkVersionFactory(framework=small_framework(framework_id="ours"), owner=home)
    AssessmentFactory(organisation=home, framework_version=custom)
    message = refused(orgdata.export_organisation(home))
    assert "belongs to another organisation here" in message
    assert FrameworkVersion.objects.get(framework_id="ours").owner == home


def test_an_assessment_with_more_groups_than_allowed_is_refused(exported):
    groups = rows(exported, "assessments.participantgroup")
    template = groups[0]
    for number in range(limits.GROUPS_PER_ASSESSMENT_MAX + 1 - len(groups)):
        extra = copy.deepcopy(template)
        extra["pk"] = 10_000 + number
        extra["fields"]["name"] = f"Group {number}"
        extra["fields"]["position"] = 100 + number
        groups.append(extra)
    message = refused(exported)
    assert f"groups; an assessment can have at most {limits.GROUPS_PER_ASSESSMENT_MAX}" in message


def test_deeply_nested_json_is_refused_cleanly_by_the_command(tmp_path):
    path = tmp_path / "nested.json"
    document = {"format": orgdata.FORMAT, "version": 1, "users": {}, "frameworks": {}}
    path.write_text(
        json.dumps(document)[:-1] + ', "models": ' + "[" * 50_000 + "]" * 50_000 + "}",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as raised:
        call_command("import-org", str(path))
    assert raised.value.returncode == 1
    assert "nested too deeply" in str(raised.value)


def test_a_file_over_the_limit_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "ORG_FILE_BYTES_MAX", 1_000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5_000)
    read = []
    real_open = open

    def counting_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        real_read = handle.read

        def read_at_most(size=-1):
            read.append(size)
            return real_read(size)

        handle.read = read_at_most
        return handle

    monkeypatch.setattr("builtins.open", counting_open)
    with pytest.raises(CommandError) as raised:
        call_command("import-org", str(path))
    assert "larger than 1,000 bytes" in str(raised.value)
    assert read == [1_001]
