"""The trend line chart: points where the figures say, gaps where there is none, escaped."""

import pytest

from selfassess.charts.tests.helpers import SVG, all_text, parse
from selfassess.charts.trend import LEFT, PLOT_HEIGHT, TOP, TrendAxis, TrendSeries, trend_chart

AXIS = TrendAxis(1, 5, tuple((v, str(v)) for v in range(1, 6)))


def test_points_sit_on_the_axis_and_gaps_break_the_line():
    svg = trend_chart(
        "t", "T", "D", ["2024", "2025", "2026"], [TrendSeries("A", (1, None, 5))], AXIS, width=656
    )
    root = parse(svg)
    circles = [c for c in root.iter(f"{SVG}circle")]
    # Key marker first; then the two points. Width 656 - 24 right margin: x from 56 to 632.
    points = [(float(c.get("cx")), float(c.get("cy"))) for c in circles[:2]]
    assert points == [(LEFT, TOP + PLOT_HEIGHT), (632, TOP)]
    lines = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert lines == []  # two points separated by a gap: no line is drawn through the gap


def test_the_description_spells_out_every_figure():
    svg = trend_chart("t", "T", "D", ["2024", "2025"], [TrendSeries("A", (2.5, None))], AXIS)
    assert parse(svg).find(f"{SVG}desc").text == "D A: 2024 2.5, 2025 no figure."


def test_hostile_labels_are_escaped():
    svg = trend_chart("t", "T", "D", ["<b>"], [TrendSeries("<script>x</script>", (3,))], AXIS)
    assert "<script>" not in svg
    assert "<script>x</script>" in all_text(parse(svg))


def test_each_series_needs_a_value_per_point():
    with pytest.raises(ValueError, match="2 values for 3 points"):
        trend_chart("t", "T", "D", ["a", "b", "c"], [TrendSeries("A", (1, 2))], AXIS)
