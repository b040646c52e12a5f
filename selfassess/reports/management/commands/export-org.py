"""selfassess export-org ORGANISATION -o FILE"""

from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.models import Organisation
from selfassess.reports import orgdata
from selfassess.reports.commands import ReportsCommand, not_found


class Command(ReportsCommand):
    help = "Write everything an organisation owns to one JSON file (see import-org)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", type=int, help="The organisation's number (its id).")
        parser.add_argument("-o", "--output", required=True, help="The file to write, or -.")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise not_found(f"There is no organisation {options['organisation']}.")
        document = orgdata.export_organisation(organisation, progress=self.progress)
        content = orgdata.dumps(document)
        self.write_bytes(options["output"], content)
        record(
            organisation=organisation,
            actor=None,
            action=Action.EXPORTED,
            summary="The operator exported the whole organisation's data from the command line",
            details={"bytes": len(content)},
        )
        self.progress(f"Wrote {options['output']}")
        for line in document["personal_data"]:
            self.progress(f"It holds: {line}")
