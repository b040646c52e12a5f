"""The board report as a PDF: the web view's templates, laid out on A4 by WeasyPrint."""

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).parent / "static" / "reports" / "board.css"


def report_html(context) -> str:
    return render_to_string("reports/board_pdf.jinja", context)


def report_pdf(context) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow and only PDFs need it

    return HTML(string=report_html(context), base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
