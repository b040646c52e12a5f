"""The board PDF holds every component of a framework of any size, inside its pages.

Frameworks of 1, 5, 27 and 40 components on 2, 5, 7 and 10 levels, with long names, text in
right-to-left scripts, Welsh and emoji, and plan actions with words too long for a column.
Every component's name must be in the PDF's text, and WeasyPrint's own layout must put every
chart and every line of text inside its page's content area (never over the footer or off
the side). Before this was fixed, a 27-component framework lost components 23 to 27 under
the footer.
"""

import io
import math
import re
import unicodedata

import pytest
from pypdf import PdfReader

from selfassess.reports.charts import ROWS_PER_CHART
from selfassess.reports.report import board_report

from .builders import answered_assessment, synthetic_snapshot
from .layout import boxes_outside_pages, chart_count, layout

CASES = [
    pytest.param(1, 2, {}, id="1-component-2-levels"),
    pytest.param(5, 5, {"long_names": True}, id="5-components-5-levels-long-names"),
    pytest.param(27, 7, {"mixed_titles": True}, id="27-components-7-levels-mixed-scripts"),
    pytest.param(40, 10, {"mixed_titles": True, "long_names": True}, id="40-components-10-levels"),
]


def words(text: str) -> set[str]:
    """The words of ``text``: PDF text extraction may reorder right-to-left runs and their
    punctuation, but never the letters of a word, so names are compared word by word."""
    text = unicodedata.normalize("NFKC", text)
    return {w for w in re.split(r"[\s().,:;]+", text) if w}


def pdf_text(document) -> str:
    reader = PdfReader(io.BytesIO(document.write_pdf()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("components, levels, options", CASES)
def test_every_component_is_in_the_pdf_and_inside_its_pages(db, components, levels, options):
    snapshot = synthetic_snapshot(components, levels, **options)
    assessment = answered_assessment(snapshot, people=3)
    document = layout(board_report(assessment))

    assert boxes_outside_pages(document) == []
    found = words(pdf_text(document))
    for component in assessment.framework.components:
        missing = words(component.title) - found
        assert not missing, f"{component.title!r}: {sorted(missing)} not in the PDF"
    # The summary chart comes in parts of at most ROWS_PER_CHART rows; each component has
    # its own chart too.
    assert chart_count(document) >= math.ceil(components / ROWS_PER_CHART) + components


def test_the_layout_check_sees_a_chart_over_the_footer(db, monkeypatch):
    """Guard the check: one chart of all 27 rows (as before the fix) is caught."""
    from selfassess.reports import charts

    snapshot = synthetic_snapshot(27, 7)
    assessment = answered_assessment(snapshot, people=3, actions=False)
    monkeypatch.setattr(charts, "ROWS_PER_CHART", 1000)
    monkeypatch.setattr(charts.levels_charts, "__defaults__", (1000,))
    outside = boxes_outside_pages(layout(board_report(assessment)))
    assert any(box.what == "chart" and box.edge == "bottom" for box in outside)
