"""Files that hold an organisation's data are readable by the service's own user only (0600).

The SQLite database, its write-ahead log, backups and exported files hold every answer and
every member's address. Created with the process's usual umask (often 022) they would be
readable by every account on the machine; so each is created 0600 from the start (never
created open and narrowed later, which leaves a moment when another account could open it)
and the database file is narrowed again whenever the service connects, in case it was
copied in or created by an older version.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from django.db.backends.signals import connection_created
from django.dispatch import receiver

PRIVATE = 0o600
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def make_private(path) -> None:
    """Narrow an existing file to 0600 (only its owner may read or write it)."""
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode != PRIVATE:
        os.chmod(path, PRIVATE)


def create_private(path) -> None:
    """Create an empty file that is 0600 from its first moment, replacing nothing."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    try:
        os.fchmod(descriptor, PRIVATE)  # the umask could only have narrowed it; be sure
    finally:
        os.close(descriptor)


def write_private(path, content: bytes) -> None:
    """Write ``content`` to ``path`` (replacing it) as a 0600 file."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), PRIVATE)  # an existing file keeps its old mode otherwise
        handle.write(content)


def sqlite_files(name) -> list[Path]:
    return [Path(f"{name}{suffix}") for suffix in SQLITE_SIDE_FILES]


def precreate_sqlite(databases) -> None:
    """Create each SQLite database file 0600 before SQLite first opens it (SQLite then gives
    its write-ahead log and shared-memory files the same mode). Runs once, as the app
    starts, before any connection is made."""
    for settings_dict in databases.values():
        if "sqlite" not in settings_dict.get("ENGINE", ""):
            continue
        name = str(settings_dict.get("NAME") or "")
        if not name or name == ":memory:" or name.startswith("file:"):
            continue
        path = Path(name)
        if path.parent.is_dir() and not path.exists():
            with contextlib.suppress(FileExistsError):  # another process made it first
                create_private(path)


@receiver(connection_created, dispatch_uid="operations-private-sqlite")
def _private_sqlite(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in sqlite_files(name):
        make_private(path)
