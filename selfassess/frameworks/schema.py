"""Framework files: the data model, and the checks that turn a YAML file into it.

A framework is data written by people, often outside this project, so a bad file must be
rejected with *every* problem listed at once (file, place, line and what to change), never a
traceback and never the first problem only. The rules are those of docs/framework-format.md,
which is the contract for framework authors.

Plain Python on purpose (stdlib and PyYAML only): the command line, the loader and the
analysis all use it, and it is tested without Django or a database.

How a file is read:

1. PyYAML composes the text into nodes. The nodes know their line numbers and show repeated
   keys, which PyYAML would otherwise drop silently (keeping the last).
2. The nodes are constructed into plain data, which the checks below walk, reporting each
   problem at a place such as ``components[2].statements[4].levels``.
3. Only data that passed every check becomes a :class:`Framework`, through
   :meth:`Framework.from_dict`, the same path a stored snapshot takes.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from selfassess.core import limits

# --------------------------------------------------------------------------------------------
# The data model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    value: int
    name: str
    meaning: str


@dataclass(frozen=True)
class Scale:
    """Ordered levels, lowest first, plus the "don't know" answer that is never a level."""

    levels: tuple[Level, ...]
    dont_know_label: str
    dont_know_meaning: str

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)

    def level(self, value: int) -> Level:
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(value)


@dataclass(frozen=True)
class Statement:
    """One item people rate; ``descriptors`` maps each scale value to what it looks like."""

    id: str
    text: str
    descriptors: dict[int, str]
    guidance: str = ""

    def __hash__(self) -> int:
        # A dict field would make the generated hash fail; statements are used as dict keys.
        return hash((self.id, self.text, tuple(self.descriptors.items()), self.guidance))


@dataclass(frozen=True)
class Component:
    id: str
    title: str
    summary: str
    what_good_looks_like: tuple[str, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True)
class Framework:
    """One version of a framework, exactly as people will rate it.

    ``to_dict`` gives the canonical plain form stored as a snapshot (JSON in the database) and
    hashed; ``from_dict`` reads it back. That form has the shape of the YAML file with two
    fixed choices, so the same content always gives the same form and the same hash:

    * the keys of a statement's ``levels`` are strings (``"1"``), because JSON object keys
      are always strings; ``from_dict`` turns them back into ints, ordered as the scale;
    * ``glossary`` and ``tips`` are always present (possibly empty lists), and ``guidance``
      is present only when the statement has some.

    Texts are stripped of surrounding whitespace, so YAML layout (``>`` or ``|`` blocks,
    plain or quoted scalars, comments) never changes the content or its hash.
    """

    id: str
    version: str
    title: str
    purpose: str
    scale: Scale
    components: tuple[Component, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    tips: tuple[str, ...] = ()

    def statements(self) -> list[Statement]:
        return [statement for component in self.components for statement in component.statements]

    def statement(self, statement_id: str) -> Statement:
        for statement in self.statements():
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def component_of(self, statement_id: str) -> Component:
        for component in self.components:
            if any(statement.id == statement_id for statement in component.statements):
                return component
        raise KeyError(statement_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "purpose": self.purpose,
            "scale": {
                "levels": [
                    {"value": level.value, "name": level.name, "meaning": level.meaning}
                    for level in self.scale.levels
                ],
                "dont_know": {
                    "label": self.scale.dont_know_label,
                    "meaning": self.scale.dont_know_meaning,
                },
            },
            "components": [_component_to_dict(component) for component in self.components],
            "glossary": [{"term": e.term, "definition": e.definition} for e in self.glossary],
            "tips": list(self.tips),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Framework:
        """Build from ``to_dict()`` output (or checked YAML data); does not validate."""
        scale = _scale_from_dict(data["scale"])
        return cls(
            id=_text(data["id"]),
            version=_text(data["version"]),
            title=_text(data["title"]),
            purpose=_text(data["purpose"]),
            scale=scale,
            components=tuple(_component_from_dict(c, scale) for c in data["components"]),
            glossary=tuple(
                GlossaryEntry(_text(e["term"]), _text(e["definition"]))
                for e in data.get("glossary") or ()
            ),
            tips=tuple(_text(tip) for tip in data.get("tips") or ()),
        )

    def content_hash(self) -> str:
        """sha256 of the canonical JSON: equal content, equal hash, whatever the YAML layout."""
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    return str(value).strip()


def _component_to_dict(component: Component) -> dict[str, Any]:
    return {
        "id": component.id,
        "title": component.title,
        "summary": component.summary,
        "what_good_looks_like": list(component.what_good_looks_like),
        "statements": [_statement_to_dict(statement) for statement in component.statements],
    }


def _statement_to_dict(statement: Statement) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": statement.id,
        "text": statement.text,
        "levels": {str(value): text for value, text in statement.descriptors.items()},
    }
    if statement.guidance:
        data["guidance"] = statement.guidance
    return data


def _scale_from_dict(data: dict[str, Any]) -> Scale:
    return Scale(
        levels=tuple(
            Level(int(level["value"]), _text(level["name"]), _text(level["meaning"]))
            for level in data["levels"]
        ),
        dont_know_label=_text(data["dont_know"]["label"]),
        dont_know_meaning=_text(data["dont_know"]["meaning"]),
    )


def _component_from_dict(data: dict[str, Any], scale: Scale) -> Component:
    return Component(
        id=_text(data["id"]),
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        what_good_looks_like=tuple(_text(point) for point in data["what_good_looks_like"]),
        statements=tuple(_statement_from_dict(s, scale) for s in data["statements"]),
    )


def _statement_from_dict(data: dict[str, Any], scale: Scale) -> Statement:
    given = {int(value): _text(text) for value, text in data["levels"].items()}
    # Scale order, not stored order: a JSON database may reorder object keys.
    descriptors = {value: given[value] for value in scale.values if value in given}
    descriptors.update(given)
    return Statement(
        id=_text(data["id"]),
        text=_text(data["text"]),
        descriptors=descriptors,
        guidance=_text(data.get("guidance") or ""),
    )


# --------------------------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is and what to change."""

    source: str
    place: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        what = f"{self.place}: {self.message}" if self.place else self.message
        return f"{where}: {what}"


