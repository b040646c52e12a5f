"""Backing up and restoring the service's database, whichever engine it runs on.

Why these methods:

* SQLite: the online backup API copies the database page by page under its own read
  transaction, so the copy is one consistent moment even while the service keeps writing
  (WAL mode lets the writers go on). Copying the file instead could catch a write half done.
  The copy is switched out of WAL mode, so the backup is one self-contained file.
* PostgreSQL: ``pg_dump`` reads everything in one snapshot transaction, so it too is a
  consistent moment while the service is serving. The custom format is compressed and is
  restored with ``pg_restore`` in a single transaction: the database is either wholly
  restored or left as it was. ``pg_dump`` must be at least as new as the server (an older
  one refuses or, worse, misses features), so its version is checked first.

A backup is written next to its destination under a temporary name and renamed when complete,
so a crash never leaves a half-written file under the name asked for. It is created readable
by the service's own user only (0600, see `private_files`), as the database itself is.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from .private_files import create_private, make_private, sqlite_files

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def backup(path: Path, alias: str = "default") -> str:
    """Write a consistent copy of the database to ``path``; returns the engine's name."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"the folder {path.parent} does not exist: create it first")
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    vendor = engine(alias)
    try:
        create_private(partial)
        if vendor == "sqlite":
            _sqlite_backup(partial, alias)
        else:
            _pg_dump(partial, alias)
        make_private(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return vendor


def restore(path: Path, alias: str = "default") -> str:
    """Replace the database's contents with the backup at ``path``; returns the engine."""
    vendor = check_restorable(path, alias)
    if vendor == "sqlite":
        _sqlite_restore(Path(path), alias)
    else:
        _pg_restore(Path(path), alias)
    return vendor


def check_restorable(path: Path, alias: str = "default") -> str:
    """Refuse, before anything is changed, a file that cannot be restored here."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"there is no backup file at {path}")
    vendor = engine(alias)
    kind = backup_kind(path)
    if kind != vendor:
        raise BackupError(
            f"{path} is a {kind or 'unknown kind of'} backup, but this service's database is "
            f"{vendor}: restore it into a {kind or 'matching'} database"
        )
    return vendor


def backup_kind(path: Path) -> str | None:
    with open(path, "rb") as backup_file:
        head = backup_file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return None


# -- SQLite ---------------------------------------------------------------------------------


def _sqlite_connection(alias):
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(destination: Path, alias: str) -> None:
    copy = sqlite3.connect(destination)
    try:
        _sqlite_connection(alias).backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(f"the copy failed its integrity check: {result}")
    finally:
        copy.close()


def _sqlite_restore(source: Path, alias: str) -> None:
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (result,) = backup_db.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise BackupError(f"{source} is damaged ({result}); choose another backup")
        backup_db.backup(_sqlite_connection(alias))
    finally:
        backup_db.close()
    for side_file in sqlite_files(connections[alias].settings_dict["NAME"]):
        make_private(side_file)


# -- PostgreSQL -----------------------------------------------------------------------------


def _pg_arguments(alias: str) -> tuple[list[str], dict[str, str]]:
    settings = connections[alias].settings_dict
    arguments = ["--no-password"]
    if settings.get("HOST"):
        arguments += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", settings["USER"]]
    arguments += ["--dbname", settings["NAME"]]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools")
    return found


def tool_major_version(name: str) -> int:
    output = subprocess.run(  # noqa: S603 - a fixed PostgreSQL tool
        [_tool(name), "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if match is None:
        raise BackupError(f"could not read the version of {name} from {output!r}")
    return int(match.group(1))


def server_major_version(alias: str) -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def check_tool_version(name: str, alias: str) -> None:
    tool, server = tool_major_version(name), server_major_version(alias)
    if tool < server:
        raise BackupError(
            f"{name} is version {tool} but the database server is version {server}: "
            f"install the version {server} client tools"
        )


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise BackupError(f"{what} failed: {completed.stderr.strip()[-2000:]}")


def _pg_dump(destination: Path, alias: str) -> None:
    check_tool_version("pg_dump", alias)
    arguments, env = _pg_arguments(alias)
    _run(
        [
            _tool("pg_dump"),
            *arguments,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(destination),
        ],
        env,
        "pg_dump",
    )


def _pg_restore(source: Path, alias: str) -> None:
    check_tool_version("pg_restore", alias)
    arguments, env = _pg_arguments(alias)
    connections[alias].close()  # hold no locks on the tables being replaced
    _run(
        [
            _tool("pg_restore"),
            *arguments,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        ],
        env,
        "pg_restore",
    )
