"""The framework file format: parsing, the canonical form and hash, and every rule's message.

Plain pytest, no Django: the schema module must stay usable (and testable) on its own. The
broken files are small edits of data/minimal.yaml, so each expected line number can be read
off that file:

     2 id            8 - value: 1      17 components:      24 - id: p-1
     3 version      11 - value: 2      18 - id: purpose    25   text
     4 title        14 dont_know:      20 summary          26   levels:
     5 purpose      15   label         21 what_good...     27     1: ...
     6 scale:       16   meaning       23 statements:      28     2: ...
     7 levels:
"""

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.frameworks.schema import (
    Component,
    Framework,
    FrameworkInvalid,
    Problem,
    Statement,
    load_framework_file,
    parse_framework,
    validate_file,
)

DATA = Path(__file__).parent / "data"
LIBRARY = Path(__file__).resolve().parents[1] / "library"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
TEN_LEVELS = (DATA / "ten-levels.yaml").read_text(encoding="utf-8")
SOURCE = "test.yaml"

STATEMENT = "components[0].statements[0]"


def edited(old, new, text=MINIMAL):
    """The text with one exact edit, so a test fails loudly if the fixture drifts."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def problems_in(text):
    with pytest.raises(FrameworkInvalid) as raised:
        parse_framework(text, SOURCE)
    return raised.value.problems


def only_problem(text):
    problems = problems_in(text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def problem(place, line, message):
    return Problem(SOURCE, place, line, message)


# --------------------------------------------------------------------------------------------
# Valid files
# --------------------------------------------------------------------------------------------


def test_the_minimal_file_parses():
    framework = parse_framework(MINIMAL, SOURCE)
    assert framework.id == "minimal"
    assert framework.version == "1.0"
    assert framework.title == "Minimal framework"
    assert framework.scale.values == (1, 2)
    assert framework.scale.level(2).name == "In place"
    assert framework.scale.dont_know_label == "Don't know"
    assert [c.id for c in framework.components] == ["purpose"]
    statement = framework.statement("p-1")
    assert statement.descriptors == {
        1: "Few staff could name a priority.",
        2: "Most staff name the same priorities.",
    }
    assert statement.guidance == ""
    assert framework.component_of("p-1").title == "Shared purpose"
    assert framework.glossary == ()
    assert framework.tips == ()


def test_the_ten_level_file_parses_with_every_optional_part():
    framework = parse_framework(TEN_LEVELS, SOURCE)
    assert framework.scale.values == tuple(range(1, 11))
    assert framework.version == "2026.10"  # a number in YAML, kept as written
    assert framework.purpose.endswith("of a framework file is read.")
    assert [s.id for s in framework.statements()] == ["pc-1", "pc-2", "ms-1"]
    assert list(framework.statement("pc-2").descriptors) == list(range(1, 11))
    assert framework.statement("pc-1").guidance == "Help for pc-1."
    assert framework.statement("ms-1").guidance == ""
    assert framework.component_of("ms-1").id == "systems"
    assert [e.term for e in framework.glossary] == ["Co-production", "Lived experience"]
    assert framework.tips == (
        "Give people time to answer honestly.",
        "Agree the result together.",
    )


def test_a_version_given_as_a_number_is_accepted_as_text():
    framework = parse_framework(edited('version: "1.0"', "version: 2026.1"), SOURCE)
    assert framework.version == "2026.1"
    assert parse_framework(edited('version: "1.0"', "version: 3"), SOURCE).version == "3"


def test_unknown_statements_and_levels_raise_key_error():
    framework = parse_framework(MINIMAL, SOURCE)
    with pytest.raises(KeyError):
        framework.statement("nope")
    with pytest.raises(KeyError):
        framework.component_of("nope")
    with pytest.raises(KeyError):
        framework.scale.level(3)


def test_framework_objects_are_frozen_and_hashable():
    framework = parse_framework(TEN_LEVELS, SOURCE)
    assert hash(framework) == hash(parse_framework(TEN_LEVELS, SOURCE))
    assert len({framework.statement("pc-1"), framework.statement("pc-1")}) == 1
    with pytest.raises(AttributeError):
        framework.title = "Changed"


# --------------------------------------------------------------------------------------------
# The canonical form and the content hash
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [MINIMAL, TEN_LEVELS], ids=["minimal", "ten-levels"])
def test_to_dict_and_from_dict_round_trip_with_an_equal_hash(text):
    framework = parse_framework(text, SOURCE)
    again = Framework.from_dict(framework.to_dict())
    assert again == framework
    assert again.content_hash() == framework.content_hash()
    assert again.to_dict() == framework.to_dict()


@pytest.mark.parametrize("text", [MINIMAL, TEN_LEVELS], ids=["minimal", "ten-levels"])
def test_the_canonical_form_survives_json_exactly(text):
    """Snapshots are stored as JSON, so the stored form must read back as it was written."""
    data = parse_framework(text, SOURCE).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["components"][0]["statements"][0]["levels"]["1"]


def test_from_dict_orders_descriptors_by_the_scale():
    """A JSON database (PostgreSQL jsonb) may return object keys in another order."""
    framework = parse_framework(TEN_LEVELS, SOURCE)
    data = framework.to_dict()
    levels = data["components"][0]["statements"][0]["levels"]
    data["components"][0]["statements"][0]["levels"] = dict(sorted(levels.items()))
    assert list(dict(sorted(levels.items()))) != list(levels)  # "1", "10", "2", ...
    again = Framework.from_dict(data)
    assert list(again.statement("pc-1").descriptors) == list(range(1, 11))
    assert again == framework


def test_content_hash_is_sha256_of_compact_sorted_json():
    import hashlib

    framework = parse_framework(MINIMAL, SOURCE)
    canonical = json.dumps(
        framework.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert framework.content_hash() == hashlib.sha256(canonical.encode()).hexdigest()


def _text_paths(data, path=()):
    """Every path to a text (or level value) in the canonical form."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _text_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _text_paths(value, (*path, index))
    else:
        yield path


