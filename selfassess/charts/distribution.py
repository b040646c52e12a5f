"""Stacked distribution bars: how the answers to a statement (or component) spread over the
levels, with "don't know" as its own segment at the end.

Each bar is 100% of the answers, so segment widths are proportional to counts: a segment's
width is ``count / n * bar width`` with n the answers including don't know. Levels are coloured
along the pale-to-dark ramp and carry their level number when wide enough ("?" for don't know,
which is also striped), so a bar can be read in black and white print; the <desc> lists every
count and share in words, for screen readers.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import palette
from .svg import attr, document, escape, fit, hatch_pattern, num, safe_id, text_at, text_width

DONT_KNOW_MARK = "?"
WIDTH = 640
BAR_HEIGHT = 30
ROW_LABEL_HEIGHT = 22
ROW_GAP = 16
LEGEND_SWATCH = 20
LEGEND_LINE = 28
MARK_SIZE = 13


@dataclass(frozen=True)
class ScaleLevel:
    """A level of the scale as charts show it: its value (the mark) and its name."""

    value: int
    name: str


@dataclass(frozen=True)
class DistributionRow:
    """One bar: a label (may be empty), counts per level value, and the don't know count."""

    label: str
    counts: Mapping[int, int] = field(default_factory=dict)
    dont_know: int = 0


@dataclass(frozen=True)
class Segment:
    """A drawn part of a bar; ``answer`` is a level value, or None for don't know."""

    answer: int | None
    count: int
    x: float
    width: float


def _check(row: DistributionRow, levels: Sequence[ScaleLevel]) -> None:
    values = {level.value for level in levels}
    unknown = set(row.counts) - values
    if unknown:
        raise ValueError(f"counts for levels not on the scale: {sorted(unknown)!r}")
    for answer, count in [*row.counts.items(), (None, row.dont_know)]:
        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count for {answer!r} must be a whole number >= 0, got {count!r}")


def row_total(row: DistributionRow) -> int:
    return sum(row.counts.values()) + row.dont_know


def segments(
    row: DistributionRow, levels: Sequence[ScaleLevel], x: float, width: float
) -> list[Segment]:
    """The non-empty segments of a bar starting at ``x`` and ``width`` wide, levels first."""
    _check(row, levels)
    total = row_total(row)
    if total == 0:
        return []
    parts = [(level.value, row.counts.get(level.value, 0)) for level in levels]
    parts.append((None, row.dont_know))
    drawn = []
    cursor = x
    for answer, count in parts:
        if count:
            segment_width = width * count / total
            drawn.append(Segment(answer, count, cursor, segment_width))
            cursor += segment_width
    return drawn


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%"


def describe_row(row: DistributionRow, levels: Sequence[ScaleLevel], dont_know_label: str) -> str:
    """The bar in words: every level's count and share, then don't know."""
    total = row_total(row)
    prefix = f"{row.label}: " if row.label else ""
    if total == 0:
        return f"{prefix}no answers yet."
    parts = [
        f"level {level.value} ({level.name}) {row.counts.get(level.value, 0)} "
        f"({_share(row.counts.get(level.value, 0), total)})"
        for level in levels
    ]
    parts.append(f"{dont_know_label} {row.dont_know} ({_share(row.dont_know, total)})")
    return f"{prefix}{total} answers: " + ", ".join(parts) + "."


def _legend(levels, colours, dont_know_label, pattern_id, width) -> tuple[str, float]:
    items = [(str(level.value), level.name, colours[i]) for i, level in enumerate(levels)]
    items.append((DONT_KNOW_MARK, dont_know_label, f"url(#{pattern_id})"))
    parts = []
    x, y = 0.0, 0.0
    for mark, name, fill in items:
        item_width = LEGEND_SWATCH + 6 + text_width(name, 14) + 18
        if x and x + item_width > width:
            x, y = 0.0, y + LEGEND_LINE
        mark_colour = palette.BLACK if mark == DONT_KNOW_MARK else palette.text_colour_on(fill)
        parts.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}" '
            f'fill="{attr(fill)}" stroke="{palette.DARK_GREY}" stroke-width="1"/>'
            + text_at(
                x + LEGEND_SWATCH / 2,
                y + 15,
                mark,
                size=MARK_SIZE,
                fill=mark_colour,
                anchor="middle",
                weight="bold",
            )
            + text_at(x + LEGEND_SWATCH + 6, y + 15, name, size=14)
        )
        x += item_width
    return "".join(parts), y + LEGEND_LINE + 8


