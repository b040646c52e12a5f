"""Settings for the test suite: the same as production in behaviour, faster where it is safe."""

import secrets

from .base import *  # noqa: F403

SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# On SQLite the test database is a file, not Django's shared in-memory database: the browser
# tests' live server answers from several threads at once, and the in-memory database's shared
# cache refuses a second thread at once ("database table is locked") where a file in WAL mode
# lets readers go on and makes a writer wait its turn, as the embedded deployment does. Its
# name carries the process id, so two suites running side by side never share a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"selfassess-test-{os.getpid()}.sqlite3")
    }

# The worker tries again at once in tests, so a retry is seen within the test.
SELFASSESS_MAIL_RETRY_DELAYS = [0, 0, 0, 0]