def _changed(data, path):
    data = json.loads(json.dumps(data))
    target = data
    for step in path[:-1]:
        target = target[step]
    old = target[path[-1]]
    target[path[-1]] = old + 100 if isinstance(old, int) else old + " (changed)"
    return data


def test_content_hash_changes_when_any_text_changes():
    framework = parse_framework(TEN_LEVELS, SOURCE)
    data = framework.to_dict()
    paths = list(_text_paths(data))
    assert len(paths) > 60
    hashes = {Framework.from_dict(_changed(data, path)).content_hash() for path in paths}
    assert len(hashes) == len(paths)
    assert framework.content_hash() not in hashes


def test_content_hash_changes_when_a_descriptor_in_the_file_changes():
    original = parse_framework(MINIMAL, SOURCE).content_hash()
    changed = edited("1: Few staff", "1: Hardly any staff")
    assert parse_framework(changed, SOURCE).content_hash() != original


def test_content_hash_ignores_yaml_layout_and_comments():
    """The same content, written quite differently: quoting, blocks, flow style, key order."""
    relaid = """\
# Same content as minimal.yaml; only the YAML layout differs.
version: '1.0'   # quoted differently
id: "minimal"
title: >-
  Minimal framework
purpose: |
  A small framework for the schema tests.
scale:
  dont_know: {label: "Don't know", meaning: Choose this when you have not seen enough to judge.}
  levels:
  - {value: 1, name: Not yet, meaning: The practice is not in place.}
  - meaning: The practice is in place and working.
    name: "In place"
    value: 2
components:
- statements:
  - levels: {2: Most staff name the same priorities., 1: Few staff could name a priority.}
    text: >
      Staff can describe the
      organisation's improvement priorities.
    id: p-1
  id: purpose
  title: Shared purpose
  summary: Whether people share a clear purpose.
  what_good_looks_like: [Everyone can say what the organisation is trying to improve.]
"""
    assert (
        parse_framework(relaid, SOURCE).content_hash()
        == parse_framework(MINIMAL, SOURCE).content_hash()
    )


