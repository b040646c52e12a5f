"""Where WeasyPrint put things: every chart and line of text of a PDF, by page.

Checking the PDF's text shows what is there but not where; a chart drawn over the footer or
a table pushed off the side of the page still has its text. So the report is laid out by
WeasyPrint itself (the same call that writes the PDF) and each box is compared with its
page's content area, the space inside the margins where the footer is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from weasyprint import CSS, HTML

from selfassess.reports.pdf import STYLESHEET, report_html

SLACK = 0.5  # CSS pixels of rounding


@dataclass(frozen=True)
class Outside:
    page: int
    what: str
    edge: str


def _content_area(page_box):
    left = page_box.content_box_x()
    top = page_box.content_box_y()
    return left, top, left + page_box.width, top + page_box.height


def layout(context):
    html = HTML(string=report_html(context), base_url=str(STYLESHEET.parent))
    return html.render(stylesheets=[CSS(filename=str(STYLESHEET))])


def boxes_outside_pages(document) -> list[Outside]:
    """Charts and text lines that reach beyond their page's content area."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, _top, right, bottom = _content_area(page_box)
        for box in _body_boxes(page_box):
            is_chart = _is_chart(box)
            is_line = type(box).__name__ == "LineBox"
            if not (is_chart or is_line):
                continue
            what = "chart" if is_chart else f"line {_text_of(box)[:40]!r}"
            x, y = box.position_x, box.position_y
            width, height = box.margin_width(), box.margin_height()
            if is_line:
                width = sum(child.margin_width() for child in box.children)
                x = min((child.position_x for child in box.children), default=x)
            if y + height > bottom + SLACK:
                found.append(Outside(number, what, "bottom"))
            if x + width > right + SLACK:
                found.append(Outside(number, what, "right"))
            if x < left - SLACK:
                found.append(Outside(number, what, "left"))
    return found


def _text_of(box) -> str:
    text = getattr(box, "text", None)
    if text is not None:
        return text
    return "".join(_text_of(child) for child in getattr(box, "children", ()))


def _body_boxes(page_box):
    """The page's boxes apart from its margin boxes (the footer lives there, by design)."""
    for child in page_box.children:
        if type(child).__name__ != "MarginBox":
            yield from child.descendants()


def _is_chart(box) -> bool:
    tag = getattr(box, "element_tag", None) or ""
    return tag == "svg" or tag.endswith("}svg")


def chart_count(document) -> int:
    return sum(
        1 for page in document.pages for box in _body_boxes(page._page_box) if _is_chart(box)
    )
