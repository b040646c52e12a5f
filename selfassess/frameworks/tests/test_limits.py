"""The framework validator refuses what the service cannot hold (core.limits), with one
clear message each: level values outside the column, ids, versions and titles longer than
their columns, texts and lists longer than pages are built for, files too big to read and
aliases that would expand beyond memory. Each of these was once "valid" and then broke.

Plain pytest, no Django, like test_schema.
"""

import tracemalloc

import pytest

from selfassess.core import limits
from selfassess.frameworks.schema import FrameworkInvalid, check_snapshot, parse_framework

from .test_schema import MINIMAL, SOURCE, edited, only_problem, problems_in


def test_a_negative_level_value_is_refused_with_the_fix():
    text = edited("- value: 1\n", "- value: -2\n")
    problem = only_problem(text)
    assert problem.place == "scale.levels[0].value"
    assert problem.line == 8
    assert "from 0 to 100" in problem.message
    assert "-2 to 2" in problem.message and "0 to 4" in problem.message


@pytest.mark.parametrize("value", [101, 32768, 10**30])
def test_a_level_value_above_the_column_is_refused(value):
    text = edited("- value: 2\n", f"- value: {value}\n")
    text = edited("          2: Most", f"          {value}: Most", text)
    problem = only_problem(text)
    assert problem.place == "scale.levels[1].value"
    assert "at most" not in problem.message and "from 0 to 100" in problem.message


def test_levels_0_and_100_fit():
    text = edited("- value: 1\n", "- value: 0\n")
    text = edited("- value: 2\n", "- value: 100\n", text)
    text = edited("          1: Few", "          0: Few", text)
    text = edited("          2: Most", "          100: Most", text)
    assert parse_framework(text, SOURCE).scale.values == (0, 100)


@pytest.mark.parametrize(
    "old, new, place, most",
    [
        ("id: minimal", "id: " + "m" * 61, "id", 60),
        ('version: "1.0"', 'version: "' + "1" * 41 + '"', "version", 40),
        ('version: "1.0"', "version: 1." + "0" * 40, "version", 40),
        ("title: Minimal framework", "title: " + "T" * 301, "title", 300),
        ("- id: p-1", "- id: p-" + "1" * 60, "components[0].statements[0].id", 60),
        (
            "text: Staff can",
            "text: " + "w" * 1000 + " Staff can",
            "components[0].statements[0].text",
            1000,
        ),
    ],
)
def test_texts_longer_than_their_columns_are_refused(old, new, place, most):
    problem = only_problem(edited(old, new))
    assert problem.place == place
    assert f"at most {most:,}" in problem.message


def test_a_descriptor_longer_than_a_page_holds_is_refused():
    text = edited("1: Few staff", "1: " + "x" * limits.TEXT_CHARS_MAX + " Few staff")
    problem = only_problem(text)
    assert problem.place == "components[0].statements[0].levels.1"
    assert f"at most {limits.TEXT_CHARS_MAX:,}" in problem.message


def test_one_and_zero_one_are_the_same_level_key():
    """YAML reads ``01`` as the number 1, so one descriptor would silently disappear."""
    text = edited("          2: Most", "          01: Also level one.\n          2: Most")
    problem = only_problem(text)
    assert problem.place == "components[0].statements[0].levels.01"
    assert problem.line == 28
    assert "the same as '1'" in problem.message and "line 27" in problem.message


def _components(count):
    block = MINIMAL[MINIMAL.index("  - id: purpose") :]
    return "".join(
        block.replace("id: purpose", f"id: c-{n}").replace("id: p-1", f"id: s-{n}")
        for n in range(count)
    )


def test_more_components_than_pages_are_built_for_are_refused():
    head = MINIMAL[: MINIMAL.index("  - id: purpose")]
    text = head + _components(limits.COMPONENTS_MAX + 1)
    problem = only_problem(text)
    assert problem.place == "components"
    assert f"at most {limits.COMPONENTS_MAX}" in problem.message
    assert "remove 1 " in problem.message


def test_the_largest_number_of_components_is_valid():
    head = MINIMAL[: MINIMAL.index("  - id: purpose")]
    framework = parse_framework(head + _components(limits.COMPONENTS_MAX), SOURCE)
    assert len(framework.components) == limits.COMPONENTS_MAX


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    padding = "# " + "x" * 1000 + "\n"
    text = MINIMAL + padding * (limits.FRAMEWORK_FILE_BYTES_MAX // len(padding) + 1)
    problem = only_problem(text)
    assert problem.place == "" and problem.line is None
    assert f"at most {limits.FRAMEWORK_FILE_BYTES_MAX:,} bytes" in problem.message


def test_a_big_file_on_disk_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.truncate(limits.FRAMEWORK_FILE_BYTES_MAX + 1)
    from selfassess.frameworks.schema import load_framework_file

    with pytest.raises(FrameworkInvalid) as raised:
        load_framework_file(path)
    assert "at most" in raised.value.problems[0].message


def _alias_file(text_size, aliases):
    """One big anchored text, then many descriptors that repeat it through an alias."""
    big = "x" * text_size
    text = edited("1: Few staff could name a priority.", f"1: &big {big}")
    text = edited("2: Most staff name the same priorities.", "2: *big", text)
    head = text[: text.index("  - id: purpose")]
    block = text[text.index("  - id: purpose") :]
    repeated = "".join(
        block.replace("id: purpose", f"id: c-{n}")
        .replace("id: p-1", f"id: s-{n}")
        .replace(f"&big {big}", "*big")
        for n in range(1, aliases)
    )
    return head + block + repeated


def test_aliases_that_expand_beyond_memory_are_refused_quickly():
    """A 1 MB text referenced by 1,703 aliases once validated as "valid" and then took
    1.8 GB to load. Now it is refused before anything is built, using little memory."""
    text = _alias_file(100_000, 40)
    tracemalloc.start()
    problems = problems_in(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(problems) == 1
    assert "aliases" in problems[0].message
    assert f"{limits.FRAMEWORK_CHARACTERS_MAX:,} characters" in problems[0].message
    assert peak < 50 * len(text)


def test_a_few_aliases_of_a_short_text_are_fine():
    framework = parse_framework(_alias_file(40, 3), SOURCE)
    assert framework.statement("s-2").descriptors[2] == "x" * 40


def test_nested_aliases_are_refused_by_the_expansion_limit():
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    for n in range(1, 9):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    problems = problems_in(text)
    assert len(problems) == 1 and "aliases" in problems[0].message


def test_an_alias_inside_its_own_anchor_is_refused():
    problems = problems_in("id: &loop [1, *loop]\n")
    assert any("refers to the part that contains it" in p.message for p in problems)


def test_a_snapshot_is_checked_like_a_file():
    framework = parse_framework(MINIMAL, SOURCE)
    content = framework.to_dict()
    checked, problems = check_snapshot(content, "snapshot")
    assert problems == [] and checked.content_hash() == framework.content_hash()

    content["scale"]["levels"][1]["value"] = 99999
    content["components"][0]["statements"][0]["levels"] = {"1": "a", "99999": "b"}
    checked, problems = check_snapshot(content, "snapshot")
    assert checked is None
    assert [p.place for p in problems] == ["scale.levels[1].value"]


def test_a_snapshot_level_key_written_01_is_not_read_as_1():
    content = parse_framework(MINIMAL, SOURCE).to_dict()
    content["components"][0]["statements"][0]["levels"] = {"01": "a", "2": "b"}
    _, problems = check_snapshot(content, "snapshot")
    places = [p.place for p in problems]
    assert "components[0].statements[0].levels.01" in places
