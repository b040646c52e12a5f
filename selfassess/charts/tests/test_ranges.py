from itertools import pairwise

from selfassess.charts import RangeRow, ScaleLevel, range_chart
from selfassess.charts.ranges import Axis

from .helpers import SVG, all_text, parse

LEVELS = [ScaleLevel(value, f"Level {value}") for value in range(1, 6)]


def test_axis_maps_levels_evenly():
    axis = Axis(LEVELS, 100, 500)
    assert [axis.x(v) for v in (1, 2, 3, 3.5, 5)] == [100, 200, 300, 350, 500]


def test_median_dot_and_quartile_bar_sit_on_the_axis():
    # Width 640 with a 110 value column: the axis runs from 12 to 530, 129.5 per level.
    svg = range_chart("r", "T", "D", [RangeRow("Component A", 3.5, 2, 4)], LEVELS)
    root = parse(svg)
    circle = next(root.iter(f"{SVG}circle"))
    assert float(circle.get("cx")) == 12 + 2.5 * 129.5
    bar = next(
        g.find(f"{SVG}rect") for g in root.iter(f"{SVG}g") if g.get("class") == "app-chart__range"
    )
    assert float(bar.get("x")) == 12 + 129.5
    assert float(bar.get("width")) == 2 * 129.5
    assert "Median 3.5" in all_text(root)


def test_rows_without_rated_answers_say_so():
    root = parse(range_chart("r", "T", "D", [RangeRow("B", None, None, None)], LEVELS))
    assert "No rated answers yet" in all_text(root)
    assert root.find(f"{SVG}desc").text == "D B: no rated answers yet."


def test_no_rows_gives_a_valid_chart_saying_so():
    root = parse(range_chart("r", "T", "D", [], LEVELS))
    assert "No answers yet" in all_text(root)


def test_hostile_labels_are_escaped():
    svg = range_chart("r", "T", "D", [RangeRow("<img src=x onerror=alert(1)>", 2, 1, 3)], LEVELS)
    assert "<img" not in svg
    assert "<img src=x onerror=alert(1)>" in all_text(parse(svg))


IMPACT_LEVELS = [
    ScaleLevel(value, name)
    for value, name in enumerate(
        ["Not yet started", "Emerging", "Developing", "Established", "Leading"], start=1
    )
]


def axis_labels(root):
    """The axis texts (above the first row, y under 40) as (x, anchor, text)."""
    return [
        (float(t.get("x")), t.get("text-anchor", "start"), t.text)
        for t in root.iter(f"{SVG}text")
        if float(t.get("y")) < 40
    ]


def test_level_names_sit_under_their_numbers_without_overlapping():
    root = parse(range_chart("r", "T", "D", [RangeRow("A", 3, 2, 4)], IMPACT_LEVELS))
    labels = axis_labels(root)
    texts = [text for _x, _anchor, text in labels]
    for level in IMPACT_LEVELS:
        assert str(level.value) in texts and level.name in texts
    # The names' extents on one line, at 11px text of about 0.56em a character.
    names = sorted((x, anchor, text) for x, anchor, text in labels if not text.isdigit())
    spans = []
    for x, anchor, text in names:
        width = len(text) * 11 * 0.56
        left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
        assert left >= 0 and left + width <= 640
        spans.append((left, left + width))
    assert all(right < next_left for (_, right), (next_left, _) in pairwise(spans))


def test_names_too_long_to_fit_leave_the_numbers_alone():
    levels = [ScaleLevel(value, f"A very long name for level {value}") for value in range(1, 8)]
    root = parse(range_chart("r", "T", "D", [RangeRow("A", 3, 2, 4)], levels))
    assert [text for _x, _anchor, text in axis_labels(root)] == [str(v) for v in range(1, 8)]
