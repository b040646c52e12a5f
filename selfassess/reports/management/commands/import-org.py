"""selfassess import-org FILE"""

from selfassess.core import limits
from selfassess.reports import orgdata
from selfassess.reports.commands import ReportsCommand, invalid


class Command(ReportsCommand):
    help = (
        "Recreate an organisation from a file written by export-org. Everything is imported "
        "in one transaction, or nothing is. Invitation links are not carried over."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by export-org.")

    def handle(self, *args, **options):
        raw = self.read_bytes(options["file"], most=limits.ORG_FILE_BYTES_MAX)
        try:
            document = orgdata.loads(raw)
            organisation = orgdata.import_organisation(document, progress=self.progress)
        except orgdata.OrgDataInvalid as error:
            raise invalid(str(error)) from None
        self.progress(f"Imported {organisation.name}")
        self.stdout.write(str(organisation.pk))