# --------------------------------------------------------------------------------------------
# One problem at a time: place, line and message
# --------------------------------------------------------------------------------------------


def test_a_missing_level_descriptor():
    text = edited("          2: Most staff name the same priorities.\n", "")
    assert only_problem(text) == problem(
        f"{STATEMENT}.levels",
        26,
        "missing descriptor for level 2 (In place); add a line '2: ...' saying what a person "
        "would observe at level 2",
    )


def test_several_missing_descriptors_are_named_in_one_problem():
    text = edited("          1: Level 1 of pc-1.\n", "", TEN_LEVELS)
    text = edited("          4: Level 4 of pc-1.\n", "", text)
    assert only_problem(text) == problem(
        f"{STATEMENT}.levels",
        54,
        "missing descriptors for levels 1 (Absent) and 4 (Trying); add a line such as "
        "'1: ...' for each, saying what a person would observe at that level",
    )
    assert TEN_LEVELS.splitlines()[53] == "        levels:"


def test_a_descriptor_for_a_level_the_scale_does_not_have():
    text = edited("2: Most staff name the same priorities.\n", "2: Most.\n          7: Extra.\n")
    assert only_problem(text) == problem(
        f"{STATEMENT}.levels.7",
        29,
        "there is a descriptor for level 7, but the scale has no level 7 (the scale's values "
        "are 1, 2); remove the descriptor or correct the level number",
    )


def test_a_level_key_written_as_text():
    text = edited("          1: Few staff", "          '1': Few staff")
    assert only_problem(text) == problem(
        f"{STATEMENT}.levels.1",
        27,
        "the level '1' is written as text; write it as the whole number 1, without quotes, "
        "to match the scale's value",
    )


def test_a_duplicate_component_id():
    component = MINIMAL[MINIMAL.index("  - id: purpose") :]
    text = MINIMAL + component.replace("id: p-1", "id: p-2")
    assert only_problem(text) == problem(
        "components[1].id",
        29,
        "the component id 'purpose' is already used at components[0] (line 18); "
        "give each component its own id",
    )


def test_a_duplicate_statement_id_across_components():
    text = edited("      - id: ms-1", "      - id: pc-1", TEN_LEVELS)
    found = only_problem(text)
    line = TEN_LEVELS.splitlines().index("      - id: ms-1") + 1
    assert found == problem(
        "components[1].statements[0].id",
        line,
        "the statement id 'pc-1' is already used at components[0].statements[0] (line 52); "
        "give each statement its own id: cycles are compared by statement id, so ids must be "
        "unique across the whole file",
    )
    assert TEN_LEVELS.splitlines()[51] == "      - id: pc-1"


def test_unordered_levels():
    swapped = edited(
        "    - value: 1\n      name: Not yet\n      meaning: The practice is not in place.\n"
        "    - value: 2\n      name: In place\n      meaning: The practice is in place and "
        "working.\n",
        "    - value: 2\n      name: In place\n      meaning: The practice is in place and "
        "working.\n    - value: 1\n      name: Not yet\n      meaning: The practice is not in "
        "place.\n",
    )
    assert only_problem(swapped) == problem(
        "scale.levels",
        7,
        "the levels are out of order: 1 comes after 2; list the levels from lowest to "
        "highest value (1, 2)",
    )


def test_unordered_levels_name_every_misplaced_value():
    text = TEN_LEVELS.replace("value: 3\n", "value: 30\n").replace("value: 7\n", "value: 70\n")
    found = only_problem(text)
    assert found.place == "scale.levels"
    assert found.message.startswith(
        "the levels are out of order: 4 comes after 30, 5 comes after 30, 6 comes after 30, "
        "8 comes after 70, 9 comes after 70 and 10 comes after 70; list the levels from lowest"
    )


