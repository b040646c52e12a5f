from selfassess.charts import DistributionRow, ScaleLevel, distribution_chart
from selfassess.charts.svg import attr, escape, fit, level_text, safe_id

from .helpers import SVG, parse

HOSTILE = '<script>alert("x")</script> & \' "quoted" \x00\x1b]]>'
LEVELS = [ScaleLevel(1, "Low <b>"), ScaleLevel(2, "High & mighty")]


def test_escape_and_attr_neutralise_markup():
    assert escape("<a> & b") == "&lt;a&gt; &amp; b"
    assert attr('say "hi" it\'s') == "say &quot;hi&quot; it&#x27;s"


def test_escape_drops_characters_xml_cannot_hold():
    assert escape("a\x00b\x1bc\td") == "abc\td"


def test_hostile_text_is_escaped_everywhere_and_the_svg_still_parses():
    svg = distribution_chart(
        HOSTILE,
        HOSTILE,
        HOSTILE,
        [DistributionRow(HOSTILE, {1: 2, 2: 1}, dont_know=1)],
        LEVELS,
        HOSTILE,
    )
    root = parse(svg)
    assert "<script" not in svg
    assert not list(root.iter(f"{SVG}script"))
    # The text survives as text (control characters removed), not as markup.
    title = root.find(f"{SVG}title")
    assert title.text == '<script>alert("x")</script> & \' "quoted" ]]>'
    # The id built from hostile text holds only safe characters.
    assert all(ch.isalnum() or ch in "-_" for ch in root.get("id"))


def test_the_chart_names_itself_for_assistive_technology():
    root = parse(distribution_chart("c1", "Answers", "What it shows.", [], LEVELS, "Don't know"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-c1-title"
    assert root.get("aria-describedby") == "chart-c1-desc"
    assert root.find(f"{SVG}title").get("id") == "chart-c1-title"
    assert root.find(f"{SVG}desc").get("id") == "chart-c1-desc"


def test_safe_id_is_never_empty():
    assert safe_id("comp a/1") == "chart-comp-a-1"
    assert safe_id("<<>>") == "chart-unnamed"


def test_fit_shortens_long_text_with_an_ellipsis():
    # 14px text at 0.56 em per character: 100px holds 12 characters.
    assert fit("short", 100, 14) == "short"
    assert fit("a much longer label", 100, 14) == "a much long\N{HORIZONTAL ELLIPSIS}"


def test_level_text_drops_needless_decimals():
    assert level_text(3.0) == "3"
    assert level_text(3.5) == "3.5"
    assert level_text(2.25) == "2.25"
