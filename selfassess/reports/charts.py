"""The board report's chart: survey spread beside the agreed current and target levels.

Built from the charts package's parts (its axis, SVG helpers and palette) so that it looks and
behaves like every other chart of the service: an image named by its title and described in
words, escaped text, no style attributes. Each row shows the middle half of the survey answers
as a bar and the median as a dot, as the results pages do, plus the level the workshop agreed
(a black square) and the target (an open diamond). Shapes, not colours, tell them apart, and the
figures are written at the end of the row, so the chart survives black and white printing.

Labels are never cut short: a long statement wraps onto as many lines as it needs, above its
row's marks, and the level grid lines run only through the marks, so no line crosses a label.
Wrapping estimates widths generously (`LABEL_CHAR_WIDTH`, wider than the charts package's
average, for bold text), so a label stays inside the chart in any common sans-serif font.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from selfassess.charts import ScaleLevel, level_text, palette
from selfassess.charts.ranges import Axis
from selfassess.charts.svg import document, escape, num, text_at

WIDTH = 640
# Paper has no tooltips, so group names are never shortened in the report's heatmap: this
# cap is above the longest name a group can have (100 characters at 12px).
REPORT_HEADER_MAX = 700
VALUE_COLUMN = 170
AXIS_HEIGHT = 34
LABEL_SIZE = 13
LABEL_LINE = 17
LABEL_CHAR_WIDTH = 0.58
ROW_HEIGHT = 34
ROW_GAP = 6
KEY_HEIGHT = 30
BAR_HEIGHT = 10


@dataclass(frozen=True)
class LevelsRow:
    label: str
    median: float | None
    q1: float | None
    q3: float | None
    current: float | None
    target: float | None


def _figure(value) -> str:
    return "\N{EN DASH}" if value is None else level_text(value)


def describe(row: LevelsRow) -> str:
    survey = (
        "no rated answers"
        if row.median is None
        else f"survey median {level_text(row.median)}, middle half from "
        f"{level_text(row.q1)} to {level_text(row.q3)}"
    )
    return (
        f"{row.label}: {survey}; agreed current level {_figure(row.current)}; "
        f"target {_figure(row.target)}."
    )


def _square(x, y, size=7):
    return (
        f'<rect x="{num(x - size)}" y="{num(y - size)}" width="{num(2 * size)}" '
        f'height="{num(2 * size)}" fill="{palette.BLACK}" stroke="{palette.WHITE}" '
        f'stroke-width="1.5"/>'
    )


def _diamond(x, y, size=8):
    points = f"{num(x)},{num(y - size)} {num(x + size)},{num(y)} {num(x)},{num(y + size)} " + (
        f"{num(x - size)},{num(y)}"
    )
    return (
        f'<polygon points="{points}" fill="{palette.WHITE}" stroke="{palette.BLACK}" '
        f'stroke-width="2.5"/>'
    )


def _dot(x, y):
    return (
        f'<circle cx="{num(x)}" cy="{num(y)}" r="6" fill="{palette.NHS_BLUE}" '
        f'stroke="{palette.WHITE}" stroke-width="1.5"/>'
    )


def wrap(text: str, width: float, size: float = LABEL_SIZE) -> list[str]:
    """``text`` in lines that each fit ``width``; a single word longer than that is split
    (with a hyphen), which for real statement texts does not happen."""
    limit = max(int(width / (size * LABEL_CHAR_WIDTH)), 8)
    lines, line = [], ""
    for word in text.split():
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: limit - 1] + "-")
            word = word[limit - 1 :]
        candidate = f"{line} {word}".strip()
        if len(candidate) <= limit:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _axis(levels, axis: Axis) -> str:
    return "".join(
        text_at(axis.x(level.value), 16, f"{level.value}", size=13, anchor="middle", weight="bold")
        for level in levels
    )


def _grid(levels, axis: Axis, top: float, bottom: float) -> str:
    return "".join(
        f'<line x1="{num(axis.x(level.value))}" y1="{num(top)}" '
        f'x2="{num(axis.x(level.value))}" y2="{num(bottom)}" stroke="{palette.MID_GREY}" '
        f'stroke-width="0.75" stroke-dasharray="2 3"/>'
        for level in levels
    )


def _row(row: LevelsRow, axis: Axis, levels, y: float, lines: list[str]) -> str:
    label = "".join(
        text_at(0, y + 13 + index * LABEL_LINE, line, size=LABEL_SIZE, weight="bold")
        for index, line in enumerate(lines)
    )
    parts = [f"<g><title>{escape(row.label)}</title>{label}</g>"]
    top = y + len(lines) * LABEL_LINE + 2
    parts.append(_grid(levels, axis, top, top + ROW_HEIGHT))
    middle = top + ROW_HEIGHT / 2
    survey, agreed = middle - 8, middle + 9  # two lines, so equal levels never hide each other
    marks = []
    if row.median is not None:
        x1, x3 = axis.x(row.q1), axis.x(row.q3)
        bar_x, bar_width = (x1, x3 - x1) if x3 - x1 >= 4 else ((x1 + x3) / 2 - 2, 4)
        marks.append(
            f'<rect x="{num(bar_x)}" y="{num(survey - BAR_HEIGHT / 2)}" '
            f'width="{num(bar_width)}" height="{BAR_HEIGHT}" fill="{palette.PALE_BLUE}" '
            f'stroke="{palette.NHS_BLUE}" stroke-width="1"/>' + _dot(axis.x(row.median), survey)
        )
    if row.target is not None and row.current is not None:
        marks.append(
            f'<line x1="{num(axis.x(row.current))}" y1="{num(agreed)}" '
            f'x2="{num(axis.x(row.target))}" y2="{num(agreed)}" stroke="{palette.BLACK}" '
            f'stroke-width="1.5"/>'
        )
    if row.target is not None:
        marks.append(_diamond(axis.x(row.target), agreed, 7))
    if row.current is not None:
        marks.append(_square(axis.x(row.current), agreed, 5))
    parts.append(f"<g><title>{escape(describe(row))}</title>{''.join(marks)}</g>")
    parts.append(text_at(axis.right + 14, survey + 4, f"Median {_figure(row.median)}", size=11))
    agreed_text = (
        "Not agreed yet"
        if row.current is None and row.target is None
        else f"Agreed {_figure(row.current)}, target {_figure(row.target)}"
    )
    parts.append(text_at(axis.right + 14, agreed + 4, agreed_text, size=11))
    return "".join(parts)


def _key(y: float) -> str:
    return (
        f'<rect x="0" y="{num(y + 5)}" width="24" height="{BAR_HEIGHT}" '
        f'fill="{palette.PALE_BLUE}" stroke="{palette.NHS_BLUE}" stroke-width="1"/>'
        + text_at(30, y + 14, "Middle half of survey answers", size=12)
        + _dot(220, y + 10)
        + text_at(232, y + 14, "Survey median", size=12)
        + _square(340, y + 10, 5)
        + text_at(352, y + 14, "Agreed current level", size=12)
        + _diamond(490, y + 10)
        + text_at(504, y + 14, "Target level", size=12)
    )


def levels_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[LevelsRow],
    levels: Sequence[ScaleLevel],
    width: float = WIDTH,
) -> str:
    """One row per component or statement on a shared level axis; an SVG string."""
    words = " ".join(describe(row) for row in rows)
    axis = Axis(list(levels), 14, width - VALUE_COLUMN)
    parts = [_axis(levels, axis)]
    y = AXIS_HEIGHT
    for row in rows:
        lines = wrap(row.label, width)
        parts.append(_row(row, axis, levels, y, lines))
        y += len(lines) * LABEL_LINE + 2 + ROW_HEIGHT + ROW_GAP
    parts.append(_key(y))
    return document(
        chart_id,
        title,
        f"{description} {words}".strip(),
        width,
        y + KEY_HEIGHT,
        "".join(parts),
    )


#: Rows in one chart of the PDF: ten rows stay well inside an A4 page at the report's chart
#: widths, so a framework of 27 or 40 components gets several charts, never one that runs
#: over the footer and off the page.
ROWS_PER_CHART = 10


def levels_charts(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[LevelsRow],
    levels: Sequence[ScaleLevel],
    per_chart: int = ROWS_PER_CHART,
) -> list[str]:
    """``levels_chart`` in parts of at most ``per_chart`` rows, each titled with its rows."""
    if len(rows) <= per_chart:
        return [levels_chart(chart_id, title, description, rows, levels)]
    charts = []
    for part, start in enumerate(range(0, len(rows), per_chart), start=1):
        chunk = rows[start : start + per_chart]
        charts.append(
            levels_chart(
                f"{chart_id}-part-{part}",
                f"{title} ({start + 1} to {start + len(chunk)} of {len(rows)})",
                description,
                chunk,
                levels,
            )
        )
    return charts
