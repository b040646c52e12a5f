"""The JSON mapping file of ``selfassess import-responses``, checked before it is used.

A mapping is written by hand, so every part of it is checked for its JSON type and against
the CSV file and the framework before any row is read: a column that is not in the file, a
statement the framework does not have, a level that is not on the scale. JSON ``true`` is
not the level 1 (Python would say ``True == 1``), and a list where a level belongs is a
message, not a traceback. Every problem is listed at once.
"""

from __future__ import annotations

from collections import defaultdict

from . import imports

KEYS = ("columns", "group", "group_column", "values")


class MappingInvalid(Exception):
    """The mapping cannot be used; ``problems`` says what to fix, each on its own."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _is_level(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def mapping_from_json(data, sheet: imports.Sheet, assessment) -> imports.Mapping:
    """The Mapping the JSON ``data`` describes, or MappingInvalid listing every problem."""
    if not isinstance(data, dict):
        raise MappingInvalid(['The mapping file must hold a JSON object, like {"columns": {}}.'])
    problems = [
        f"Unknown key {key!r} in the mapping; use only: {', '.join(KEYS)}."
        for key in data
        if key not in KEYS
    ]
    framework = assessment.framework
    known = {statement.id for statement in framework.statements()}
    header = set(sheet.header)

    columns = data.get("columns")
    if columns is None or columns == {}:
        columns = {name: name for name in sheet.header if name in known}
    elif not isinstance(columns, dict) or not all(
        isinstance(statement, str) for statement in columns.values()
    ):
        problems.append('"columns" must map column names to statement ids, as text.')
        columns = {}
    for column, statement_id in columns.items():
        if column not in header:
            problems.append(f"There is no column called {column[:80]!r} in the file.")
        if statement_id not in known:
            problems.append(
                f"Column {column[:80]!r}: {statement_id[:80]!r} is not a statement of the "
                "framework."
            )

    group_id = None
    group = data.get("group")
    if group is not None:
        if not isinstance(group, str):
            problems.append('"group" must be the name of a group, as text.')
        else:
            found = assessment.groups.filter(name=group).first()
            if found is None:
                problems.append(f"There is no group called {group[:80]!r} in this assessment.")
            else:
                group_id = found.pk
    group_column = data.get("group_column")
    if group_column is not None:
        if not isinstance(group_column, str):
            problems.append('"group_column" must be the name of a column, as text.')
            group_column = None
        elif group_column not in header:
            problems.append(f"There is no column called {group_column[:80]!r} in the file.")

    scale = framework.scale
    levels = set(scale.values)
    values = {}
    usable_columns = {c: s for c, s in columns.items() if c in header}
    for value in imports.answer_values(sheet, usable_columns):
        guess = imports.guess_value(value, scale)
        if guess is not None:
            values[value] = guess
    given = data.get("values")
    if given is not None and not isinstance(given, dict):
        problems.append('"values" must map answers to levels, like {"Agree": 4}.')
        given = {}
    words = (imports.DONT_KNOW, imports.NO_ANSWER)
    for answer, meaning in (given or {}).items():
        is_level = _is_level(meaning) and meaning in levels
        if is_level or (isinstance(meaning, str) and meaning in words):
            values[answer] = meaning
        else:
            shown = "true/false" if isinstance(meaning, bool) else repr(meaning)[:40]
            problems.append(
                f"The answer {answer[:80]!r} is mapped to {shown}; map it to a level "
                f"({', '.join(map(str, scale.values))}), {imports.DONT_KNOW!r} or "
                f"{imports.NO_ANSWER!r}."
            )
    if problems:
        raise MappingInvalid(problems)
    return imports.Mapping(
        statements=columns, values=values, group_id=group_id, group_column=group_column
    )


def repeated_rows(sheet: imports.Sheet) -> list[str]:
    """Rows that repeat an earlier row exactly: usually the same export pasted twice."""
    first: dict[tuple, int] = {}
    repeats: dict[int, list[int]] = defaultdict(list)
    for offset, row in enumerate(sheet.rows):
        key = tuple(cell.strip() for cell in row)
        line = offset + 2
        if key in first:
            repeats[first[key]].append(line)
        else:
            first[key] = line
    return [
        f"Line {line} is repeated exactly on line{'s' if len(again) > 1 else ''} "
        f"{', '.join(map(str, again))}: check the file was not pasted twice."
        for line, again in repeats.items()
    ]
