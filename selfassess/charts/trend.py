"""Lines over time: one line per series (a component, or a survey indicator) across cycles.

Used for the maturity trend (medians on the level scale) and for staff-survey indicators
(percentages), so the axis is given by the caller as a range and its ticks. Lines differ in
three ways at once, colour, dash pattern and marker shape, so they can be told apart in
greyscale print and by people who do not see the colours; every colour has at least 3:1
contrast with white (WCAG 2.2 non-text contrast). A missing value leaves a gap in the line
rather than a line drawn through a figure nobody measured. Each marker carries its figure in a
<title>, and the description spells out every figure, as the table beside the chart does.

There are six line styles. With more series than that (a framework of 27 components), lines
would repeat a style and could not be told apart, so the chart becomes small multiples: one
small panel per series, named above it, its own line drawn dark over the others in pale grey
for context. Every series is then named where it is drawn, however many there are.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import palette
from .svg import document, escape, fit, num, text_at

WIDTH = 640
LEFT = 56
RIGHT = 24
TOP = 16
PLOT_HEIGHT = 220
X_LABEL_HEIGHT = 36
KEY_ROW = 24

NHS_PURPLE = "#330072"
NHS_DARK_PINK = "#7C2855"
NHS_DARK_GREEN = "#006747"

STYLES = (
    (palette.NHS_BLUE, "", "circle"),
    (NHS_PURPLE, "8 4", "square"),
    (NHS_DARK_GREEN, "2 3", "triangle"),
    (NHS_DARK_PINK, "12 4 2 4", "diamond"),
    (palette.DARK_GREY, "6 6", "cross"),
    (palette.DARK_BLUE, "1 5", "circle"),
)


@dataclass(frozen=True)
class TrendSeries:
    """One line: its name and one value per point (None where there is no figure)."""

    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class TrendAxis:
    """The value axis: its range and the ticks to draw, as (value, label) pairs."""

    low: float
    high: float
    ticks: tuple[tuple[float, str], ...]

    def y(self, value: float) -> float:
        if self.high == self.low:
            return TOP + PLOT_HEIGHT / 2
        share = (value - self.low) / (self.high - self.low)
        return TOP + PLOT_HEIGHT * (1 - share)


def _polygon(corners, colour: str) -> str:
    points = " ".join(f"{num(x)},{num(y)}" for x, y in corners)
    return f'<polygon points="{points}" fill="{colour}"/>'


def marker(shape: str, x: float, y: float, colour: str) -> str:
    """A point's marker; the shape tells the lines apart without colour."""
    if shape == "square":
        return f'<rect x="{num(x - 5)}" y="{num(y - 5)}" width="10" height="10" fill="{colour}"/>'
    if shape == "triangle":
        return _polygon([(x, y - 6), (x + 6, y + 5), (x - 6, y + 5)], colour)
    if shape == "diamond":
        return _polygon([(x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y)], colour)
    if shape == "cross":
        return (
            f'<path d="M{num(x - 5)} {num(y - 5)}L{num(x + 5)} {num(y + 5)}M{num(x - 5)} '
            f'{num(y + 5)}L{num(x + 5)} {num(y - 5)}" stroke="{colour}" stroke-width="3"/>'
        )
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="5" fill="{colour}"/>'


def describe(
    points: Sequence[str], series: Sequence[TrendSeries], value_text: Callable[[float], str]
) -> str:
    sentences = []
    for line in series:
        figures = ", ".join(
            f"{point} {'no figure' if value is None else value_text(value)}"
            for point, value in zip(points, line.values, strict=True)
        )
        sentences.append(f"{line.label}: {figures}.")
    return " ".join(sentences)


def _segments(xs, ys):
    """Runs of consecutive points that have values, so gaps stay gaps."""
    run = []
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if run:
                yield run
            run = []
        else:
            run.append((x, y))
    if run:
        yield run