def test_too_few_levels():
    text = edited(
        "    - value: 2\n      name: In place\n      meaning: The practice is in place and "
        "working.\n",
        "",
    )
    # The fix is in the scale, so the statements are not also checked against it.
    assert only_problem(text) == problem(
        "scale.levels",
        7,
        "the scale has 1 level; it needs 2 to 10 levels, so add at least 1 more",
    )


def test_too_many_levels():
    text = edited(
        "  dont_know:\n",
        "    - value: 11\n      name: Beyond\n      meaning: Beyond.\n  dont_know:\n",
        TEN_LEVELS,
    )
    assert only_problem(text) == problem(
        "scale.levels",
        10,
        "the scale has 11 levels; it can have at most 10, so remove 1 (and their descriptors "
        "in every statement)",
    )


def test_a_repeated_level_value_and_name():
    text = edited("    - value: 2\n      name: In place", "    - value: 1\n      name: not yet")
    assert problems_in(text) == [
        problem(
            "scale.levels[1].value",
            11,
            "the value 1 is used by more than one level (first at scale.levels[0] (line 8)); "
            "give each level its own value",
        ),
        problem(
            "scale.levels[1].name",
            12,
            "the level name 'not yet' is already used at scale.levels[0].name (line 9); "
            "give each level its own name",
        ),
    ]


def test_a_level_value_that_is_not_a_whole_number():
    assert only_problem(edited("- value: 2", "- value: '2'")) == problem(
        "scale.levels[1].value",
        11,
        "the level's value is written as text ('2'); write 2 without quotes",
    )
    assert only_problem(edited("- value: 2", "- value: true")) == problem(
        "scale.levels[1].value",
        11,
        "the level's value must be a whole number such as 1, but it is a true/false value (true)",
    )
    assert only_problem(edited("- value: 2", "- value: 2.5")).message.endswith("a number (2.5)")


def test_an_unknown_key_with_a_suggestion():
    assert only_problem(edited("summary:", "sumary:")) == problem(
        "components[0].sumary",
        20,
        "unknown key 'sumary'; did you mean 'summary'? The keys allowed in a component are: "
        "id, title, summary, what_good_looks_like, statements",
    )


def test_an_unknown_key_without_a_suggestion():
    assert only_problem(edited("        text:", "        colour: blue\n        text:")) == problem(
        f"{STATEMENT}.colour",
        25,
        "unknown key 'colour'; remove it, or use one of the keys allowed in a statement: "
        "id, text, levels, guidance",
    )


def test_unknown_keys_are_found_at_every_level():
    text = MINIMAL.replace("purpose: A", "owner: Me\npurpose: A").replace(
        "    label: Don't know", "    label: Don't know\n    lable: Again"
    )
    assert [(p.place, p.line) for p in problems_in(text)] == [
        ("owner", 5),
        ("scale.dont_know.lable", 17),
    ]
    assert "did you mean 'label'?" in problems_in(text)[1].message


def test_a_missing_required_key():
    assert only_problem(edited("    summary: Whether people share a clear purpose.\n", "")) == (
        problem(
            "components[0]",
            18,
            "missing 'summary'; add 'summary:' with one or two sentences on what the "
            "component is about",
        )
    )
    assert only_problem(edited("purpose: A small framework for the schema tests.\n", "")) == (
        problem(
            "",
            2,
            "missing 'purpose'; add 'purpose:' with why the assessment exists and how its "
            "result should be used",
        )
    )


