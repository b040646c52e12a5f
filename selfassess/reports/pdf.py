"""The board report as a PDF: the web view's templates, laid out on A4 by WeasyPrint.

The PDF is a tagged PDF/UA-1 document, so screen readers can follow its headings, tables and
reading order, with the document language (from the page's ``lang``) and title set, an outline
from the headings, and each chart's text alternative. A provisional report (see
``provisional``) gets a second stylesheet that marks every page.
"""

import re
from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).parent / "static" / "reports" / "board.css"
PROVISIONAL_STYLESHEET = STYLESHEET.with_name("provisional.css")
PDF_VARIANT = "pdf/ua-1"


# A chart's accessible name and description, as the charts package writes them.
CHART_TEXT = re.compile(
    r'<title id="(?P<id>chart-[A-Za-z0-9_-]+)-title">(?P<title>[^<]*)</title>'
    r'<desc id="(?P=id)-desc">(?P<desc>[^<]*)</desc>'
)


def report_html(context) -> str:
    return render_to_string("reports/board_pdf.jinja", context)


def with_full_alternatives(html: str) -> str:
    """A PDF figure's alternative text is its SVG's <title> alone (WeasyPrint reads no
    <desc>), so in the PDF each chart's title also carries its description: a screen reader
    then hears every figure the chart shows, not just its name."""

    def joined(match):
        title, desc = match["title"].rstrip(". "), match["desc"]
        return match[0].replace(f">{match['title']}</title>", f">{title}. {desc}</title>", 1)

    return CHART_TEXT.sub(joined, html)


def stylesheet_paths(context) -> list[Path]:
    paths = [STYLESHEET]
    if context.get("provisional"):
        paths.append(PROVISIONAL_STYLESHEET)
    return paths


def report_pdf(context) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow and only PDFs need it

    html = with_full_alternatives(report_html(context))
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(path)) for path in stylesheet_paths(context)],
        pdf_variant=PDF_VARIANT,
    )
