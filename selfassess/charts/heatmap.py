"""A heatmap of medians: rows (statements, grouped under their component) by columns (groups).

A cell's colour is the median's place on the pale-to-dark level ramp, and the median is written
in the cell, so colour is never the only carrier. A hidden (suppressed) cell is striped and says
"Hidden"; it receives no value at all (``HeatCell(hidden=True)``), so a suppressed figure cannot
leak into the markup. A cell with answers but no rated ones (all "don't know") shows a dash.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import palette
from .distribution import ScaleLevel
from .svg import (
    attr,
    document,
    escape,
    fit,
    hatch_pattern,
    level_text,
    num,
    safe_id,
    text_at,
    text_width,
)

WIDTH = 800
LABEL_SHARE = 0.3
CELL_HEIGHT = 30
HEADER_SIZE = 12
HEADER_ANGLE = 50
HEADER_MAX = 260
HIDDEN_TEXT = "Hidden"
NO_VALUE_TEXT = "\N{EN DASH}"


@dataclass(frozen=True)
class HeatCell:
    """A median in level values, or hidden. A hidden cell holds no value by construction."""

    value: float | None = None
    hidden: bool = False

    def __post_init__(self) -> None:
        if self.hidden and self.value is not None:
            raise ValueError("a hidden cell must not carry a value")


@dataclass(frozen=True)
class HeatmapRow:
    label: str
    cells: Sequence[HeatCell]
    heading: bool = False
    """A component's own row, drawn in bold with a rule above it."""


def cell_colour(value: float, levels: Sequence[ScaleLevel]) -> str:
    low = min(level.value for level in levels)
    high = max(level.value for level in levels)
    share = 1.0 if high == low else (value - low) / (high - low)
    return palette.ramp_colour(share)


def _describe(columns: Sequence[str], row: HeatmapRow) -> str:
    parts = []
    for column, cell in zip(columns, row.cells, strict=True):
        if cell.hidden:
            parts.append(f"{column} hidden")
        elif cell.value is None:
            parts.append(f"{column} no rated answers")
        else:
            parts.append(f"{column} {level_text(cell.value)}")
    return f"{row.label}: " + ", ".join(parts) + "."


def _header_length(columns, header_max=HEADER_MAX) -> float:
    """The drawn length of the longest column name, capped at ``header_max``."""
    return min(max(text_width(column, HEADER_SIZE) for column in columns), header_max)


def _header(columns, left, cell_width, length, header_max=HEADER_MAX) -> tuple[str, float]:
    """Column names slanted upwards, so long group names stay readable in narrow columns."""
    bottom = length * math.sin(math.radians(HEADER_ANGLE)) + 16
    parts = []
    for index, column in enumerate(columns):
        x = left + cell_width * (index + 0.5) - 4
        parts.append(
            f"<g><title>{escape(column)}</title>"
            f'<text x="{num(x)}" y="{num(bottom - 6)}" font-size="{HEADER_SIZE}" '
            f'fill="{palette.TEXT}" font-weight="bold" '
            f'transform="rotate(-{HEADER_ANGLE} {num(x)} {num(bottom - 6)})">'
            f"{escape(fit(column, header_max, HEADER_SIZE))}</text></g>"
        )
    return "".join(parts), bottom


def _cell(column, row, cell, levels, x, y, width, pattern_id) -> str:
    where = f"{column}, {row.label}"
    if cell.hidden:
        state, fill, label, tip = "hidden", f"url(#{pattern_id})", HIDDEN_TEXT, f"{where}: hidden"
    elif cell.value is None:
        state, fill, label = "empty", palette.WHITE, NO_VALUE_TEXT
        tip = f"{where}: no rated answers"
    else:
        state, fill, label = "value", cell_colour(cell.value, levels), level_text(cell.value)
        tip = f"{where}: median {label}"
    colour = palette.BLACK if state != "value" else palette.text_colour_on(fill)
    halo = ' stroke="#FFFFFF" stroke-width="3" paint-order="stroke"' if state == "hidden" else ""
    size = 12 if text_width(label, 13) > width - 6 else 13
    return (
        f'<g class="app-chart__cell" data-state="{state}"><title>{escape(tip)}</title>'
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{CELL_HEIGHT}" '
        f'fill="{attr(fill)}" stroke="{palette.WHITE}" stroke-width="2"/>'
        f'<text x="{num(x + width / 2)}" y="{num(y + 20)}" font-size="{size}" '
        f'fill="{colour}" text-anchor="middle" font-weight="bold"{halo}>{escape(label)}</text>'
        "</g>"
    )


