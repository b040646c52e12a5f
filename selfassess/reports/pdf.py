"""The board report as a PDF: the web view's templates, laid out on A4 by WeasyPrint.

The PDF is a tagged PDF/UA-1 document, so screen readers can follow its headings, tables and
reading order, with the document language (from the page's ``lang``) and title set, an outline
from the headings, and each chart's text alternative. A provisional report (see
``provisional``) gets a second stylesheet that marks every page.
"""

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).parent / "static" / "reports" / "board.css"
PROVISIONAL_STYLESHEET = STYLESHEET.with_name("provisional.css")
PDF_VARIANT = "pdf/ua-1"


def report_html(context) -> str:
    return render_to_string("reports/board_pdf.jinja", context)


def stylesheet_paths(context) -> list[Path]:
    paths = [STYLESHEET]
    if context.get("provisional"):
        paths.append(PROVISIONAL_STYLESHEET)
    return paths


def report_pdf(context) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow and only PDFs need it

    return HTML(string=report_html(context), base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(path)) for path in stylesheet_paths(context)],
        pdf_variant=PDF_VARIANT,
    )
