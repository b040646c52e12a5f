"""`selfassess check --deploy` with the production settings reports nothing at all."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_check(**env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' (tests/browser.py), set while their
    # browser is open, which may be before this test runs; a deployment never has it.
    left_out = ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [
            str(Path(sys.executable).parent / "selfassess"),
            "check",
            "--deploy",
            "--fail-level",
            "DEBUG",
            "--settings=selfassess.config.settings.production",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_with_no_warning():
    result = run_check(
        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="selfassess.example.nhs.uk"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(SECRET_KEY="", ALLOWED_HOSTS="selfassess.example.nhs.uk")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
