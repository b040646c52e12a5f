"""`selfassess backup PATH`: a consistent copy of the database, safe while serving."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selfassess.operations.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to PATH while the service keeps running "
        "(SQLite's online backup, or pg_dump for PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup file to write (replaced)")
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, path, database, **options):
        try:
            vendor = backup(path, database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {vendor} database to {path}")
