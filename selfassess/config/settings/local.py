"""Settings for `make run` on a developer's or evaluator's machine."""

import os
import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR


def _persistent_secret_key():
    """Keep one random key per checkout so sessions survive restarts; never a fixed string."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or _persistent_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
