"""`selfassess plan check FILE`: findings by row, and the three exit statuses."""

import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from selfassess.plans.csv_plan import PlanFileError, read_plan


def in_days(n):
    return (timezone.localdate() + timedelta(days=n)).strftime("%d/%m/%Y")


GOOD_ROWS = [
    "Run a two-day improvement course for 40 ward managers,Head of Quality Improvement,"
    f"{in_days(60)},40 ward managers trained,Short term,Surgery",
    f"Appoint two improvement coaches,Chief Nurse,{in_days(500)},Two coaches in post,long,Medicine",
]


def write(tmp_path, text, name="plan.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path):
    out = StringIO()
    try:
        call_command("plan", "check", path, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def test_a_plan_with_nothing_to_report_exits_0(tmp_path):
    header = "Title, OWNER ,Due_Date,measure,Horizon,Division"  # loose headers, extra column
    status, out, _ = run(write(tmp_path, "\n".join([header, *GOOD_ROWS]) + "\n"))
    assert status == 0
    assert "2 action(s) checked, nothing to report" in out


def test_findings_are_printed_with_their_row_and_exit_1(tmp_path):
    rows = [
        "title,owner,due date,measure,horizon",
        GOOD_ROWS[0].rsplit(",", 1)[0],
        "World-class improvement culture,,,,long",
        f"Hold weekly huddles,Ward sister,next spring,Huddles held,{'medium'}",
        f"Publish the priorities,Director of Strategy,{in_days(30)},Published,soonish",
    ]
    status, out, message = run(write(tmp_path, "\n".join(rows)))
    assert status == 1
    assert "row 2" not in out
    row3 = [line for line in out.splitlines() if ", row 3:" in line]
    assert len(row3) == 5  # no owner, no date, no measure, grand words, no verb
    assert "row 4: Hold weekly huddles" in out
    assert "“next spring” is not a date" in out
    assert "There is no due date" not in out.split("row 4")[1].split("row 5")[0]
    assert "row 5: Publish the priorities" in out
    assert "“soonish” is not one of short, medium or long" in out
    # 5; a date and a measure that counts only huddles held; a horizon and "Published"
    assert "9 finding(s) in 4 action(s)" in message


def test_a_missing_column_is_named_and_exits_2(tmp_path):
    status, _, message = run(write(tmp_path, "title,owner,notes\nRun a course,Chief Nurse,x\n"))
    assert status == 2
    assert "“due date”, “measure”, “horizon”" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a CSV file"),
        ("title,owner\n".encode("utf-16"), "not a CSV file"),
        (b"title,owner,due date,measure,horizon\n\xff\xfe broken", "not saved as UTF-8"),
        (b"", "file is empty"),
    ],
)
def test_files_that_are_not_csv_text_exit_2(tmp_path, content, expected):
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    status, _, message = run(str(path))
    assert status == 2
    assert expected in message


def test_a_file_that_does_not_exist_exits_2(tmp_path):
    status, _, message = run(str(tmp_path / "missing.csv"))
    assert status == 2
    assert "cannot be read" in message


def test_the_installed_command_exits_with_the_status(tmp_path):
    """Through the real entry point, as a script would call it."""
    missing = write(tmp_path, "title\nRun a course\n")
    findings = write(tmp_path, "title,owner,due date,measure,horizon\nCulture,,,,short\n", "f.csv")
    code = "from selfassess.cli import main; main(['selfassess', 'plan', 'check', %r])"
    for path, expected in ((missing, 2), (findings, 1)):
        result = subprocess.run(  # noqa: S603 - our own interpreter and a test file
            [sys.executable, "-c", code % path], capture_output=True, text=True, check=False
        )
        assert result.returncode == expected, result.stderr


def test_blank_rows_are_skipped_and_rows_keep_their_file_numbers():
    text = "title,owner,due date,measure,horizon\n\nRun a course,Nurse,,x,short\n"
    plan = read_plan(text)
    assert [a.ref for a in plan.actions] == [3]


def test_read_plan_refuses_a_header_row_that_is_blank():
    with pytest.raises(PlanFileError):
        read_plan(",,,\nRun a course,,,\n")