@pytest.mark.parametrize(
    ("old", "new", "place", "line", "message"),
    [
        (
            "title: Minimal framework",
            "title: '   '",
            "title",
            4,
            "'title' is empty; write the framework's title",
        ),
        (
            "title: Minimal framework",
            "title:",
            "title",
            4,
            "'title' is empty; write the framework's title",
        ),
        (
            "      name: In place",
            "      name: ''",
            "scale.levels[1].name",
            12,
            "'name' is empty; write a short name shown beside the number",
        ),
        (
            "      - Everyone can say",
            "      - ''\n      - Everyone can say",
            "components[0].what_good_looks_like[0]",
            22,
            "this point is empty; write a point describing the mature state, or remove the line",
        ),
        (
            "          2: Most staff name the same priorities.",
            "          2: ' '",
            f"{STATEMENT}.levels.2",
            28,
            "the descriptor for level 2 is empty; write what a person would observe at level 2",
        ),
        (
            "        levels:",
            "        guidance: ''\n        levels:",
            f"{STATEMENT}.guidance",
            26,
            "'guidance' is empty; write help shown in an expandable section, or leave 'guidance' "
            "out (it is optional)",
        ),
    ],
)
def test_empty_texts(old, new, place, line, message):
    assert only_problem(edited(old, new)) == problem(place, line, message)


def test_an_empty_tip_and_glossary_definition():
    text = MINIMAL + "glossary:\n  - term: PDSA\n    definition:\ntips:\n  - ''\n"
    assert problems_in(text) == [
        problem(
            "glossary[0].definition", 31, "'definition' is empty; write what the term means here"
        ),
        problem("tips[0]", 33, "this tip is empty; write a short tip, or remove the line"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "place", "line", "message"),
    [
        (
            "title: Minimal framework",
            "title: 5",
            "title",
            4,
            "'title' must be text, but it is a number (5); put it in quotes to use it as text",
        ),
        (
            "title: Minimal framework",
            "title: no",
            "title",
            4,
            "'title' must be text, but it is a true/false value (false); put it in quotes to use "
            "it as text",
        ),
        (
            "    title: Shared purpose",
            "    title:\n      - Shared purpose",
            "components[0].title",
            19,
            "'title' must be text, but it is a list; write it as one text (for a long text, write "
            "'>' and the text on indented lines)",
        ),
        (
            'version: "1.0"',
            "version: [1]",
            "version",
            3,
            "'version' must be text, but it is a list; write it as one text (for a long text, "
            "write '>' and the text on indented lines)",
        ),
        (
            "    what_good_looks_like:\n      - Everyone",
            "    what_good_looks_like: Everyone",
            "components[0].what_good_looks_like",
            21,
            "'what_good_looks_like' must be a list, with each item on its own line starting "
            "with '- ', but it is text",
        ),
        (
            "  dont_know:\n    label: Don't know\n    meaning: Choose this when you have not "
            "seen enough to judge.",
            "  dont_know: Don't know",
            "scale.dont_know",
            14,
            "the \"don't know\" answer must be a set of 'key: value' lines (label, meaning), but "
            "it is text",
        ),
        (
            "        levels:\n          1: Few staff could name a priority.\n          2: Most "
            "staff name the same priorities.",
            "        levels:\n          - One.\n          - Two.",
            f"{STATEMENT}.levels",
            26,
            "'levels' must be a set of 'value: descriptor' lines, one for each level of the scale "
            "(such as '1: What a person would observe.'), but it is a list",
        ),
    ],
)
def test_wrong_types(old, new, place, line, message):
    assert only_problem(edited(old, new)) == problem(place, line, message)


def test_a_component_that_is_not_a_mapping():
    text = MINIMAL[: MINIMAL.index("components:")] + "components:\n  - purpose\n"
    assert only_problem(text) == problem(
        "components[0]",
        18,
        "a component must be a set of 'key: value' lines (id, title, summary, "
        "what_good_looks_like, statements), but it is text",
    )


