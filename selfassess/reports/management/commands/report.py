"""selfassess report ASSESSMENT --format pdf|xlsx|csv|json|html -o FILE"""

from selfassess.reports import data, writers
from selfassess.reports.commands import ReportsCommand, invalid
from selfassess.reports.models import ReportSettings
from selfassess.reports.pdf import report_html, report_pdf, stylesheet_paths
from selfassess.reports.report import board_report

FORMATS = ["pdf", "html", "xlsx", "csv", "json"]


class Command(ReportsCommand):
    help = (
        "Write an assessment's board report (pdf, html) or its data tables (xlsx, csv, json). "
        "CSV writes one table with --table, or a zip file of every table without it."
    )

    def add_arguments(self, parser):
        parser.add_argument("assessment", type=int, help="The assessment's number (its id).")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("-o", "--output", required=True, help="The file to write, or -.")
        parser.add_argument("--table", help=f"For csv: one of {', '.join(data.TABLE_NAMES)}.")

    def handle(self, *args, **options):
        assessment = self.assessment(options["assessment"])
        kind, table = options["format"], options["table"]
        if table and kind != "csv":
            raise invalid("--table is for --format csv only.")
        if table and table not in data.TABLE_NAMES:
            raise invalid(f"Unknown table {table!r}; choose one of {', '.join(data.TABLE_NAMES)}.")
        self.progress(f"Working out the figures for {assessment} ({assessment.organisation})")
        if kind in ("pdf", "html"):
            context = board_report(
                assessment, ReportSettings.objects.filter(assessment=assessment).first()
            )
            if kind == "pdf":
                self.progress("Laying out the PDF")
                content = report_pdf(context)
            else:
                context["inline_css"] = "\n".join(p.read_text() for p in stylesheet_paths(context))
                content = report_html(context).encode()
        else:
            tables = data.build_tables(assessment)
            if kind == "xlsx":
                content = writers.write_xlsx(tables)
            elif kind == "json":
                content = writers.write_json(tables)
            elif table:
                content = writers.write_csv(next(t for t in tables if t.name == table))
            else:
                content = writers.write_csv_zip(tables)
        self.write_bytes(options["output"], content)
        self.progress(f"Wrote {options['output']}")
