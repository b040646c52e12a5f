"""The organisation import checks the whole file before writing anything (issue 12).

Each test edits a real export the way a damaged or forged file would differ, and proves that
the import refuses it with a message naming the row and the fix, and writes nothing. Each of
these files once imported as "Imported" and then broke the organisation's pages, or printed
a traceback.
"""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selfassess.assessments.models import Assessment
from selfassess.frameworks.models import FrameworkVersion
from selfassess.organisations.models import Organisation
from selfassess.reports import orgdata


@pytest.fixture
def exported(assessment):
    return orgdata.export_organisation(assessment.organisation)


def rows(document, label):
    return document["models"][label]


def snapshot(document):
    return next(iter(document["frameworks"].values()))


def refused(document):
    """Import ``document`` (as bytes, as the command does) expecting a refusal; return it."""
    before = (Organisation.objects.count(), Assessment.objects.count())
    frameworks = FrameworkVersion.objects.count()
    with pytest.raises(orgdata.OrgDataInvalid) as raised:
        orgdata.import_organisation(orgdata.loads(orgdata.dumps(document)))
    assert (Organisation.objects.count(), Assessment.objects.count()) == before
    assert FrameworkVersion.objects.count() == frameworks
    return str(raised.value)


def test_a_clean_export_still_imports(exported):
    imported = orgdata.import_organisation(orgdata.loads(orgdata.dumps(exported)))
    assert imported.assessments.count() == 1


def test_a_response_off_the_scale_is_refused(exported):
    response = rows(exported, "assessments.response")[0]
    response["fields"]["level"] = 99
    message = refused(exported)
    assert message.startswith("The file cannot be imported; nothing was imported:")
    assert f"assessments.response {response['pk']}: 'level' is 99, which is not a level" in message
    assert "(1, 2, 3, 4, 5)" in message


def test_an_unknown_statement_is_refused(exported):
    response = rows(exported, "assessments.response")[0]
    response["fields"]["statement_id"] = "zz-99"
    assert "the statement 'zz-99' is not in the assessment's framework" in refused(exported)


def test_edited_framework_text_is_caught_by_the_recomputed_hash(exported):
    content = snapshot(exported)["content"]
    content["components"][0]["statements"][0]["text"] = "Edited after export."
    assert "its content hash does not match its content" in refused(exported)


def test_a_forged_snapshot_with_a_made_up_hash_is_checked_like_a_file(exported):
    forged = snapshot(exported)
    forged["content_hash"] = "f" * 64
    forged["content"]["scale"]["levels"][0]["value"] = -2
    message = refused(exported)
    assert "scale.levels[0].value: the level's value is -2" in message


def test_a_snapshot_whose_fields_disagree_with_its_content_is_refused(exported):
    snapshot(exported)["title"] = "Another title"
    assert "its title 'Another title' is not its content's" in refused(exported)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("closes_on", "2026-13-45", "'closes_on' '2026-13-45'"),
        ("closes_on", "99999-01-01", "'closes_on' '99999-01-01'"),
        ("anonymity_threshold", "many", "'anonymity_threshold' 'many'"),
        ("anonymity_threshold", 10**30, "'anonymity_threshold'"),
        ("anonymity_threshold", True, "must be a whole number, not true/false"),
        ("cycle_label", "2026\x00/27", "contains a control character (0x00)"),
        ("cycle_label", "x" * 41, "can be at most 40"),
        ("status", "hacked", "'status' 'hacked'"),
        ("introduction", ["a", "list"], "must be a single value, not list"),
    ],
)
def test_a_bad_value_in_a_column_is_refused(exported, field, value, message):
    rows(exported, "assessments.assessment")[0]["fields"][field] = value
    assert message in refused(exported)


def test_a_reference_to_a_row_the_file_lacks_is_refused(exported):
    participant = rows(exported, "assessments.participant")[0]
    participant["fields"]["group"] = 987654
    assert "'group' points to 987654, which the file lacks" in refused(exported)


def test_every_problem_is_listed_at_once(exported):
    responses = rows(exported, "assessments.response")
    responses[0]["fields"]["level"] = 99
    responses[1]["fields"]["statement_id"] = "zz-99"
    rows(exported, "assessments.assessment")[0]["fields"]["closes_on"] = "soon"
    message = refused(exported)
    assert "'level' is 99" in message and "'zz-99'" in message and "'soon'" in message


def test_many_problems_are_counted_not_all_printed(exported):
    for response in rows(exported, "assessments.response"):
        response["fields"]["level"] = 77
    count = len(rows(exported, "assessments.response"))
    message = refused(exported)
    assert message.count("- ") == min(count, 50)
    if count > 50:
        assert f"and {count - 50:,} more problems" in message


def test_deeply_nested_json_is_refused_without_a_traceback():
    with pytest.raises(orgdata.OrgDataInvalid) as raised:
        orgdata.loads(b"[" * 100_000 + b"]" * 100_000)
    assert "nested" in str(raised.value)
    document = {"format": orgdata.FORMAT, "version": 1, "users": {}, "frameworks": {}}
    nested = {}
    for _ in range(40):
        nested = {"x": nested}
    document["models"] = {"x": nested}
    with pytest.raises(orgdata.OrgDataInvalid) as raised:
        orgdata.loads(json.dumps(document).encode())
    assert "nested more than 32 levels" in str(raised.value)


def test_not_a_number_is_refused():
    with pytest.raises(orgdata.OrgDataInvalid) as raised:
        orgdata.loads(b'{"format": "selfassess-organisation", "version": NaN}')
    assert "NaN is not a number an export holds" in str(raised.value)


def test_the_command_prints_the_list_and_exits_1(exported, tmp_path):
    broken = copy.deepcopy(exported)
    rows(broken, "assessments.response")[0]["fields"]["level"] = 99
    path = tmp_path / "org.json"
    path.write_bytes(orgdata.dumps(broken))
    with pytest.raises(CommandError) as raised:
        call_command("import-org", str(path))
    assert raised.value.returncode == 1
    assert "'level' is 99" in str(raised.value)
