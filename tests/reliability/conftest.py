"""Fault tests against a real gunicorn on a scratch database (see bench/server.py).

They run in the normal test run, at a reduced size (SELFASSESS_RELIABILITY_PARTICIPANTS,
default 30). The SQLite ones always run. The PostgreSQL ones run whenever DATABASE_URL is a
PostgreSQL URL, as in CI's second pass, and fail (never skip) if that server cannot be
reached; without such a URL they are skipped with the reason shown by ``-ra``.
Each test makes its own database (named after the process), so parallel runs do not collide.
"""

import os

import pytest

PARTICIPANTS = int(os.environ.get("SELFASSESS_RELIABILITY_PARTICIPANTS", "30"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "reliability: fault tests against a real server process and database"
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/reliability" in str(item.fspath):
            item.add_marker(pytest.mark.reliability)


def database_kinds():
    return [
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(
                not ON_POSTGRES, reason="PostgreSQL runs when DATABASE_URL is a PostgreSQL URL"
            ),
        ),
    ]


def scratch_name(purpose: str) -> str:
    return f"selfassess_reliability_{purpose}_{os.getpid()}"


def shared(redis_url: str) -> dict[str, str]:
    """The environment several workers need: a Redis for the workshop's live updates (the
    production gunicorn settings refuse to start more than one worker without it)."""
    return {"SELFASSESS_LIVE_REDIS_URL": redis_url}