def _stroke(index: int) -> tuple[str, str, str]:
    """(colour, dash attribute, marker shape) of the ``index``-th line."""
    colour, dash, shape = STYLES[index % len(STYLES)]
    return colour, f' stroke-dasharray="{dash}"' if dash else "", shape


def _grid(axis: TrendAxis, right: float) -> str:
    return "".join(
        f'<line x1="{LEFT}" y1="{num(axis.y(value))}" x2="{num(right)}" '
        f'y2="{num(axis.y(value))}" stroke="{palette.PALE_GREY}" stroke-width="1"/>'
        + text_at(LEFT - 8, axis.y(value) + 4, label, size=12, anchor="end")
        for value, label in axis.ticks
    )


def _point_labels(xs: Sequence[float], points: Sequence[str], room: float) -> str:
    parts = []
    for index, (x, point) in enumerate(zip(xs, points, strict=True)):
        anchor = "middle"
        if len(points) > 1 and index == 0:
            anchor = "start"
        elif len(points) > 1 and index == len(points) - 1:
            anchor = "end"
        label = fit(point, room - 4, 12)
        parts.append(
            f"<g><title>{escape(point)}</title>"
            + text_at(x, TOP + PLOT_HEIGHT + 22, label, size=12, anchor=anchor)
            + "</g>"
        )
    return "".join(parts)


def _line(index, line, xs, points, axis, value_text) -> str:
    colour, dash, shape = _stroke(index)
    ys = [None if value is None else axis.y(value) for value in line.values]
    parts = [f'<g class="app-chart__trend"><title>{escape(line.label)}</title>']
    for run in _segments(xs, ys):
        if len(run) > 1:
            path = "".join(
                f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}" for i, (x, y) in enumerate(run)
            )
            parts.append(
                f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
            )
    for x, y, value, point in zip(xs, ys, line.values, points, strict=True):
        if y is not None:
            figure = f"{line.label}, {point}: {value_text(value)}"
            parts.append(f"<g><title>{escape(figure)}</title>{marker(shape, x, y, colour)}</g>")
    parts.append("</g>")
    return "".join(parts)


def _key(series: Sequence[TrendSeries], top: float, width: float) -> str:
    parts = []
    for index, line in enumerate(series):
        colour, dash, shape = _stroke(index)
        y = top + index * KEY_ROW + 12
        parts.append(
            f'<line x1="0" y1="{num(y)}" x2="36" y2="{num(y)}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
            + marker(shape, 18, y, colour)
            + text_at(46, y + 5, fit(line.label, width - 46, 13), size=13)
        )
    return "".join(parts)


def trend_chart(
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[str],
    series: Sequence[TrendSeries],
    axis: TrendAxis,
    value_text: Callable[[float], str] = str,
    width: float = WIDTH,
) -> str:
    """A line per series across ``points`` (cycle labels or years); an SVG string."""
    points = list(points)
    for line in series:
        if len(line.values) != len(points):
            raise ValueError(
                f"{line.label!r} has {len(line.values)} values for {len(points)} points"
            )
    full_description = f"{description} {describe(points, series, value_text)}".strip()
    if not points or not series:
        empty = text_at(0, 20, "No figures yet")
        return document(chart_id, title, full_description, width, 32, empty)
    right = width - RIGHT
    if len(points) == 1:
        xs, room = [(LEFT + right) / 2], right - LEFT
    else:
        room = (right - LEFT) / (len(points) - 1)
        xs = [LEFT + index * room for index in range(len(points))]
    if len(series) > len(STYLES):
        body, height = _small_multiples(points, series, axis, value_text, width)
        return document(chart_id, title, full_description, width, height, body)
    key_top = TOP + PLOT_HEIGHT + X_LABEL_HEIGHT
    body = (
        _grid(axis, right)
        + _point_labels(xs, points, room)
        + "".join(
            _line(index, line, xs, points, axis, value_text) for index, line in enumerate(series)
        )
        + _key(series, key_top, width)
    )
    height = key_top + len(series) * KEY_ROW + 8
    return document(chart_id, title, full_description, width, height, body)


