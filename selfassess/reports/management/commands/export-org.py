"""selfassess export-org ORGANISATION -o FILE"""

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
        self.write_bytes(options["output"], orgdata.dumps(document))
        self.progress(f"Wrote {options['output']}")
