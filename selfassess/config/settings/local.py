"""Settings for one machine without a deployment's secrets: the `selfassess` command's
default, with DEBUG off (see dev.py for `make run`)."""

import contextlib
import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR


def _persistent_secret_key():
    """Keep one random key per checkout so sessions survive restarts; never a fixed string."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # 0600 from the first moment: the key signs every session cookie.
        with contextlib.suppress(FileExistsError):  # another process made it first
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


# Off unless asked for: `selfassess` uses these settings when none are chosen, and a debug page
# shows settings and code to anyone who reaches it. `make run` chooses the dev settings,
# which turn it on; DEBUG=1 turns it on here too.
DEBUG = os.environ.get("DEBUG") == "1"
# Styles and scripts are served from the source folders even with DEBUG off, so a local run
# needs no collectstatic.
WHITENOISE_USE_FINDERS = True
SECRET_KEY = os.environ.get("SECRET_KEY") or _persistent_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
