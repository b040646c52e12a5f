"""Settings for the benchmark: the test settings on a throwaway SQLite file.

The database is always a local SQLite file (``SELFASSESS_BENCH_DB``, set by ``bench.__main__``),
never the development database and never ``DATABASE_URL``, so a benchmark cannot touch real
data or a shared server.
"""

import os

from selfassess.config.settings.test import *  # noqa: F403
from selfassess.config.settings.test import VAR_DIR

BENCH_DB = os.environ.get("SELFASSESS_BENCH_DB") or str(VAR_DIR / "bench" / "bench.sqlite3")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BENCH_DB,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
}