PANEL_COLUMNS = 3
PANEL_GAP = 18
PANEL_TITLE = 26
PANEL_PLOT = 80
PANEL_LABELS = 18
PANEL_HEIGHT = PANEL_TITLE + PANEL_PLOT + PANEL_LABELS + 14


def _small_multiples(points, series, axis: TrendAxis, value_text, width):
    """One panel per series, three to a row; returns (body, height)."""
    panel_width = (width - (PANEL_COLUMNS - 1) * PANEL_GAP) / PANEL_COLUMNS
    inset = 26  # room for the tick labels at the panel's left

    def xs_for(left):
        plot_left, plot_right = left + inset, left + panel_width - 6
        if len(points) == 1:
            return [(plot_left + plot_right) / 2]
        step = (plot_right - plot_left) / (len(points) - 1)
        return [plot_left + index * step for index in range(len(points))]

    def y_for(top, value):
        share = 0.5 if axis.high == axis.low else (value - axis.low) / (axis.high - axis.low)
        return top + PANEL_TITLE + PANEL_PLOT * (1 - share)

    def path(xs, ys):
        return "".join(
            "".join(f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}" for i, (x, y) in enumerate(run))
            for run in _segments(xs, ys)
            if len(run) > 1
        )

    parts = []
    for index, line in enumerate(series):
        left = (index % PANEL_COLUMNS) * (panel_width + PANEL_GAP)
        top = (index // PANEL_COLUMNS) * PANEL_HEIGHT
        xs = xs_for(left)
        parts.append(
            f"<g><title>{escape(line.label)}</title>"
            + text_at(left, top + 14, fit(line.label, panel_width, 12), size=12, weight="bold")
            + "</g>"
        )
        for value, label in (axis.ticks[0], axis.ticks[-1]) if axis.ticks else ():
            y = y_for(top, value)
            parts.append(
                f'<line x1="{num(left + inset)}" y1="{num(y)}" x2="{num(left + panel_width)}" '
                f'y2="{num(y)}" stroke="{palette.PALE_GREY}" stroke-width="1"/>'
                + text_at(left + inset - 4, y + 4, label, size=10, anchor="end")
            )
        for other_index, other in enumerate(series):
            if other_index == index:
                continue
            ys = [None if v is None else y_for(top, v) for v in other.values]
            if d := path(xs, ys):
                parts.append(
                    f'<path d="{d}" fill="none" stroke="{palette.PALE_GREY}" stroke-width="1"/>'
                )
        ys = [None if v is None else y_for(top, v) for v in line.values]
        parts.append(f'<g class="app-chart__trend"><title>{escape(line.label)}</title>')
        if d := path(xs, ys):
            parts.append(
                f'<path d="{d}" fill="none" stroke="{palette.NHS_BLUE}" stroke-width="2.5"/>'
            )
        for x, y, value, point in zip(xs, ys, line.values, points, strict=True):
            if y is not None:
                figure = f"{line.label}, {point}: {value_text(value)}"
                parts.append(
                    f"<g><title>{escape(figure)}</title>"
                    f"{marker('circle', x, y, palette.NHS_BLUE)}</g>"
                )
        parts.append("</g>")
        label_y = top + PANEL_TITLE + PANEL_PLOT + PANEL_LABELS
        ends = [(0, "start"), (len(points) - 1, "end")] if len(points) > 1 else [(0, "middle")]
        for point_index, anchor in ends:
            parts.append(
                text_at(
                    xs[point_index],
                    label_y,
                    fit(points[point_index], panel_width / 2 - 4, 10),
                    size=10,
                    anchor=anchor,
                )
            )
    rows = -(-len(series) // PANEL_COLUMNS)
    return "".join(parts), rows * PANEL_HEIGHT