def test_a_top_level_that_is_not_a_mapping():
    assert only_problem("- one\n- two\n") == problem(
        "",
        1,
        "the top level of the file must be a set of 'key: value' lines (id, version, title, "
        "purpose, scale, components, glossary, tips), but it is a list",
    )


def test_an_empty_file():
    assert only_problem("# nothing yet\n") == problem(
        "", None, "the file is empty; write a framework as described in docs/framework-format.md"
    )


def test_dont_know_missing():
    text = edited(
        "  dont_know:\n    label: Don't know\n    meaning: Choose this when you have not seen "
        "enough to judge.\n",
        "",
    )
    assert only_problem(text) == problem(
        "scale",
        6,
        "missing 'dont_know'; add 'dont_know:' with a 'label' and a 'meaning' for the "
        '"don\'t know" answer',
    )


def test_dont_know_label_missing():
    assert only_problem(edited("    label: Don't know\n", "")) == problem(
        "scale.dont_know",
        14,
        "missing 'label'; add 'label:' with the text people choose, such as \"Don't know\"",
    )


@pytest.mark.parametrize(
    ("old", "new", "place", "line", "message"),
    [
        (
            "id: minimal",
            "id: Minimal Framework",
            "id",
            2,
            "the id 'Minimal Framework' is not valid; use only lower-case letters, digits and "
            "hyphens, starting with a letter or digit, such as 'minimal-framework'",
        ),
        (
            "- id: purpose",
            "- id: -purpose",
            "components[0].id",
            18,
            "the id '-purpose' is not valid; use only lower-case letters, digits and hyphens, "
            "starting with a letter or digit, such as 'purpose'",
        ),
        (
            "- id: p-1",
            "- id: p_1",
            f"{STATEMENT}.id",
            24,
            "the id 'p_1' is not valid; use only lower-case letters, digits and hyphens, "
            "starting with a letter or digit, such as 'p-1'",
        ),
        (
            "- id: p-1",
            "- id: 7",
            f"{STATEMENT}.id",
            24,
            "'id' must be text, but it is a number (7); put it in quotes to use it as text",
        ),
    ],
)
def test_invalid_ids(old, new, place, line, message):
    assert only_problem(edited(old, new)) == problem(place, line, message)


def test_no_components_no_statements_no_points():
    no_components = MINIMAL[: MINIMAL.index("components:")] + "components: []\n"
    assert only_problem(no_components) == problem(
        "components", 17, "'components' is empty; add a list of at least one component"
    )
    no_statements = MINIMAL[: MINIMAL.index("    statements:")] + "    statements:\n"
    assert only_problem(no_statements) == problem(
        "components[0].statements",
        23,
        "'statements' is empty; add a list of at least one statement",
    )
    no_points = edited("      - Everyone can say what the organisation is trying to improve.\n", "")
    assert only_problem(no_points) == problem(
        "components[0].what_good_looks_like",
        21,
        "'what_good_looks_like' is empty; add a list of at least one point describing the "
        "mature state",
    )


def test_duplicate_glossary_terms_differing_only_in_case():
    text = edited("tips:\n", "  - term: co-production\n    definition: Again.\ntips:\n", TEN_LEVELS)
    first = TEN_LEVELS.splitlines().index("  - term: Co-production") + 1
    found = only_problem(text)
    assert found == problem(
        "glossary[2].term",
        first + 4,
        f"the glossary term 'co-production' is already used at glossary[0] (line {first}); "
        "merge the two definitions or remove one",
    )


def test_a_broken_scale_skips_the_statement_checks_that_depend_on_it():
    text = edited("- value: 2", "- value: two")
    text = edited("          2: Most staff name the same priorities.", "          9: Extra.", text)
    text = edited("          1: Few staff could name a priority.\n", "", text)
    found = problems_in(text)
    assert [(p.place, p.line) for p in found] == [("scale.levels[1].value", 11)]


