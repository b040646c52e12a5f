"""With more series than line styles, the trend chart draws one named panel per series:
six styles cannot tell 27 components' lines apart, so the styles once repeated every six."""

import re

from selfassess.charts.trend import STYLES, TrendAxis, TrendSeries, trend_chart

AXIS = TrendAxis(1, 7, tuple((value, str(value)) for value in range(1, 8)))
POINTS = ["2024/25", "2025/26", "2026/27"]


def series(count):
    return [
        TrendSeries(f"{n}. Component {n}", (1 + n % 7, None if n % 5 == 0 else 2, 3))
        for n in range(1, count + 1)
    ]


def drawn_texts(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_up_to_six_series_share_one_plot_with_distinct_styles():
    svg = trend_chart("t", "Trend", "", POINTS, series(len(STYLES)), AXIS)
    dashes = set(re.findall(r'stroke-dasharray="([^"]+)"', svg))
    assert len(dashes) == len(STYLES) - 1  # one style is solid
    assert svg.count('class="app-chart__trend"') == len(STYLES)


def test_twenty_seven_series_get_a_named_panel_each():
    lines = series(27)
    svg = trend_chart("t", "Trend", "", POINTS, lines, AXIS)
    texts = drawn_texts(svg)
    for line in lines:
        assert line.label in texts, line.label
    # One highlighted line per panel, in one colour, with no repeated dash styles to decode.
    assert svg.count('class="app-chart__trend"') == 27
    assert "stroke-dasharray" not in svg
    height = float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))
    assert height >= 9 * 100  # nine rows of three panels


def test_a_gap_stays_a_gap_in_a_panel():
    lines = [TrendSeries(f"S{n}", (1, None, 3)) for n in range(7)]
    svg = trend_chart("t", "Trend", "", POINTS, lines, AXIS)
    highlighted = re.findall(r'<path d="([^"]+)" fill="none" stroke="#005EB8"', svg)
    assert highlighted == []  # no point has a neighbour with a value, so no line is drawn