def _bar(row, levels, colours, dont_know_label, pattern_id, y, width) -> str:
    total = row_total(row)
    if total == 0:
        return (
            f'<rect x="0" y="{num(y)}" width="{num(width)}" height="{BAR_HEIGHT}" '
            f'fill="{palette.WHITE}" stroke="{palette.MID_GREY}" stroke-width="1"/>'
            + text_at(8, y + 20, "No answers yet", size=14)
        )
    colour_of = {level.value: colours[i] for i, level in enumerate(levels)}
    name_of = {level.value: f"Level {level.value}, {level.name}" for level in levels}
    parts = []
    for segment in segments(row, levels, 0, width):
        is_dont_know = segment.answer is None
        fill = f"url(#{pattern_id})" if is_dont_know else colour_of[segment.answer]
        mark = DONT_KNOW_MARK if is_dont_know else str(segment.answer)
        name = dont_know_label if is_dont_know else name_of[segment.answer]
        tip = f"{name}: {segment.count} of {total} answers ({_share(segment.count, total)})"
        data_answer = "dont-know" if is_dont_know else str(segment.answer)
        parts.append(
            f'<g class="app-chart__segment" data-answer="{data_answer}">'
            f"<title>{escape(tip)}</title>"
            f'<rect x="{num(segment.x)}" y="{num(y)}" width="{num(segment.width)}" '
            f'height="{BAR_HEIGHT}" fill="{attr(fill)}" stroke="{palette.WHITE}" '
            f'stroke-width="1"/>'
        )
        if segment.width >= text_width(mark, MARK_SIZE) + 8:
            mark_colour = palette.BLACK if is_dont_know else palette.text_colour_on(fill)
            parts.append(
                text_at(
                    segment.x + segment.width / 2,
                    y + 20,
                    mark,
                    size=MARK_SIZE,
                    fill=mark_colour,
                    anchor="middle",
                    weight="bold",
                )
            )
        parts.append("</g>")
    return "".join(parts)


def distribution_chart(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[DistributionRow],
    levels: Sequence[ScaleLevel],
    dont_know_label: str,
    width: float = WIDTH,
) -> str:
    """One stacked bar per row, under a legend; an SVG string (see the module docstring)."""
    levels = list(levels)
    for row in rows:
        _check(row, levels)
    base = safe_id(chart_id)
    pattern_id = f"{base}-dont-know"
    colours = palette.level_colours(len(levels))
    words = " ".join(describe_row(row, levels, dont_know_label) for row in rows)
    full_description = f"{description} {words}".strip() if rows else f"{description} No data."
    if not rows:
        body = text_at(0, 20, "No answers yet", size=14)
        return document(chart_id, title, full_description.strip(), width, 32, body)

    legend, y = _legend(levels, colours, dont_know_label, pattern_id, width)
    parts = [legend]
    for row in rows:
        if row.label:
            parts.append(
                f"<g><title>{escape(row.label)}</title>"
                + text_at(0, y + 15, fit(row.label, width, 14), size=14, weight="bold")
                + "</g>"
            )
            y += ROW_LABEL_HEIGHT
        parts.append(_bar(row, levels, colours, dont_know_label, pattern_id, y, width))
        y += BAR_HEIGHT + ROW_GAP
    defs = hatch_pattern(pattern_id, palette.MID_GREY, palette.PALE_GREY)
    return document(chart_id, title, full_description, width, y - ROW_GAP + 2, "".join(parts), defs)
