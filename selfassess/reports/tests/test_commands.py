"""The command-line interface: output files, exit codes, --help."""

import io
import json
import subprocess
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from selfassess.assessments.models import Response


@pytest.mark.parametrize("kind", ["pdf", "html", "xlsx", "csv", "json"])
def test_report_writes_each_format(assessment, tmp_path, kind):
    path = tmp_path / f"out.{kind}"
    call_command("report", str(assessment.pk), "--format", kind, "-o", str(path))
    content = path.read_bytes()
    if kind == "pdf":
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
        assert "Component A" in text
    elif kind == "csv":
        assert "statements.csv" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    elif kind == "json":
        assert json.loads(content)["statements"]["rows"]
    elif kind == "html":
        assert b"<style>" in content and b"report to the board" in content


def test_report_exit_codes(assessment, tmp_path):
    with pytest.raises(CommandError) as unknown:
        call_command("report", "999999", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert unknown.value.returncode == 2
    with pytest.raises(CommandError) as bad_table:
        call_command("report", str(assessment.pk), "--format", "csv", "--table", "nope", "-o", "-")
    assert bad_table.value.returncode == 1
    with pytest.raises(CommandError) as unwritable:
        call_command("report", str(assessment.pk), "--format", "json", "-o", "/no/such/dir/x")
    assert unwritable.value.returncode == 2


def test_import_responses_command(unanswered, assessment, tmp_path):
    answered, assessment = assessment, unanswered
    csv_path = tmp_path / "answers.csv"
    csv_path.write_text("a-1,a-2\n3,Established\n4,Nonsense\n")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"group": "Board"}))
    before = Response.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command(
            "import-responses", str(assessment.pk), str(csv_path), "--mapping", str(mapping)
        )
    assert refused.value.returncode == 1 and Response.objects.count() == before
    call_command(
        "import-responses",
        str(assessment.pk),
        str(csv_path),
        "--mapping",
        str(mapping),
        "--drop-bad-rows",
    )
    assert Response.objects.count() == before + 2
    with pytest.raises(CommandError) as missing:
        call_command(
            "import-responses",
            str(assessment.pk),
            str(tmp_path / "none.csv"),
            "--mapping",
            str(mapping),
        )
    assert missing.value.returncode == 2
    # Into an assessment people answered in the service, the command refuses before reading.
    with pytest.raises(CommandError) as refused_here:
        call_command("import-responses", str(answered.pk), str(csv_path), "--mapping", str(mapping))
    assert refused_here.value.returncode == 1
    assert "already answered" in str(refused_here.value)


def test_help_and_usage_errors_from_the_command_line():
    for command in ["report", "import-responses", "export-org", "import-org"]:
        done = subprocess.run(  # noqa: S603 - a fixed command line
            [".venv/bin/selfassess", command, "--help"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0 and "Exit codes" in done.stdout
    bad = subprocess.run(
        [".venv/bin/selfassess", "report", "1", "--format", "doc", "-o", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "invalid choice" in bad.stderr
