"""Medians with their quartile ranges on the level scale: one row per component (or statement).

Each row shows a bar from the lower to the upper quartile (where the middle half of the rated
answers lie) and a dot at the median, on an axis running from the lowest level to the highest.
Shape, not colour, carries the meaning (bar and dot), and the median is also written at the end
of the row, so the chart reads the same in black and white print.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from . import palette
from .distribution import ScaleLevel
from .svg import document, escape, fit, level_text, num, text_at, text_width

WIDTH = 640
VALUE_COLUMN = 110
AXIS_HEIGHT = 34
NAME_SIZE = 11  # level names under the axis numbers: small enough for five to fit in a row
ROW_LABEL_HEIGHT = 22
BAR_HEIGHT = 12
ROW_HEIGHT = 26
ROW_GAP = 12
KEY_HEIGHT = 30


@dataclass(frozen=True)
class RangeRow:
    """One row: a label and its median and quartiles in level values (None: no rated answers)."""

    label: str
    median: float | None
    q1: float | None
    q3: float | None


class Axis:
    """Maps level values to x positions between ``left`` and ``right``."""

    def __init__(self, levels: Sequence[ScaleLevel], left: float, right: float):
        if not levels:
            raise ValueError("a range chart needs at least one level")
        self.low = min(level.value for level in levels)
        self.high = max(level.value for level in levels)
        self.left, self.right = left, right

    def x(self, value: float) -> float:
        if self.high == self.low:
            return (self.left + self.right) / 2
        share = (value - self.low) / (self.high - self.low)
        return self.left + share * (self.right - self.left)


def describe_row(row: RangeRow) -> str:
    if row.median is None:
        return f"{row.label}: no rated answers yet."
    return (
        f"{row.label}: median {level_text(row.median)}, middle half of answers from "
        f"{level_text(row.q1)} to {level_text(row.q3)}."
    )


def _axis_labels(levels, axis: Axis, gap: float = 8):
    """Each level's axis label as lines, and its anchor: the number with the level's name on a
    line below where every name fits beside its neighbours (the end ones anchored inwards so
    they stay inside the chart), else the numbers alone."""
    anchors = []
    for level in levels:
        anchor = "middle"
        if level.value == axis.low:
            anchor = "start"
        elif level.value == axis.high:
            anchor = "end"
        anchors.append(anchor)
    extents = []
    for level, anchor in zip(levels, anchors, strict=True):
        x, width = axis.x(level.value), text_width(level.name, NAME_SIZE)
        left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        extents.append((left, left + width))
    if all(right + gap <= left for (_, right), (left, _) in pairwise(extents)):
        return [
            ((str(level.value), level.name), anchor)
            for level, anchor in zip(levels, anchors, strict=True)
        ]
    return [((str(level.value),), "middle") for level in levels]


def _axis(labels, levels, axis: Axis, top: float, height: float) -> str:
    parts = []
    for level, (lines, anchor) in zip(levels, labels, strict=True):
        x = axis.x(level.value)
        parts.append(
            f'<line x1="{num(x)}" y1="{num(top - 8)}" x2="{num(x)}" y2="{num(height)}" '
            f'stroke="{palette.PALE_GREY}" stroke-width="1"/>'
            + "".join(
                text_at(x, 16 + 15 * index, line, size=NAME_SIZE if index else 12, anchor=anchor)
                for index, line in enumerate(lines)
            )
        )
    return "".join(parts)


def _row(row: RangeRow, axis: Axis, y: float, width: float) -> str:
    parts = []
    if row.label:
        parts.append(
            f"<g><title>{escape(row.label)}</title>"
            + text_at(0, y + 15, fit(row.label, width, 14), size=14, weight="bold")
            + "</g>"
        )
        y += ROW_LABEL_HEIGHT
    middle = y + ROW_HEIGHT / 2
    if row.median is None:
        parts.append(text_at(axis.left, middle + 5, "No rated answers yet", size=14))
        return "".join(parts)
    x1, x3 = axis.x(row.q1), axis.x(row.q3)
    bar_x, bar_width = (x1, x3 - x1) if x3 - x1 >= 4 else ((x1 + x3) / 2 - 2, 4)
    parts.append(
        f'<g class="app-chart__range"><title>{escape(describe_row(row))}</title>'
        f'<rect x="{num(bar_x)}" '
        f'y="{num(middle - BAR_HEIGHT / 2)}" width="{num(bar_width)}" height="{BAR_HEIGHT}" '
        f'fill="{palette.LIGHT_BLUE}" stroke="{palette.NHS_BLUE}" stroke-width="1"/>'
        f'<circle cx="{num(axis.x(row.median))}" cy="{num(middle)}" r="7" '
        f'fill="{palette.DARK_BLUE}" stroke="{palette.WHITE}" stroke-width="2"/></g>'
        + text_at(axis.right + 16, middle + 5, f"Median {level_text(row.median)}", size=14)
    )
    return "".join(parts)


def _key(y: float) -> str:
    return (
        f'<rect x="0" y="{num(y + 4)}" width="28" height="{BAR_HEIGHT}" '
        f'fill="{palette.LIGHT_BLUE}" stroke="{palette.NHS_BLUE}" stroke-width="1"/>'
        + text_at(36, y + 15, "Middle half of answers", size=13)
        + f'<circle cx="{num(230)}" cy="{num(y + 10)}" r="7" fill="{palette.DARK_BLUE}"/>'
        + text_at(244, y + 15, "Median", size=13)
    )


def range_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[RangeRow],
    levels: Sequence[ScaleLevel],
    width: float = WIDTH,
) -> str:
    """Median and quartile range per row, on a shared level axis; an SVG string."""
    levels = list(levels)
    words = " ".join(describe_row(row) for row in rows)
    full_description = f"{description} {words}".strip() if rows else f"{description} No data."
    if not rows:
        return document(
            chart_id, title, full_description, width, 32, text_at(0, 20, "No answers yet")
        )
    axis = Axis(levels, 12, width - VALUE_COLUMN)
    labels = _axis_labels(levels, axis)
    top = AXIS_HEIGHT + 15 * (max(len(lines) for lines, _anchor in labels) - 1)
    row_block = ROW_HEIGHT + ROW_GAP
    height = top + sum(row_block + (ROW_LABEL_HEIGHT if row.label else 0) for row in rows)
    parts = [_axis(labels, levels, axis, top, height - ROW_GAP)]
    y = float(top)
    for row in rows:
        parts.append(_row(row, axis, y, width))
        y += row_block + (ROW_LABEL_HEIGHT if row.label else 0)
    parts.append(_key(y))
    return document(chart_id, title, full_description, width, y + KEY_HEIGHT, "".join(parts))
