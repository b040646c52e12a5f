"""The `selfassess` command runs with DEBUG off unless someone asks for it.

A debug page shows settings, code and the request to whoever reaches it, so the command's
default settings must not turn it on: only DEBUG=1, or the dev settings that `make run`
chooses, do.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHOW_DEBUG = "from django.conf import settings; print('DEBUG', settings.DEBUG)"


def output_of(command, **env):
    """What ``command`` prints, run with no DEBUG and no settings named but ``env``'s."""
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(env)
    result = subprocess.run(  # noqa: S603 - our own commands, fixed arguments
        command,
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def debug_of(*arguments, **env):
    command = Path(sys.executable).parent / "selfassess"
    return output_of([str(command), "shell", "-c", SHOW_DEBUG, *arguments], **env)


def test_the_command_defaults_to_debug_off():
    assert debug_of() == "DEBUG False"


@pytest.mark.parametrize(
    "arguments, env",
    [((), {"DEBUG": "1"}), (("--settings=selfassess.config.settings.dev",), {})],
)
def test_debug_is_on_only_when_asked_for(arguments, env):
    assert debug_of(*arguments, **env) == "DEBUG True"


def test_make_run_serves_with_the_dev_settings():
    """`make run`'s web server is given the dev settings; anything else that serves the ASGI
    application without saying which settings gets production's (DEBUG off)."""
    dry_run = subprocess.run(
        ["make", "-n", "run"],  # noqa: S607 - make from PATH, as a user runs it
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry_run.returncode == 0, dry_run.stderr
    serving = " ".join(dry_run.stdout.replace("\\\n", " ").split())
    assert "selfassess.config.asgi:application" in serving
    before_server = serving[: serving.index("selfassess.config.asgi:application")]
    assert (
        before_server.rsplit(";", 1)[-1]
        .strip()
        .startswith("DJANGO_SETTINGS_MODULE=selfassess.config.settings.dev ")
    )


def test_the_asgi_application_defaults_to_production_settings():
    """What a server loads when nobody names the settings: production's, DEBUG off."""
    loaded = output_of(
        [
            sys.executable,
            "-c",
            "import selfassess.config.asgi; from django.conf import settings; "
            "print(settings.SETTINGS_MODULE, settings.DEBUG)",
        ],
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="localhost",
    )
    assert loaded == "selfassess.config.settings.production False"
