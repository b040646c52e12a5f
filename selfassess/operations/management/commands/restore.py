"""`selfassess restore PATH`: replace the database's contents with a backup.

Stop the service first: people answering while the database is replaced would see it change
under them. The restore asks for confirmation unless --no-input is given.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selfassess.operations.backups import BackupError, check_restorable, restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database with the backup at PATH (made by "
        "`selfassess backup`). Stop the service first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup file to restore")
        parser.add_argument("--database", default="default", help="the database alias")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, path, database, interactive, **options):
        try:
            check_restorable(path, database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if interactive:
            answer = input(
                f"This replaces everything in the {database!r} database with {path}. "
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            vendor = restore(path, database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {vendor} database from {path}")
