import pytest

from selfassess.charts import DistributionRow, ScaleLevel, distribution_chart, segments
from selfassess.charts.distribution import describe_row

from .helpers import SVG, all_text, parse

LEVELS = [
    ScaleLevel(1, "Not started"),
    ScaleLevel(2, "Emerging"),
    ScaleLevel(3, "Developing"),
    ScaleLevel(4, "Established"),
    ScaleLevel(5, "Leading"),
]


def test_segment_widths_are_proportional_to_counts():
    # 1 + 3 + 1 don't know = 5 answers on a 600 wide bar: 120, 360 and 120 wide.
    row = DistributionRow("s", {1: 1, 2: 3, 4: 0}, dont_know=1)
    drawn = segments(row, LEVELS, 0, 600)
    assert [(s.answer, s.count, s.x, s.width) for s in drawn] == [
        (1, 1, 0, 120),
        (2, 3, 120, 360),
        (None, 1, 480, 120),
    ]


def test_drawn_rectangles_have_the_segment_widths():
    # 2, 2, 4 answers at levels 3, 4, 5 and no don't know on 640: 160, 160, 320.
    row = DistributionRow("", {3: 2, 4: 2, 5: 4})
    root = parse(distribution_chart("d", "T", "D", [row], LEVELS, "Don't know", width=640))
    widths = {
        group.get("data-answer"): float(group.find(f"{SVG}rect").get("width"))
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "app-chart__segment"
    }
    assert widths == {"3": 160, "4": 160, "5": 320}


def test_segments_carry_level_numbers_so_black_and_white_print_reads():
    row = DistributionRow("", {1: 5, 5: 5}, dont_know=5)
    root = parse(distribution_chart("d", "T", "D", [row], LEVELS, "Don't know"))
    marks = [
        "".join(group.find(f"{SVG}text").itertext())
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "app-chart__segment"
    ]
    assert marks == ["1", "5", "?"]


def test_description_spells_out_every_count_and_share():
    row = DistributionRow("Statement one", {2: 3, 3: 1}, dont_know=1)
    words = describe_row(row, LEVELS, "Don't know")
    # 3 of 5 is 60%, 1 of 5 is 20%.
    assert words.startswith("Statement one: 5 answers: level 1 (Not started) 0 (0%)")
    assert "level 2 (Emerging) 3 (60%)" in words
    assert words.endswith("Don't know 1 (20%).")
    root = parse(distribution_chart("d", "T", "Intro.", [row], LEVELS, "Don't know"))
    assert root.find(f"{SVG}desc").text == f"Intro. {words}"


def test_no_rows_gives_a_valid_chart_saying_so():
    root = parse(distribution_chart("d", "T", "D", [], LEVELS, "Don't know"))
    assert "No answers yet" in all_text(root)
    assert not list(root.iter(f"{SVG}rect"))


def test_a_row_without_answers_draws_an_empty_outline():
    root = parse(distribution_chart("d", "T", "D", [DistributionRow("x")], LEVELS, "DK"))
    assert "No answers yet" in all_text(root)
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "app-chart__segment"]


def test_bad_counts_are_refused():
    with pytest.raises(ValueError, match="not on the scale"):
        segments(DistributionRow("", {9: 1}), LEVELS, 0, 100)
    with pytest.raises(ValueError, match="whole number"):
        segments(DistributionRow("", {1: -1}), LEVELS, 0, 100)