class FrameworkInvalid(Exception):
    """A framework file was refused; ``problems`` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self):
        return (type(self), (self.problems,))


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def parse_framework(text: str, source: str) -> Framework:
    """Check ``text`` and build the framework; raise FrameworkInvalid listing every problem."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.FRAMEWORK_FILE_BYTES_MAX:
        raise FrameworkInvalid([_too_big(source, size)])
    document = _read_yaml(text, source)
    problems = list(document.problems)
    if document.data is not _UNREADABLE:
        checker = _Checker(source, document.lines, document.scalars)
        checker.check_framework(document.data)
        problems.extend(checker.problems)
    if problems:
        raise FrameworkInvalid(sorted(problems, key=_reading_order))
    data = dict(document.data)
    if not isinstance(data["version"], str):
        # Keep the number as written ("2026.10"), not as Python reads it (2026.1).
        data["version"] = document.scalars.get("version", str(data["version"]))
    return Framework.from_dict(data)


def _too_big(source: str, size: int) -> Problem:
    return Problem(
        source,
        "",
        None,
        f"the file is {size:,} bytes; a framework file can be at most "
        f"{limits.FRAMEWORK_FILE_BYTES_MAX:,} bytes, so shorten its texts or split it into "
        "two frameworks",
    )


def check_snapshot(content: Any, source: str) -> tuple[Framework | None, list[Problem]]:
    """Check a stored snapshot (``Framework.to_dict()`` form) with a file's checks.

    A snapshot arriving from outside (an organisation export) is a framework written by
    someone else, like a file: the same checks and limits apply. The canonical form writes
    level keys as text ("1"), so they are read back as numbers first. Returns the framework
    when there is no problem.
    """
    data = content
    if isinstance(content, dict) and isinstance(content.get("components"), list):
        data = {**content, "components": [_numbered_levels(c) for c in content["components"]]}
    checker = _Checker(source, {})
    checker.check_framework(data)
    if checker.problems:
        return None, checker.problems
    try:
        return Framework.from_dict(data), []
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return None, [Problem(source, "", None, f"the framework cannot be read ({error!r})")]


def _numbered_levels(component: Any) -> Any:
    if not isinstance(component, dict) or not isinstance(component.get("statements"), list):
        return component
    statements = []
    for statement in component["statements"]:
        if isinstance(statement, dict) and isinstance(statement.get("levels"), dict):
            levels = {
                int(key)
                if isinstance(key, str) and re.fullmatch(r"-?(0|[1-9][0-9]{0,5})", key)
                else key: text
                for key, text in statement["levels"].items()
            }
            statement = {**statement, "levels": levels}
        statements.append(statement)
    return {**component, "statements": statements}


