"""The database, its backups and exported files are readable by the service's user only."""

import os
import stat

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from selfassess.operations.private_files import precreate_sqlite
from selfassess.organisations.tests.factories import OrganisationFactory


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    """The umask most systems start services with, which leaves new files world-readable."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_created_0600(tmp_path, usual_umask):
    path = tmp_path / "backup.db"
    call_command("backup", str(path))
    assert mode_of(path) == 0o600


@pytest.mark.django_db
def test_an_exported_organisation_is_written_0600_even_over_an_open_file(tmp_path, usual_umask):
    organisation = OrganisationFactory()
    path = tmp_path / "org.json"
    path.write_text("old")
    path.chmod(0o644)
    call_command("export-org", str(organisation.pk), "-o", str(path))
    assert mode_of(path) == 0o600
    assert path.read_bytes().startswith(b"{")


def _sqlite_settings(name):
    settings = dict(connections["default"].settings_dict)
    settings.update(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
        }
    )
    return settings


def test_a_new_sqlite_database_is_created_0600(tmp_path, usual_umask, django_db_blocker):
    name = tmp_path / "selfassess.sqlite3"
    precreate_sqlite({"default": _sqlite_settings(name)})
    assert mode_of(name) == 0o600
    wrapper = DatabaseWrapper(_sqlite_settings(name), alias="private-files-test")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("INSERT INTO t VALUES (1)")
            sides = [f"{name}-wal", f"{name}-shm"]
            assert any(os.path.exists(side) for side in sides)
            for side in sides:
                if os.path.exists(side):
                    assert mode_of(side) == 0o600
    finally:
        wrapper.close()


def test_an_open_sqlite_database_is_narrowed_when_the_service_connects(
    tmp_path, usual_umask, django_db_blocker
):
    name = tmp_path / "copied-in.sqlite3"
    name.touch()
    name.chmod(0o644)
    wrapper = DatabaseWrapper(_sqlite_settings(name), alias="private-files-test")
    try:
        with django_db_blocker.unblock():
            wrapper.ensure_connection()
    finally:
        wrapper.close()
    assert mode_of(name) == 0o600
