"""selfassess import-org FILE"""

from selfassess.audit.models import Action
from selfassess.audit.services import record
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
        record(
            organisation=organisation,
            actor=None,
            action=Action.IMPORTED,
            summary="The operator imported the whole organisation's data from the command line",
            details={"bytes": len(raw)},
        )
        self.progress(f"Imported {organisation.name}")
        self.stdout.write(str(organisation.pk))