def load_framework_file(path: str | Path) -> Framework:
    """Read a UTF-8 file and parse it; a file that cannot be read is one Problem.

    The size is checked before reading, so a huge file never reaches memory.
    """
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > limits.FRAMEWORK_FILE_BYTES_MAX:
            raise FrameworkInvalid([_too_big(source, size)])
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise FrameworkInvalid(
            [
                Problem(
                    source,
                    "",
                    None,
                    f"the file is not UTF-8 text (byte {error.object[error.start]:#04x} at "
                    f"position {error.start}); save it with UTF-8 encoding",
                )
            ]
        ) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise FrameworkInvalid(
            [
                Problem(
                    source,
                    "",
                    None,
                    f"cannot read the file ({reason}); check the path and that the file "
                    "can be read",
                )
            ]
        ) from error
    return parse_framework(text, source)


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem with the file at ``path``; an empty list means it can be loaded."""
    try:
        load_framework_file(path)
    except FrameworkInvalid as invalid:
        return invalid.problems
    return []


def _reading_order(problem: Problem) -> tuple[bool, int]:
    """File-level problems first, then by line; ties keep the order they were found in."""
    return (problem.line is not None, problem.line or 0)


# --------------------------------------------------------------------------------------------
# Reading YAML: data, line numbers and repeated keys
# --------------------------------------------------------------------------------------------

_UNREADABLE = object()
_INT_READER = yaml.SafeLoader("")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML_ADVICE = (
    "check the indentation (spaces, not tabs), that each 'key: value' has a space after the "
    "colon, and put text containing ': ' or ' #' in quotes"
)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without dates: a framework has none, so 2026-01-05 stays text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class _Document:
    data: Any
    lines: dict[str, int]  # place -> 1-based line number of the key or list item
    scalars: dict[str, str]  # place -> scalar as written, for version numbers
    problems: list[Problem]


def _read_yaml(text: str, source: str) -> _Document:
    """Compose, index and construct the YAML; syntax problems end the reading there."""
    document = _Document(_UNREADABLE, {}, {}, [])
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            document.problems.append(
                Problem(
                    source,
                    "",
                    None,
                    "the file is empty; write a framework as described in docs/framework-format.md",
                )
            )
            return document
        _index_nodes(node, source, document)
        if document.problems:
            return document
        expansion = _expansion_problem(node, source)
        if expansion is not None:
            document.problems.append(expansion)
            return document
        document.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        document.problems.append(_syntax_problem(error, source))
    except yaml.YAMLError as error:
        document.problems.append(_reader_problem(error, source, text))
    except (ValueError, OverflowError) as error:
        # PyYAML can fail while building a value without saying where; should never happen
        # without dates, but a file must never cause a traceback.
        document.problems.append(
            Problem(
                source,
                "",
                None,
                f"a value cannot be read ({error}); if it is meant as text, put it in quotes",
            )
        )
    except RecursionError:
        document.problems.append(
            Problem(source, "", None, "the file is nested too deeply to read; simplify it")
        )
    finally:
        if loader is not None:
            loader.dispose()
    if document.problems:
        document.data = _UNREADABLE
    return document


def _syntax_problem(error: yaml.MarkedYAMLError, source: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "the text is not valid YAML"
    context = ""
    if error.context and error.context_mark and error.problem:
        context = f" ({error.context} on line {error.context_mark.line + 1})"
    if mark is None:
        return Problem(source, "", None, f"YAML syntax error: {what}{context}; {_YAML_ADVICE}")
    return Problem(
        source,
        "",
        mark.line + 1,
        f"YAML syntax error at column {mark.column + 1}: {what}{context}; {_YAML_ADVICE}",
    )


def _reader_problem(error: yaml.YAMLError, source: str, text: str) -> Problem:
    """Errors without a mark: in practice a control character the YAML reader refuses."""
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        line = text.count("\n", 0, error.position) + 1
        return Problem(
            source,
            "",
            line,
            f"the file contains a control character (#x{error.character:04x}) that YAML does "
            "not allow; remove it (it is often left by copying text from another program)",
        )
    detail = " ".join(str(error).split())
    return Problem(source, "", None, f"the file cannot be read as YAML ({detail})")


def _expansion_problem(root: yaml.Node, source: str) -> Problem | None:
    """Refuse a document whose aliases expand beyond what the service can hold.

    An alias (``*name``) repeats an anchored part without repeating its bytes, so a small
    file can stand for gigabytes once stored as JSON, hashed or shown. The size each node
    expands to is computed once per node (aliases share nodes), so this walk is as cheap as
    the file is small, whatever it expands to. A part that contains itself never ends.
    """
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes, characters) once expanded
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = _child_nodes(node)
        if not children_done:
            if key in in_progress:
                return Problem(
                    source,
                    "",
                    node.start_mark.line + 1,
                    "an alias refers to the part that contains it, so the file never ends; "
                    "write the text out instead of the alias",
                )
            in_progress.add(key)
            stack.append((node, True))
            for child in children:
                if id(child) in in_progress and id(child) not in sizes:
                    return Problem(
                        source,
                        "",
                        child.start_mark.line + 1,
                        "an alias refers to the part that contains it, so the file never "
                        "ends; write the text out instead of the alias",
                    )
                if id(child) not in sizes:
                    stack.append((child, False))
            continue
        in_progress.discard(key)
        nodes, characters = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        for child in children:
            child_nodes, child_characters = sizes[id(child)]
            nodes += child_nodes
            characters += child_characters
        sizes[key] = (nodes, characters)
        if nodes > limits.FRAMEWORK_NODES_MAX or characters > limits.FRAMEWORK_CHARACTERS_MAX:
            return Problem(
                source,
                "",
                node.start_mark.line + 1,
                f"with its aliases (*name) written out, the file would hold {nodes:,} values "
                f"and {characters:,} characters of text; a framework can hold at most "
                f"{limits.FRAMEWORK_NODES_MAX:,} values and "
                f"{limits.FRAMEWORK_CHARACTERS_MAX:,} characters, so use fewer aliases",
            )
    return None


def _child_nodes(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _index_nodes(root: yaml.Node, source: str, document: _Document) -> None:
    """Record the line of every place and report keys given twice in one mapping.

    Each node is visited once: an alias shares its anchor's lines, and a file made of
    aliases of aliases cannot make this walk explode.
    """
    seen: set[int] = set()
    document.lines[""] = root.start_mark.line + 1
    pending: list[tuple[yaml.Node, str]] = [(root, "")]
    while pending:
        node, place = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = _mapping_children(node, place, source, document)
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{place}[{i}]", item) for i, item in enumerate(node.value)]
        else:
            document.scalars[place] = node.value
            children = []
        for child, child_place, marked in children:
            document.lines[child_place] = marked.start_mark.line + 1
            pending.append((child, child_place))


def _mapping_children(node: yaml.MappingNode, place: str, source: str, document: _Document):
    """The (value, place, key) of each entry; a key seen earlier in the mapping is a problem.

    Keys are compared as written with their resolved tag, so ``1`` and ``"1"`` differ, as
    they do once constructed.
    """
    first: dict[Any, tuple[int, str]] = {}  # identity -> (line, key as first written)
    children = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
        child_place = _join(place, key)
        line = key_node.start_mark.line + 1
        identity = _key_identity(key_node)
        if key_node.tag != _MERGE_TAG and identity in first:
            first_line, written = first[identity]
            same = "given twice" if written == key else f"the same as '{written}'"
            document.problems.append(
                Problem(
                    source,
                    child_place,
                    line,
                    f"the key '{key}' is {same} in the same place (first on line "
                    f"{first_line}); keep only one, because YAML would silently "
                    "use the last one",
                )
            )
        first.setdefault(identity, (line, key))
        children.append((value_node, child_place, key_node))
    return children


def _key_identity(key_node: yaml.Node) -> Any:
    """What a key is once read: ``1``, ``01`` and ``0x1`` are all the number 1, so two of
    them in one mapping would silently lose one entry; texts compare as written."""
    if not isinstance(key_node, yaml.ScalarNode):
        return id(key_node)
    if key_node.tag == "tag:yaml.org,2002:int":
        try:
            return (key_node.tag, yaml.SafeLoader.construct_yaml_int(_INT_READER, key_node))
        except (ValueError, OverflowError):
            pass
    return (key_node.tag, key_node.value)


def _join(place: str, key: Any) -> str:
    return f"{place}.{key}" if place else str(key)


def _parent(place: str) -> str:
    if place.endswith("]") and "[" in place:
        return place[: place.rindex("[")]
    return place[: place.rfind(".")] if "." in place else ""


# --------------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------------

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
MIN_LEVELS = limits.LEVELS_MIN
MAX_LEVELS = limits.LEVELS_MAX


@dataclass(frozen=True)
class _Shape:
    """The keys of one kind of mapping, each with what to write there (used in messages)."""

    what: str
    required: dict[str, str]
    optional: dict[str, str]

    @property
    def allowed(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)

    def hint(self, key: str) -> str:
        return {**self.required, **self.optional}[key]


_ID_HINT = "lower-case letters, digits and hyphens"
ROOT = _Shape(
    "the top level of the file",
    {
        "id": f"a short id such as 'nhs-impact' ({_ID_HINT})",
        "version": 'a version such as "2026.1"',
        "title": "the framework's title",
        "purpose": "why the assessment exists and how its result should be used",
        "scale": "the scale's 'levels' and its 'dont_know' answer",
        "components": "a list of at least one component",
    },
    {"glossary": "a list of terms and definitions", "tips": "a list of short texts"},
)
SCALE = _Shape(
    "the scale",
    {
        "levels": f"a list of {MIN_LEVELS} to {MAX_LEVELS} levels, from lowest to highest value",
        "dont_know": "a 'label' and a 'meaning' for the \"don't know\" answer",
    },
    {},
)
LEVEL = _Shape(
    "a level",
    {
        "value": "the level's whole-number value",
        "name": "a short name shown beside the number",
        "meaning": "what this level means across the whole framework",
    },
    {},
)
DONT_KNOW = _Shape(
    'the "don\'t know" answer',
    {
        "label": 'the text people choose, such as "Don\'t know"',
        "meaning": "when a participant should choose it",
    },
    {},
)
COMPONENT = _Shape(
    "a component",
    {
        "id": f"an id unique in the file ({_ID_HINT})",
        "title": "the component's title",
        "summary": "one or two sentences on what the component is about",
        "what_good_looks_like": "a list of at least one point describing the mature state",
        "statements": "a list of at least one statement",
    },
    {},
)
STATEMENT = _Shape(
    "a statement",
    {
        "id": f"an id unique in the whole file ({_ID_HINT})",
        "text": "the statement a participant rates",
        "levels": "one descriptor for every level of the scale, such as '1: What a person "
        "would observe at level 1.'",
    },
    {"guidance": "help shown in an expandable section"},
)
GLOSSARY_ENTRY = _Shape(
    "a glossary entry",
    {"term": "the term", "definition": "what the term means here"},
    {},
)


def _describe(value: Any) -> str:
    """Name a YAML value's type in words a framework author uses."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if hasattr(value, "isoformat"):
        return f"a date ({value})"
    return f"a value of type {type(value).__name__}"