def _legend(levels, y, pattern_id) -> str:
    parts = []
    x = 0.0
    for level in levels:
        fill = cell_colour(level.value, levels)
        parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="28" height="22" fill="{fill}" '
            f'stroke="{palette.DARK_GREY}" stroke-width="1"/>'
            + text_at(
                x + 14,
                y + 16,
                str(level.value),
                size=12,
                fill=palette.text_colour_on(fill),
                anchor="middle",
                weight="bold",
            )
        )
        x += 30
    parts.append(text_at(x + 6, y + 16, "Median level", size=13))
    x += 6 + text_width("Median level", 13) + 20
    parts.append(
        f'<rect x="{num(x)}" y="{num(y)}" width="28" height="22" fill="url(#{pattern_id})" '
        f'stroke="{palette.DARK_GREY}" stroke-width="1"/>'
        + text_at(x + 36, y + 16, "Hidden to protect small groups", size=13)
    )
    return "".join(parts)


def heatmap_chart(
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[str],
    rows: Sequence[HeatmapRow],
    levels: Sequence[ScaleLevel],
    width: float = WIDTH,
    header_max: float = HEADER_MAX,
) -> str:
    """Rows by columns of medians; an SVG string (see the module docstring).

    ``header_max`` caps the drawn length of a column name (longer ones are shortened, the
    full name in its tooltip); a printed report, which has no tooltips, passes a cap no
    name reaches."""
    levels = list(levels)
    for row in rows:
        if len(row.cells) != len(columns):
            raise ValueError(
                f"row {row.label!r} has {len(row.cells)} cells for {len(columns)} columns"
            )
    words = " ".join(_describe(columns, row) for row in rows)
    full_description = f"{description} {words}".strip()
    if not rows or not columns:
        return document(
            chart_id, title, f"{description} No data.", width, 32, text_at(0, 20, "No answers yet")
        )
    pattern_id = f"{safe_id(chart_id)}-hidden"
    left = width * LABEL_SHARE
    # The last column's name slants past the grid: leave room for it on the right.
    length = _header_length(columns, header_max)
    reach = length * math.cos(math.radians(HEADER_ANGLE))
    cell_width = (width - left - reach) / len(columns)
    right_margin = max(reach - cell_width / 2, 0)
    cell_width = (width - left - right_margin) / len(columns)
    grid_right = left + cell_width * len(columns)
    header, y = _header(columns, left, cell_width, length, header_max)
    parts = [header]
    y += 6
    for row in rows:
        if row.heading:
            y += 6
            parts.append(
                f'<line x1="0" y1="{num(y - 3)}" x2="{num(grid_right)}" y2="{num(y - 3)}" '
                f'stroke="{palette.DARK_GREY}" stroke-width="1"/>'
            )
        weight = "bold" if row.heading else None
        parts.append(
            f"<g><title>{escape(row.label)}</title>"
            + text_at(0, y + 20, fit(row.label, left - 8, 13), size=13, weight=weight)
            + "</g>"
        )
        for index, (column, cell) in enumerate(zip(columns, row.cells, strict=True)):
            x = left + cell_width * index
            parts.append(_cell(column, row, cell, levels, x, y, cell_width, pattern_id))
        y += CELL_HEIGHT
    parts.append(_legend(levels, y + 16, pattern_id))
    defs = hatch_pattern(pattern_id, palette.PALE_GREY, palette.MID_GREY)
    return document(chart_id, title, full_description, width, y + 46, "".join(parts), defs)