def test_a_yaml_syntax_error_gives_its_line_and_column():
    text = edited("summary: Whether people", "summary: Note: Whether people")
    assert only_problem(text) == problem(
        "",
        20,
        "YAML syntax error at column 18: mapping values are not allowed here; check the "
        "indentation (spaces, not tabs), that each 'key: value' has a space after the colon, "
        "and put text containing ': ' or ' #' in quotes",
    )


def test_a_yaml_syntax_error_names_its_context():
    found = only_problem(edited("title: Shared purpose", "title: [Shared purpose"))
    assert found.line == 20
    assert found.message.startswith(
        "YAML syntax error at column 12: expected ',' or ']', but got ':'"
    )
    assert "(while parsing a flow sequence on line 19)" in found.message


def test_a_tab_in_the_indentation():
    found = only_problem(edited("  dont_know:", "\tdont_know:"))
    assert (found.line, found.place) == (14, "")
    assert "found character '\\t' that cannot start any token" in found.message


def test_a_control_character():
    assert only_problem(edited("title: Minimal", "title: Mini\x07mal")) == problem(
        "",
        4,
        "the file contains a control character (#x0007) that YAML does not allow; remove it "
        "(it is often left by copying text from another program)",
    )


def test_a_key_given_twice():
    text = edited("    title: Shared purpose\n", "    title: Shared purpose\n    title: Again\n")
    assert only_problem(text) == problem(
        "components[0].title",
        20,
        "the key 'title' is given twice in the same place (first on line 19); keep only one, "
        "because YAML would silently use the last one",
    )


def test_a_level_descriptor_given_twice():
    text = edited("          2: Most staff", "          1: Again.\n          2: Most staff")
    assert only_problem(text) == problem(
        f"{STATEMENT}.levels.1",
        28,
        "the key '1' is given twice in the same place (first on line 27); keep only one, "
        "because YAML would silently use the last one",
    )


def test_dates_are_read_as_text():
    """YAML would make 2026-01-05 a date; a framework has no dates, so it is a version."""
    assert parse_framework(edited('version: "1.0"', "version: 2026-01-05"), SOURCE).version == (
        "2026-01-05"
    )


# --------------------------------------------------------------------------------------------
# Many problems at once
# --------------------------------------------------------------------------------------------


def test_a_file_with_several_problems_reports_all_of_them_in_line_order():
    problems = validate_file(DATA / "several-problems.yaml")
    source = str(DATA / "several-problems.yaml")
    assert all(p.source == source for p in problems)
    assert [(p.place, p.line) for p in problems] == [
        ("id", 2),
        ("purpose", 5),
        ("scale.dont_know", 14),
        ("components[0].sumary", 19),
        ("components[0].statements[0].levels", 25),
        ("components[1].id", 27),
        ("components[1].statements[0].id", 33),
        ("components[1].statements[0].levels.3", 38),
    ]
    messages = [p.message for p in problems]
    assert messages[0].startswith("the id 'Several Problems' is not valid")
    assert messages[1].startswith("'purpose' is empty")
    assert messages[2].startswith("missing 'label'")
    assert messages[3].startswith("unknown key 'sumary'; did you mean 'summary'?")
    assert messages[4].startswith("missing descriptor for level 2 (High)")
    assert messages[5].startswith("the component id 'first' is already used at components[0]")
    assert messages[6].startswith(
        "the statement id 's-1' is already used at components[0].statements[0] (line 23)"
    )
    assert messages[7].startswith("there is a descriptor for level 3, but the scale has no")


def test_framework_invalid_lists_every_problem_one_per_line():
    with pytest.raises(FrameworkInvalid) as raised:
        load_framework_file(DATA / "several-problems.yaml")
    lines = str(raised.value).splitlines()
    assert lines == [str(p) for p in raised.value.problems]
    assert lines[3] == (
        f"{DATA / 'several-problems.yaml'}:19: components[0].sumary: unknown key 'sumary'; "
        "did you mean 'summary'? The keys allowed in a component are: id, title, summary, "
        "what_good_looks_like, statements"
    )


