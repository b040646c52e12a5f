import pytest

from selfassess.charts import HeatCell, HeatmapRow, ScaleLevel, heatmap_chart
from selfassess.charts.heatmap import cell_colour
from selfassess.charts.palette import DARK_BLUE, PALE_BLUE

from .helpers import SVG, all_text, parse

LEVELS = [ScaleLevel(value, f"Level {value}") for value in range(1, 6)]


def cells(root):
    return [
        (g.get("data-state"), "".join(g.find(f"{SVG}text").itertext()))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "app-chart__cell"
    ]


def test_cells_show_medians_hidden_and_empty_states():
    rows = [
        HeatmapRow("Component A", [HeatCell(3), HeatCell(hidden=True)], heading=True),
        HeatmapRow("Statement a-1", [HeatCell(2.5), HeatCell(None)]),
    ]
    root = parse(heatmap_chart("h", "T", "D", ["Board", "Front-line staff"], rows, LEVELS))
    assert cells(root) == [
        ("value", "3"),
        ("hidden", "Hidden"),
        ("value", "2.5"),
        ("empty", "\N{EN DASH}"),
    ]
    assert root.find(f"{SVG}desc").text == (
        "D Component A: Board 3, Front-line staff hidden. "
        "Statement a-1: Board 2.5, Front-line staff no rated answers."
    )


def test_a_hidden_cell_cannot_carry_a_value():
    with pytest.raises(ValueError):
        HeatCell(value=2, hidden=True)


def test_cell_colours_follow_the_level_ramp():
    assert cell_colour(1, LEVELS) == PALE_BLUE
    assert cell_colour(5, LEVELS) == DARK_BLUE


def test_rows_must_match_the_columns():
    with pytest.raises(ValueError, match="2 columns"):
        heatmap_chart("h", "T", "D", ["A", "B"], [HeatmapRow("r", [HeatCell(1)])], LEVELS)


def test_no_rows_gives_a_valid_chart_saying_so():
    root = parse(heatmap_chart("h", "T", "D", ["A"], [], LEVELS))
    assert "No answers yet" in all_text(root)


def test_long_group_names_are_shortened_and_hostile_names_escaped():
    columns = [
        "Patient and lived-experience partners and their carers and families",
        "<b>Board</b>",
    ]
    rows = [HeatmapRow("r", [HeatCell(1), HeatCell(2)])]
    svg = heatmap_chart("h", "T", "D", columns, rows, LEVELS)
    assert "<b>" not in svg
    text = all_text(parse(svg))
    assert columns[0] in text  # the full name is in the <title>
    assert "\N{HORIZONTAL ELLIPSIS}" in text  # the slanted label is shortened
    assert "<b>Board</b>" in text
