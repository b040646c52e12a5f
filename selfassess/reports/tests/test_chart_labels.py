"""No label on the report's charts is cut off, runs out of the chart or is crossed by a grid
line, for scales of 2, 5, 7 and 10 levels and for long names.

Text is measured with the font the PDF is set in (Liberation Sans, which the system gives
for the charts' "Arial"), not with the charts' own width estimate, so the test can catch an
estimate that is too small.
"""

import math
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import ImageFont

from selfassess.charts import HeatCell, HeatmapRow, ScaleLevel, heatmap_chart
from selfassess.reports.charts import REPORT_HEADER_MAX, LevelsRow, levels_chart

SVG = "{http://www.w3.org/2000/svg}"
FONT = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
if not all(Path(p).exists() for p in FONT):
    FONT = None
pytestmark = pytest.mark.skipif(FONT is None, reason="fonts-liberation is not installed")

LONG_NAME = (
    "Leaders at every level, from the ward to the board, spend regular time where the work "
    "happens, listening to staff and patients and removing the obstacles they find"
)
LONG_GROUP = "Patient, carer and lived-experience partners from the community"
NAMES = {2: ("No", "Yes"), 7: tuple(f"Stage {v}" for v in range(1, 8))}


def scale(count):
    names = NAMES.get(count, tuple(f"Level {v} of the scale" for v in range(1, count + 1)))
    return [ScaleLevel(v, names[v - 1]) for v in range(1, count + 1)]


def text_box(element):
    """The rotated bounding box corners of a <text>, in the chart's coordinates."""
    size = float(element.get("font-size"))
    bold = element.get("font-weight") == "bold"
    font = ImageFont.truetype(FONT[1] if bold else FONT[0], size=round(size * 10))
    width = font.getlength(element.text or "") / 10
    x, y = float(element.get("x")), float(element.get("y"))
    anchor = element.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    corners = [(left, y - 0.8 * size), (left + width, y - 0.8 * size), (left, y + 0.25 * size)]
    corners.append((left + width, y + 0.25 * size))
    rotation = re.match(r"rotate\((-?[\d.]+) ([\d.]+) ([\d.]+)\)", element.get("transform", ""))
    if rotation:
        angle, cx, cy = (float(v) for v in rotation.groups())
        a = math.radians(angle)
        corners = [
            (
                cx + (px - cx) * math.cos(a) - (py - cy) * math.sin(a),
                cy + (px - cx) * math.sin(a) + (py - cy) * math.cos(a),
            )
            for px, py in corners
        ]
    return corners


def check_inside(svg):
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own chart markup
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    texts = list(root.iter(f"{SVG}text"))
    assert texts
    for element in texts:
        assert "\N{HORIZONTAL ELLIPSIS}" not in (element.text or ""), element.text
        for px, py in text_box(element):
            assert -0.5 <= px <= width + 0.5, (element.text, px, width)
            assert -0.5 <= py <= height + 0.5, (element.text, py, height)
    return root


def rows_for(levels, names):
    low, high = levels[0].value, levels[-1].value
    middle = (low + high) / 2
    return [
        LevelsRow(names[0], middle, low, high, low, high),
        LevelsRow(names[1], high, middle, high, None, None),
        LevelsRow(names[2], None, None, None, middle, high),
    ]


@pytest.mark.parametrize("count", [2, 5, 7, 10])
@pytest.mark.parametrize(
    "names",
    [
        ("1. Short", "2. Also short", "3. Brief"),
        (LONG_NAME, "4.10 " + LONG_NAME + " " + LONG_NAME, "Supercalifragilistic" * 6),
    ],
    ids=["short", "long"],
)
def test_levels_chart_labels_fit_and_no_grid_line_crosses_them(count, names):
    levels = scale(count)
    svg = levels_chart("t", "Title", "Description.", rows_for(levels, names), levels)
    root = check_inside(svg)
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for name in names:  # every word of every label is drawn, none dropped
        for word in name.split():
            assert word.rstrip("-")[:10] in words.replace("- ", "").replace("-", "")
    labels = [
        t for t in root.iter(f"{SVG}text") if t.get("x") == "0" and t.get("font-size") == "13"
    ]
    grid = [g for g in root.iter(f"{SVG}line") if g.get("stroke-dasharray")]
    assert grid
    for label in labels:
        box = text_box(label)
        left, right = box[0][0], box[1][0]
        top, bottom = box[0][1], box[2][1]
        for line in grid:
            x = float(line.get("x1"))
            y1, y2 = sorted((float(line.get("y1")), float(line.get("y2"))))
            crosses = left <= x <= right and y1 < bottom and y2 > top
            assert not crosses, (label.text, x)


@pytest.mark.parametrize("count", [2, 5, 7, 10])
@pytest.mark.parametrize(
    "groups", [["Board", "Staff"], ["Board", LONG_GROUP, "Front-line staff"] * 2]
)
def test_report_heatmap_labels_fit(count, groups):
    """The report's heatmap: rows named by number, group names never shortened."""
    levels = scale(count)
    rows = [
        HeatmapRow(f"Component {n}", [HeatCell(levels[-1].value)] * len(groups))
        for n in range(1, 6)
    ]
    rows.append(HeatmapRow("Component 6", [HeatCell(hidden=True)] * len(groups)))
    svg = heatmap_chart(
        "h", "Title", "Description.", groups, rows, levels, header_max=REPORT_HEADER_MAX
    )
    root = check_inside(svg)
    drawn = {t.text for t in root.iter(f"{SVG}text")}
    assert set(groups) <= drawn
