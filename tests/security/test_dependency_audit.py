"""The CI step that reads pip-audit's report: a known vulnerability fails the run, and a
package that could not be checked is never reported as safe."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"

CLEAN = {"name": "django", "version": "5.2.1", "vulns": []}
VULNERABLE = {
    "name": "jinja2",
    "version": "3.1.0",
    "vulns": [{"id": "GHSA-test", "fix_versions": ["3.1.6"]}],
}
UNCHECKED = {"name": "segno", "skip_reason": "Dependency not found on PyPI"}


def run(dependencies, strict=False):
    env = {"SELFASSESS_AUDIT_STRICT": "1"} if strict else {}
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(SCRIPT)],
        input=json.dumps({"dependencies": dependencies, "fixes": []}),
        capture_output=True,
        text=True,
        env=env,
    )


def test_a_clean_report_passes_and_says_how_many_were_checked():
    result = run([CLEAN])
    assert result.returncode == 0
    assert "1 pinned packages, 1 checked, 0 with known vulnerabilities" in result.stdout


def test_a_known_vulnerability_fails_naming_the_fix():
    result = run([CLEAN, VULNERABLE])
    assert result.returncode == 1
    assert "VULNERABLE jinja2 3.1.0: GHSA-test (fixed in 3.1.6)" in result.stdout


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 1)])
def test_unchecked_packages_are_listed_not_counted_as_safe(strict, code):
    result = run([CLEAN, UNCHECKED], strict=strict)
    assert result.returncode == code
    assert "1 checked" in result.stdout and "1 could not be checked" in result.stdout
    assert "could not be reached for segno" in result.stdout