def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Checker:
    """Walks the constructed data and collects every problem; never stops at the first."""

    def __init__(self, source: str, lines: dict[str, int], scalars: dict[str, str] | None = None):
        self.source = source
        self.lines = lines
        self.scalars = scalars or {}
        self.problems: list[Problem] = []
        self.component_ids: dict[str, str] = {}  # id -> place of first use
        self.statement_ids: dict[str, str] = {}
        self.scale_names: dict[int, str | None] | None = None  # None: scale unusable

    # -- reporting --------------------------------------------------------------------------

    def report(self, place: str, message: str) -> None:
        self.problems.append(Problem(self.source, place, self.line_of(place), message))

    def line_of(self, place: str) -> int | None:
        """The line of ``place``, or of the nearest enclosing place the YAML gives one for."""
        while place not in self.lines and place:
            place = _parent(place)
        return self.lines.get(place)

    def where(self, place: str) -> str:
        line = self.line_of(place)
        return place if line is None else f"{place} (line {line})"

    # -- generic shapes ---------------------------------------------------------------------

    def mapping(self, value: Any, place: str, shape: _Shape) -> dict | None:
        """Check the mapping's keys; return it, or None when it is not a mapping at all."""
        if not isinstance(value, dict):
            self.report(
                place,
                f"{shape.what} must be a set of 'key: value' lines "
                f"({', '.join(shape.allowed)}), but it is {_describe(value)}",
            )
            return None
        meant = set()
        for key in value:
            if key not in shape.allowed:
                suggestion = _closest_key(key, shape)
                meant.add(suggestion)
                self.report(_join(place, key), _unknown_key_message(key, suggestion, shape))
        for key, hint in shape.required.items():
            # A misspelt key already says what is missing; saying it twice is noise.
            if key not in value and key not in meant:
                self.report(place, f"missing '{key}'; add '{key}:' with {hint}")
        return value

    def text(self, value: Any, place: str, name: str, hint: str, optional: bool = False) -> bool:
        """A non-empty text; ``name`` is how the message calls it ("'title'", "this tip")."""
        if value is None or (isinstance(value, str) and not value.strip()):
            fix = f"write {hint}"
            if optional:
                fix += f", or leave {name} out (it is optional)"
            self.report(place, f"{name} is empty; {fix}")
            return False
        if not isinstance(value, str):
            found = _describe(value)
            self.report(place, f"{name} must be text, but it is {found}; {_text_fix(value)}")
            return False
        most = _text_limit(place)
        length = len(value.strip())
        if length > most:
            self.report(
                place,
                f"{name} is {length:,} characters long; it can be at most {most:,}, so shorten it",
            )
            return False
        return True

    def count(self, items: list, place: str, name: str, most: int) -> None:
        """Report a list longer than the pages and the database are built to hold."""
        if len(items) > most:
            self.report(
                place,
                f"there are {len(items):,} {name}; a framework can have at most {most:,}, so "
                f"remove {len(items) - most:,} or split the framework in two",
            )

    def list_of(self, value: Any, place: str, name: str, hint: str, minimum: int = 1) -> list:
        """A list with at least ``minimum`` items; returns [] when it is not a list."""
        if value is None or value == []:
            if minimum:
                self.report(place, f"{name} is empty; add {hint}")
            elif value is None:
                self.report(place, f"{name} has no items; add {hint}, or leave it out")
            return []
        if not isinstance(value, list):
            self.report(
                place,
                f"{name} must be a list, with each item on its own line starting with '- ', "
                f"but it is {_describe(value)}",
            )
            return []
        return value

    def field(self, mapping: dict, place: str, key: str, shape: _Shape) -> bool:
        """Check ``mapping[key]`` as a required or optional text, if the key is present."""
        if key not in mapping:
            return False
        optional = key in shape.optional
        return self.text(mapping[key], _join(place, key), f"'{key}'", shape.hint(key), optional)

    def ident(self, mapping: dict, place: str, shape: _Shape) -> str | None:
        """A valid id, or None after reporting why it is not one."""
        if not self.field(mapping, place, "id", shape):
            return None
        value = mapping["id"].strip()
        if ID_PATTERN.fullmatch(value):
            return value
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        example = f", such as '{suggestion}'" if suggestion else ""
        self.report(
            _join(place, "id"),
            f"the id '{value}' is not valid; use only {_ID_HINT}, starting with a letter or "
            f"digit{example}",
        )
        return None

    # -- the framework ----------------------------------------------------------------------

    def check_framework(self, data: Any) -> None:
        root = self.mapping(data, "", ROOT)
        if root is None:
            return
        self.ident(root, "", ROOT)
        self.version(root)
        self.field(root, "", "title", ROOT)
        self.field(root, "", "purpose", ROOT)
        if "scale" in root:
            self.scale(root["scale"], "scale")
        if "components" in root:
            components = self.list_of(
                root["components"], "components", "'components'", ROOT.hint("components")
            )
            self.count(components, "components", "components", limits.COMPONENTS_MAX)
            for index, component in enumerate(components):
                self.component(component, f"components[{index}]")
            if len(self.statement_ids) > limits.STATEMENTS_MAX:
                self.report(
                    "components",
                    f"there are {len(self.statement_ids):,} statements in all; a framework can "
                    f"have at most {limits.STATEMENTS_MAX:,}, so remove some or split the "
                    "framework in two",
                )
        if "glossary" in root:
            self.glossary(root["glossary"], "glossary")
        if "tips" in root:
            tips = self.list_of(root["tips"], "tips", "'tips'", ROOT.hint("tips"), minimum=0)
            self.count(tips, "tips", "tips", limits.TIPS_MAX)
            for index, tip in enumerate(tips):
                self.text(tip, f"tips[{index}]", "this tip", "a short tip, or remove the line")

    def version(self, root: dict) -> None:
        """Any text; a number is accepted too, since YAML reads 2026.1 as one."""
        if "version" not in root:
            return
        value = root["version"]
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = self.scalars.get("version", str(value))
            if len(written) > limits.VERSION_CHARS_MAX:
                self.report(
                    "version",
                    f"the version is {len(written):,} characters long; it can be at most "
                    f"{limits.VERSION_CHARS_MAX}, so shorten it",
                )
            return
        self.field(root, "", "version", ROOT)

    # -- the scale --------------------------------------------------------------------------

    def scale(self, value: Any, place: str) -> None:
        scale = self.mapping(value, place, SCALE)
        if scale is None:
            return
        if "levels" in scale:
            self.scale_names = self.levels(scale["levels"], _join(place, "levels"))
        if "dont_know" in scale:
            dont_know_place = _join(place, "dont_know")
            dont_know = self.mapping(scale["dont_know"], dont_know_place, DONT_KNOW)
            if dont_know is not None:
                self.field(dont_know, dont_know_place, "label", DONT_KNOW)
                self.field(dont_know, dont_know_place, "meaning", DONT_KNOW)

    def levels(self, value: Any, place: str) -> dict[int, str | None] | None:
        """Check the scale's levels; return value -> name when statements can be checked.

        When the scale itself is broken (a level without a usable value, a repeated value,
        a wrong order or count), the fix is in the scale, so checking every statement against
        it would only bury that one problem under many; those checks are skipped.
        """
        levels = self.list_of(value, place, "the scale", SCALE.hint("levels"))
        if not levels:
            return None
        names: dict[int, str | None] = {}
        first_value: dict[int, str] = {}
        first_name: dict[str, str] = {}
        usable = self.level_count(len(levels), place)
        for index, level in enumerate(levels):
            level_place = f"{place}[{index}]"
            number, name = self.level(level, level_place, first_name)
            if number is None:
                usable = False
            elif number in first_value:
                self.report(
                    _join(level_place, "value"),
                    f"the value {number} is used by more than one level (first at "
                    f"{self.where(first_value[number])}); give each level its own value",
                )
                usable = False
            else:
                first_value[number] = level_place
                names[number] = name
        usable = self.level_order(list(names), place) and usable
        return names if usable else None

    def level(self, value: Any, place: str, first_name: dict[str, str]):
        """Check one level; return its value (None if unusable) and its name (None if bad)."""
        level = self.mapping(value, place, LEVEL)
        if level is None:
            return None, None
        name = None
        if self.field(level, place, "name", LEVEL):
            name = level["name"].strip()
            self.once(
                name.casefold(),
                first_name,
                _join(place, "name"),
                f"the level name '{name}'",
                "give each level its own name",
            )
        self.field(level, place, "meaning", LEVEL)
        return self.level_value(level, place), name

    def level_count(self, count: int, place: str) -> bool:
        if count < MIN_LEVELS:
            self.report(
                place,
                f"the scale has {count} level; it needs {MIN_LEVELS} to {MAX_LEVELS} levels, "
                f"so add at least {MIN_LEVELS - count} more",
            )
            return False
        if count > MAX_LEVELS:
            self.report(
                place,
                f"the scale has {count} levels; it can have at most {MAX_LEVELS}, so remove "
                f"{count - MAX_LEVELS} (and their descriptors in every statement)",
            )
            return False
        return True

    def level_value(self, level: dict, place: str) -> int | None:
        if "value" not in level:
            return None
        value = level["value"]
        if _is_whole_number(value):
            if limits.LEVEL_VALUE_MIN <= value <= limits.LEVEL_VALUE_MAX:
                return value
            shown = value if abs(value) < 10**12 else f"{str(value)[:12]}..."
            self.report(
                _join(place, "value"),
                f"the level's value is {shown}; values must be whole numbers from "
                f"{limits.LEVEL_VALUE_MIN} to {limits.LEVEL_VALUE_MAX} (for a scale such as "
                f"-2 to 2, number the levels 0 to 4 or 1 to 5 instead: only their order counts)",
            )
            return None
        if value is None:
            problem = "has no value; write the level's whole number, such as 1"
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            problem = f"is written as text ('{value}'); write {value.strip()} without quotes"
        else:
            problem = f"must be a whole number such as 1, but it is {_describe(value)}"
        self.report(_join(place, "value"), f"the level's value {problem}")
        return None

    def level_order(self, values: list[int], place: str) -> bool:
        """Values must rise strictly; say which ones come after a higher one."""
        misplaced = []
        highest = None
        for value in values:
            if highest is not None and value < highest:
                misplaced.append(f"{value} comes after {highest}")
            highest = value if highest is None else max(highest, value)
        if misplaced:
            order = ", ".join(str(v) for v in sorted(values))
            self.report(
                place,
                f"the levels are out of order: {_words(misplaced)}; list the levels from "
                f"lowest to highest value ({order})",
            )
        return not misplaced

    # -- components and statements ----------------------------------------------------------

    def component(self, value: Any, place: str) -> None:
        component = self.mapping(value, place, COMPONENT)
        if component is None:
            return
        component_id = self.ident(component, place, COMPONENT)
        if component_id is not None:
            self.once(
                component_id,
                self.component_ids,
                place,
                f"the component id '{component_id}'",
                "give each component its own id",
                where=_join(place, "id"),
            )
        for key in ("title", "summary"):
            self.field(component, place, key, COMPONENT)
        if "what_good_looks_like" in component:
            points_place = _join(place, "what_good_looks_like")
            points = self.list_of(
                component["what_good_looks_like"],
                points_place,
                "'what_good_looks_like'",
                COMPONENT.hint("what_good_looks_like"),
            )
            self.count(
                points,
                points_place,
                "points in 'what_good_looks_like'",
                limits.POINTS_PER_COMPONENT_MAX,
            )
            for index, point in enumerate(points):
                self.text(
                    point,
                    f"{points_place}[{index}]",
                    "this point",
                    "a point describing the mature state, or remove the line",
                )
        if "statements" in component:
            statements_place = _join(place, "statements")
            statements = self.list_of(
                component["statements"],
                statements_place,
                "'statements'",
                COMPONENT.hint("statements"),
            )
            self.count(
                statements,
                statements_place,
                "statements in this component",
                limits.STATEMENTS_PER_COMPONENT_MAX,
            )
            for index, statement in enumerate(statements):
                self.statement(statement, f"{statements_place}[{index}]")

    def statement(self, value: Any, place: str) -> None:
        statement = self.mapping(value, place, STATEMENT)
        if statement is None:
            return
        statement_id = self.ident(statement, place, STATEMENT)
        if statement_id is not None:
            self.once(
                statement_id,
                self.statement_ids,
                place,
                f"the statement id '{statement_id}'",
                "give each statement its own id: cycles are compared by statement id, so ids "
                "must be unique across the whole file",
                where=_join(place, "id"),
            )
        self.field(statement, place, "text", STATEMENT)
        self.field(statement, place, "guidance", STATEMENT)
        if "levels" in statement:
            self.descriptors(statement["levels"], _join(place, "levels"))

    def descriptors(self, value: Any, place: str) -> None:
        """Exactly one descriptor per scale value; skipped in part when the scale is broken."""
        if not isinstance(value, dict):
            self.report(
                place,
                "'levels' must be a set of 'value: descriptor' lines, one for each level of "
                f"the scale (such as '1: What a person would observe.'), but it is "
                f"{_describe(value)}",
            )
            return
        given: set[int] = set()
        for key, text in value.items():
            key_place = _join(place, key)
            number = self.descriptor_key(key, key_place)
            if number is not None:
                if number in given:
                    self.report(key_place, f"level {number} has two descriptors; keep one")
                given.add(number)
            self.text(
                text,
                key_place,
                f"the descriptor for level {key}",
                f"what a person would observe at level {key}",
            )
        if self.scale_names is not None:
            self.missing_descriptors(given, place)

    def descriptor_key(self, key: Any, place: str) -> int | None:
        """The level a key names; keys that are not whole numbers on the scale are reported."""
        scale = self.scale_names
        on_scale = f" (the scale's values are {', '.join(map(str, scale))})" if scale else ""
        if _is_whole_number(key):
            if scale is not None and key not in scale:
                self.report(
                    place,
                    f"there is a descriptor for level {key}, but the scale has no level "
                    f"{key}{on_scale}; remove the descriptor or correct the level number",
                )
            return key
        if isinstance(key, str) and key.strip().lstrip("-").isdigit():
            number = int(key)
            if scale is not None and number not in scale:
                self.report(
                    place,
                    f"there is a descriptor for level '{key}', but the scale has no level "
                    f"{number}{on_scale}; remove the descriptor or correct the level number",
                )
            else:
                self.report(
                    place,
                    f"the level '{key}' is written as text; write it as the whole number "
                    f"{number}, without quotes, to match the scale's value",
                )
            return number
        self.report(
            place,
            f"the level '{key}' is not a whole number; each key under 'levels' must be one of "
            f"the scale's values{on_scale}",
        )
        return None

    def missing_descriptors(self, given: set[int], place: str) -> None:
        missing = [value for value in self.scale_names if value not in given]
        if not missing:
            return
        named = [
            f"{value} ({self.scale_names[value]})" if self.scale_names[value] else str(value)
            for value in missing
        ]
        if len(missing) == 1:
            message = (
                f"missing descriptor for level {named[0]}; add a line '{missing[0]}: ...' "
                f"saying what a person would observe at level {missing[0]}"
            )
        else:
            message = (
                f"missing descriptors for levels {_words(named)}; add a line such as "
                f"'{missing[0]}: ...' for each, saying what a person would observe at that level"
            )
        self.report(place, message)

    # -- glossary ---------------------------------------------------------------------------

    def glossary(self, value: Any, place: str) -> None:
        entries = self.list_of(value, place, "'glossary'", ROOT.hint("glossary"), minimum=0)
        self.count(entries, place, "glossary entries", limits.GLOSSARY_ENTRIES_MAX)
        first_term: dict[str, str] = {}
        for index, entry in enumerate(entries):
            entry_place = f"{place}[{index}]"
            entry = self.mapping(entry, entry_place, GLOSSARY_ENTRY)
            if entry is None:
                continue
            if self.field(entry, entry_place, "term", GLOSSARY_ENTRY):
                term = entry["term"].strip()
                self.once(
                    term.casefold(),
                    first_term,
                    entry_place,
                    f"the glossary term '{term}'",
                    "merge the two definitions or remove one",
                    where=_join(entry_place, "term"),
                )
            self.field(entry, entry_place, "definition", GLOSSARY_ENTRY)

    # -- uniqueness -------------------------------------------------------------------------

    def once(
        self,
        key: str,
        first: dict[str, str],
        place: str,
        what: str,
        fix: str,
        where: str | None = None,
    ) -> None:
        """Report ``what`` if ``key`` was seen before, naming where it was first."""
        if key in first:
            self.report(
                where or place,
                f"{what} is already used at {self.where(first[key])}; {fix}",
            )
        else:
            first[key] = place


def _text_limit(place: str) -> int:
    """The longest text allowed at ``place``, by its last key (see core.limits)."""
    key = place.rsplit(".", 1)[-1]
    if key.endswith("]"):
        key = key[: key.rindex("[")]
    return limits.FRAMEWORK_TEXT_LIMITS.get(key, limits.TEXT_CHARS_MAX)


def _text_fix(value: Any) -> str:
    if isinstance(value, list | dict):
        return "write it as one text (for a long text, write '>' and the text on indented lines)"
    return "put it in quotes to use it as text"


def _closest_key(key: Any, shape: _Shape) -> str | None:
    """The allowed key an unknown one was probably meant to be (a typing mistake)."""
    close = difflib.get_close_matches(str(key).lower(), shape.allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key_message(key: Any, suggestion: str | None, shape: _Shape) -> str:
    """Name the key, suggest the likely intended one, and list what is allowed."""
    allowed = ", ".join(shape.allowed)
    if suggestion:
        return (
            f"unknown key '{key}'; did you mean '{suggestion}'? The keys allowed in "
            f"{shape.what} are: {allowed}"
        )
    return (
        f"unknown key '{key}'; remove it, or use one of the keys allowed in {shape.what}: {allowed}"
    )
