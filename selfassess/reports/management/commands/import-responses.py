"""selfassess import-responses ASSESSMENT FILE --mapping MAPPING"""

import json

from selfassess.disclosure import gate
from selfassess.reports import imports, mapping_file
from selfassess.reports.commands import ReportsCommand, invalid

MAPPING_HELP = (
    'A JSON file: {"columns": {"column name": "statement id"}, "group": "group name" or '
    '"group_column": "column name", "values": {"answer": level, "Not sure": "dont_know", '
    '"N/A": "blank"}}. Columns named after a statement id and answers that plainly match a '
    "level or the don't know label need not be listed."
)


class Command(ReportsCommand):
    help = (
        "Import responses from another tool's CSV file. Every row is checked first; nothing "
        "is imported if any row has a problem, unless --drop-bad-rows is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("assessment", type=int, help="The assessment's number (its id).")
        parser.add_argument("file", help="The CSV file, with column names in the first row.")
        parser.add_argument("--mapping", required=True, help=MAPPING_HELP)
        parser.add_argument(
            "--drop-bad-rows", action="store_true", help="Import the good rows, leave out the rest."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; import nothing.")

    def handle(self, *args, **options):
        assessment = self.assessment(options["assessment"])
        try:
            sheet = imports.read_csv(self.read_bytes(options["file"]))
        except imports.ImportInvalid as error:
            raise invalid(str(error)) from None
        mapping = self.mapping(self.read_bytes(options["mapping"]), sheet, assessment)
        for repeated in mapping_file.repeated_rows(sheet):
            self.progress(f"Warning: {repeated}")
        problems = imports.check_mapping(mapping, sheet, assessment)
        if problems:
            raise invalid("The mapping cannot be used:\n" + "\n".join(problems))
        refusal = gate.import_refusal(assessment)
        if refusal:
            raise invalid(refusal)
        preview = imports.check(mapping, sheet, assessment)
        for row in preview.bad:
            self.progress(f"Line {row.line}: {' '.join(row.reasons)}")
        self.progress(f"{len(preview.good)} rows ready, {len(preview.bad)} with problems")
        if not preview.good:
            raise invalid("No row can be imported.")
        if preview.bad and not options["drop_bad_rows"]:
            raise invalid("Nothing imported: fix the rows listed, or use --drop-bad-rows.")
        if options["dry_run"]:
            self.progress("Dry run: nothing imported")
            return
        try:
            count = imports.apply(assessment, preview, source_name=str(options["file"]))
        except imports.ImportInvalid as error:
            raise invalid(str(error)) from None
        self.progress(f"Imported answers from {count} people")

    def mapping(self, raw, sheet, assessment):
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise invalid(f"The mapping file is not JSON: {error}.") from None
        try:
            return mapping_file.mapping_from_json(data, sheet, assessment)
        except mapping_file.MappingInvalid as problems:
            raise invalid("The mapping cannot be used:\n" + str(problems)) from None
