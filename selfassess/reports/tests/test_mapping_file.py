"""`import-responses` with a hand-written mapping: every mistake is a message (exit 1) and
nothing is imported; JSON true is not level 1; repeated rows are pointed out."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selfassess.assessments.models import Response

CSV = "a-1,a-2,who\n3,4,Board\n3,4,Board\n2,Yes,Board\n"


def run(assessment, tmp_path, mapping, csv=CSV, raw=None):
    csv_path = tmp_path / "answers.csv"
    csv_path.write_text(csv)
    mapping_path = tmp_path / "mapping.json"
    if raw is not None:
        mapping_path.write_bytes(raw)
    else:
        mapping_path.write_text(json.dumps(mapping))
    call_command(
        "import-responses", str(assessment.pk), str(csv_path), "--mapping", str(mapping_path)
    )


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"columns": {"nope": "a-1"}, "group": "Board"}, "There is no column called 'nope'"),
        ({"columns": ["a-1"], "group": "Board"}, '"columns" must map column names'),
        ({"columns": {"a-1": 7}, "group": "Board"}, '"columns" must map column names'),
        ({"columns": {"a-1": "zz-9"}, "group": "Board"}, "'zz-9' is not a statement"),
        ({"group": ["Board"]}, '"group" must be the name of a group'),
        ({"group_column": 3}, '"group_column" must be the name of a column'),
        ({"group_column": "nobody"}, "There is no column called 'nobody'"),
        ({"group": "Board", "values": {"Yes": True}}, "'Yes' is mapped to true/false"),
        ({"group": "Board", "values": {"Yes": [1]}}, "'Yes' is mapped to [1]"),
        ({"group": "Board", "values": {"Yes": 99}}, "'Yes' is mapped to 99"),
        ({"group": "Board", "values": ["Yes"]}, '"values" must map answers to levels'),
        ({"group": "Board", "colums": {}}, "Unknown key 'colums'"),
        ([1, 2], "must hold a JSON object"),
    ],
)
def test_a_mapping_mistake_is_a_message_and_imports_nothing(assessment, tmp_path, mapping, message):
    before = Response.objects.count()
    with pytest.raises(CommandError) as refused:
        run(assessment, tmp_path, mapping)
    assert refused.value.returncode == 1
    assert message in str(refused.value)
    assert Response.objects.count() == before


def test_deeply_nested_json_is_a_message(assessment, tmp_path):
    with pytest.raises(CommandError) as refused:
        run(assessment, tmp_path, None, raw=b"[" * 200_000 + b"]" * 200_000)
    assert refused.value.returncode == 1 and "not JSON" in str(refused.value)


def test_every_mapping_problem_is_listed_at_once(assessment, tmp_path):
    with pytest.raises(CommandError) as refused:
        run(assessment, tmp_path, {"columns": {"nope": "a-1"}, "group": "Nobody"})
    assert "There is no column called 'nope'" in str(refused.value)
    assert "There is no group called 'Nobody'" in str(refused.value)


def test_repeated_rows_are_pointed_out(assessment, tmp_path, capsys):
    mapping = {"group": "Board", "values": {"Yes": 4}}
    # People answered this assessment here, so the import itself is refused (see the gate);
    # the repeated rows are pointed out before that.
    with pytest.raises(CommandError, match="already answered"):
        run(assessment, tmp_path, mapping)
    assert "Line 2 is repeated exactly on line 3" in capsys.readouterr().err