def test_problem_text_forms():
    assert str(Problem("f.yaml", "scale.levels", 7, "wrong")) == "f.yaml:7: scale.levels: wrong"
    assert str(Problem("f.yaml", "scale.levels", None, "wrong")) == "f.yaml: scale.levels: wrong"
    assert str(Problem("f.yaml", "", 3, "wrong")) == "f.yaml:3: wrong"
    assert str(Problem("f.yaml", "", None, "wrong")) == "f.yaml: wrong"


def test_framework_invalid_survives_copying():
    """Copying (and pickling) rebuild an exception from its reduce form; keep the problems."""
    import copy

    error = FrameworkInvalid([Problem("f.yaml", "", 1, "wrong")])
    assert copy.deepcopy(error).problems == error.problems
    assert str(copy.deepcopy(error)) == "f.yaml:1: wrong"


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def test_validate_file_returns_nothing_for_a_valid_file():
    assert validate_file(DATA / "minimal.yaml") == []
    assert validate_file(str(DATA / "ten-levels.yaml")) == []


def test_load_framework_file_reads_a_file(tmp_path):
    path = tmp_path / "with-bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load_framework_file(path) == parse_framework(MINIMAL, SOURCE)


def test_an_unreadable_path(tmp_path):
    missing = tmp_path / "missing.yaml"
    assert validate_file(missing) == [
        Problem(
            str(missing),
            "",
            None,
            "cannot read the file (No such file or directory); check the path and that the "
            "file can be read",
        )
    ]
    assert validate_file(tmp_path)[0].message.startswith("cannot read the file (Is a directory)")


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    content = MINIMAL.replace("Minimal", "Minimal caf\u00e9").encode("latin-1")
    path.write_bytes(content)
    assert validate_file(path) == [
        Problem(
            str(path),
            "",
            None,
            f"the file is not UTF-8 text (byte 0xe9 at position {content.index(0xE9)}); save "
            "it with UTF-8 encoding",
        )
    ]


# --------------------------------------------------------------------------------------------
# The shipped library
# --------------------------------------------------------------------------------------------

LIBRARY_FILES = sorted([*LIBRARY.glob("*.yaml"), *LIBRARY.glob("*.yml")])


def test_the_library_has_framework_files():
    assert LIBRARY_FILES, f"no framework files in {LIBRARY}"


@pytest.mark.parametrize("path", LIBRARY_FILES, ids=[p.name for p in LIBRARY_FILES])
def test_every_library_file_is_valid(path):
    problems = validate_file(path)
    assert problems == [], "\n".join(map(str, problems))


# --------------------------------------------------------------------------------------------
# No file, however broken, causes anything but FrameworkInvalid
# --------------------------------------------------------------------------------------------


def _places(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 12) | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5) | st.integers(0, 12), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_change_to_a_valid_file_is_parsed_or_explained(data):
    tree = yaml.safe_load(TEN_LEVELS)
    paths = [p for p in _places(tree) if p]
    path = data.draw(st.sampled_from(paths))
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(ANY_VALUE)
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)
    try:
        framework = parse_framework(text, SOURCE)
    except FrameworkInvalid as invalid:
        assert invalid.problems
        for found in invalid.problems:
            assert found.message and isinstance(found.line, int), found
    else:
        assert Framework.from_dict(framework.to_dict()) == framework


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text())
def test_any_text_is_parsed_or_explained(text):
    try:
        parse_framework(text, SOURCE)
    except FrameworkInvalid as invalid:
        assert invalid.problems


def test_types_are_the_documented_ones():
    framework = parse_framework(TEN_LEVELS, SOURCE)
    assert isinstance(framework.components[0], Component)
    assert isinstance(framework.statements()[0], Statement)
    assert isinstance(framework.components, tuple)
    assert isinstance(framework.components[0].what_good_looks_like, tuple)
