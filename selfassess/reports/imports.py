"""Importing responses collected elsewhere, for example an online form's CSV export.

Three steps, each of which changes nothing: read the file (``read_csv``), say which column
holds which statement and what each answer means (``Mapping``), and check every row
(``check``). Only ``apply`` writes, in one transaction, and only rows that passed: the caller
offers it when the file is valid, or when the user has explicitly agreed to drop the bad rows
the preview listed.

Each imported row becomes a participant (in the chosen group, or the group named in a mapped
column) holding one response per answered statement. Imported participants get a fresh random
token hash nobody holds, so no link to them exists; they are marked as having completed.

Every import is one ``ImportBatch`` (who, when, how many rows per group), recorded in the
audit log and reversible with ``undo`` until the assessment closes. The disclosure gate says
when an import is allowed at all (``gate.import_refusal``): only before anyone has answered in
the service, and never once the assessment has closed.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.utils import timezone

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, ImportBatch, Participant, Response
from selfassess.assessments.tokens import hash_token, new_token
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.core import limits, textinput
from selfassess.disclosure import gate

MAX_BYTES = limits.RESPONSE_IMPORT_BYTES_MAX
MAX_ROWS = limits.CSV_ROWS_MAX
MAX_COLUMNS = limits.CSV_COLUMNS_MAX
DONT_KNOW = "dont_know"
NO_ANSWER = "blank"


class ImportInvalid(Exception):
    """The file as a whole cannot be used; the message says what to fix."""


@dataclass
class Sheet:
    header: list[str]
    rows: list[list[str]]
    """Data rows, as read; ``rows[i]`` is on line ``i + 2`` of the file."""

    @cached_property
    def column_index(self) -> dict[str, int]:
        """Where each column is, so looking one up does not scan the header (the header is
        checked to have no repeated names)."""
        return {name: index for index, name in enumerate(self.header)}


def repeated(values) -> list[str]:
    """The values that occur more than once, sorted: one pass, whatever the length (a
    ``list.count`` per value took minutes for a 60,000-column header)."""
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _shown_names(names: list[str]) -> str:
    shown = ", ".join(name[:40] for name in names[:10])
    return shown + (f" and {len(names) - 10:,} more" if len(names) > 10 else "")


def read_csv(raw: bytes) -> Sheet:
    """The header and rows of a CSV file, or ImportInvalid saying what is wrong with it.

    Every step is linear in the file's size, and the file stops being read at the first
    line over a limit (``core.limits``: bytes, columns, rows, characters in a cell)."""
    if len(raw) > MAX_BYTES:
        raise ImportInvalid(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it into smaller "
            "files and import each."
        )
    try:
        text = textinput.decode(raw, legacy="cp1252")
    except textinput.Unreadable as unreadable:
        raise ImportInvalid(str(unreadable)) from None
    if "\x00" in text:
        raise ImportInvalid(
            "The file is not text. Save it as CSV (comma separated values) and try again."
        )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for line in reader:
            if len(line) > MAX_COLUMNS:
                raise ImportInvalid(
                    f"Line {reader.line_num} has {len(line):,} columns; a file can have at "
                    f"most {MAX_COLUMNS:,}. Remove the columns you do not need and try again."
                )
            if any(len(cell) > limits.CSV_CELL_CHARS_MAX for cell in line):
                raise ImportInvalid(
                    f"A cell on line {reader.line_num} is longer than "
                    f"{limits.CSV_CELL_CHARS_MAX:,} characters; shorten it and try again."
                )
            if not any(cell.strip() for cell in line):
                continue
            lines.append(line)
            if len(lines) - 1 > MAX_ROWS:
                raise ImportInvalid(
                    f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
                )
    except csv.Error as error:
        raise ImportInvalid(f"The file cannot be read as CSV: {error}.") from None
    if not lines:
        raise ImportInvalid("The file is empty. Choose a CSV file with a header row and answers.")
    header = [cell.strip() for cell in lines[0]]
    if any(not name for name in header):
        raise ImportInvalid("Every column needs a name in the first row; one or more are blank.")
    duplicates = repeated(header)
    if duplicates:
        raise ImportInvalid(
            f"Column names must be different; repeated: {_shown_names(duplicates)}."
        )
    if len(lines) < 2:
        raise ImportInvalid("The file has a header row but no answers.")
    return Sheet(header, lines[1:])


@dataclass
class Mapping:
    """Which column is which statement (by header), where the group comes from, and what each
    answer value means (a level, ``DONT_KNOW`` or ``NO_ANSWER``)."""

    statements: dict[str, str]
    values: dict[str, object]
    group_id: int | None = None
    group_column: str | None = None


@dataclass(frozen=True)
class BadRow:
    line: int
    reasons: list[str]


@dataclass
class Preview:
    good: list[tuple[int, int, dict[str, int | None]]] = field(default_factory=list)
    """(line, group id, {statement id: level or None for don't know})."""
    bad: list[BadRow] = field(default_factory=list)

    @property
    def valid(self):
        return not self.bad and bool(self.good)


def answer_values(sheet: Sheet, statement_columns) -> list[str]:
    """Every distinct answer in the statement columns, as written (trimmed), sorted.

    Raises ImportInvalid past ``IMPORT_ANSWER_VALUES_MAX``: each answer becomes a choice on
    the next page, and a column of free text is not a column of answers."""
    indexes = [sheet.column_index[name] for name in statement_columns if name in sheet.column_index]
    found = set()
    for row in sheet.rows:
        for i in indexes:
            if i < len(row) and (value := row[i].strip()):
                found.add(value)
        if len(found) > limits.IMPORT_ANSWER_VALUES_MAX:
            raise ImportInvalid(
                f"The statement columns hold more than {limits.IMPORT_ANSWER_VALUES_MAX:,} "
                "different answers, so they cannot all be matched to levels. Check that only "
                "columns of answers are matched to statements, or tidy the answers in the file."
            )
    return sorted(found)


def guess_value(value: str, scale) -> object:
    """The obvious meaning of an answer, or None: "3", "3 Established", a level's name, or
    the framework's "don't know" label."""
    text = value.strip().casefold()
    if text == scale.dont_know_label.casefold():
        return DONT_KNOW
    for level in scale.levels:
        names = {str(level.value), level.name.casefold(), f"{level.value} {level.name}".casefold()}
        if text in names:
            return level.value
    return None


def check_mapping(mapping: Mapping, sheet: Sheet, assessment) -> list[str]:
    """Problems with the mapping itself (not the rows): each says what to fix."""
    problems = []
    framework = assessment.framework
    known = {s.id for s in framework.statements()}
    if not mapping.statements:
        problems.append("Choose a statement for at least one column.")
    columns = sheet.column_index
    for column, statement_id in mapping.statements.items():
        if column not in columns:
            problems.append(f"There is no column called {column!r} in the file.")
        if statement_id not in known:
            problems.append(
                f"Column {column!r}: {statement_id!r} is not a statement of the framework."
            )
    for statement_id in repeated(mapping.statements.values()):
        problems.append(f"Statement {statement_id} is chosen for more than one column.")
    if (mapping.group_id is None) == (mapping.group_column is None):
        problems.append("Choose either one group for everyone or the column that names the group.")
    if mapping.group_id is not None and not assessment.groups.filter(pk=mapping.group_id).exists():
        problems.append("Choose a group of this assessment.")
    if mapping.group_column is not None and mapping.group_column not in columns:
        problems.append(f"There is no column called {mapping.group_column!r} in the file.")
    levels = set(framework.scale.values)
    for value, meaning in mapping.values.items():
        if meaning not in (DONT_KNOW, NO_ANSWER) and meaning not in levels:
            problems.append(f"The answer {value!r} is mapped to {meaning!r}, which is not a level.")
    return problems


def check(mapping: Mapping, sheet: Sheet, assessment) -> Preview:
    """Every row, good or bad with its reasons. Assumes ``check_mapping`` found nothing."""
    groups = {g.name.casefold(): g.pk for g in assessment.groups.all()}
    preview = Preview()
    width = len(sheet.header)
    for offset, row in enumerate(sheet.rows):
        line = offset + 2
        reasons = []
        if len(row) != width:
            preview.bad.append(
                BadRow(line, [f"It has {len(row)} values but the header has {width} columns."])
            )
            continue
        cells = dict(zip(sheet.header, row, strict=True))
        group_id = mapping.group_id
        if mapping.group_column is not None:
            name = cells[mapping.group_column].strip()
            group_id = groups.get(name.casefold())
            if group_id is None:
                reasons.append(
                    f"The group {name!r} is not one of this assessment's groups."
                    if name
                    else "The group is blank."
                )
        answers = {}
        for column, statement_id in mapping.statements.items():
            value = cells[column].strip()
            if not value:
                continue
            meaning = mapping.values.get(value)
            if meaning is None:
                reasons.append(f"Column {column!r}: the answer {value!r} is not mapped to a level.")
            elif meaning == DONT_KNOW:
                answers[statement_id] = None
            elif meaning != NO_ANSWER:
                answers[statement_id] = meaning
        if not answers and not reasons:
            reasons.append("It has no answers to any mapped statement.")
        if reasons:
            preview.bad.append(BadRow(line, reasons))
        else:
            preview.good.append((line, group_id, answers))
    return preview


def apply(assessment, preview: Preview, *, actor=None, source_name="") -> int:
    """Create a participant with responses for every good row, as one batch; returns how
    many. Raises ImportInvalid when the disclosure gate does not allow an import now."""
    now = timezone.now()
    with transaction.atomic():
        Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        refusal = gate.import_refusal(assessment)
        if refusal:
            raise ImportInvalid(refusal)
        names = dict(assessment.groups.values_list("pk", "name"))
        per_group: dict[str, int] = {}
        for _line, group_id, _answers in preview.good:
            per_group[names[group_id]] = per_group.get(names[group_id], 0) + 1
        batch = ImportBatch.objects.create(
            assessment=assessment,
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
            source_name=(source_name or "")[:255],
            rows=len(preview.good),
            per_group=per_group,
        )
        for _line, group_id, answers in preview.good:
            participant = Participant.objects.create(
                assessment=assessment,
                group_id=group_id,
                token_hash=hash_token(new_token()),
                started_at=now,
                completed_at=now,
                import_batch=batch,
            )
            Response.objects.bulk_create(
                Response(participant=participant, statement_id=sid, level=level)
                for sid, level in answers.items()
            )
        groups_text = ", ".join(f"{name}: {n}" for name, n in per_group.items())
        record(
            organisation=assessment.organisation,
            actor=actor,
            action=Action.IMPORTED,
            summary=f"Imported answers from {batch.rows} people into {assessment} ({groups_text})",
            details={"assessment": assessment.pk, "batch": batch.pk, "per_group": per_group},
        )
    return len(preview.good)


def undo(batch: ImportBatch, *, actor=None) -> int:
    """Remove an import's people and answers; refused once the assessment has closed, when
    its results are final. Returns how many people were removed."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=batch.assessment_id)
        if assessment.status in (Status.CLOSED, Status.COMPLETE):
            raise ImportInvalid(
                "This import cannot be undone: the assessment has closed and its results are final."
            )
        if batch.undone_at is not None:
            raise ImportInvalid("This import has already been undone.")
        people = Participant.objects.filter(import_batch=batch)
        removed = people.count()
        people.delete()
        batch.undone_at = timezone.now()
        batch.undone_by = actor if getattr(actor, "is_authenticated", False) else None
        batch.save(update_fields=["undone_at", "undone_by"])
        record(
            organisation=assessment.organisation,
            actor=actor,
            action=Action.IMPORT_UNDONE,
            summary=f"Undid the import of {batch.rows} people's answers into {assessment}",
            details={"assessment": assessment.pk, "batch": batch.pk},
        )
    return removed
