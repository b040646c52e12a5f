"""Reading a plan written elsewhere (a spreadsheet saved as CSV) for the plan checker.

Spreadsheets vary, so headers are matched loosely: case, spaces, underscores and hyphens are
ignored ("Due date", "due_date", "DUE-DATE" are all the due date), extra columns are ignored,
and every missing column is named at once. A value the checker cannot read (a date or a
horizon) is not a reason to refuse the file: it becomes a finding on its row, like any other.

Plain Python, no Django, like the checker it feeds.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from .checker import CLOSED, LONG, MEDIUM, SHORT, ActionDraft, Finding, check_plan

REQUIRED = {
    "title": "title",
    "owner": "owner",
    "duedate": "due date",
    "measure": "measure",
    "horizon": "horizon",
}
OPTIONAL = {"description": "description", "status": "status"}
MAX_BYTES = 5_000_000

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
HORIZON_WORDS = {
    SHORT: SHORT,
    "shortterm": SHORT,
    "03months": SHORT,
    MEDIUM: MEDIUM,
    "mediumterm": MEDIUM,
    "312months": MEDIUM,
    LONG: LONG,
    "longterm": LONG,
    "13years": LONG,
}
STATUS_WORDS = {"notstarted": "not_started", "inprogress": "in_progress"}
STATUS_WORDS |= {word: word for word in CLOSED}


class PlanFileError(Exception):
    """The file cannot be checked at all: unreadable, not CSV, or missing columns."""


@dataclass
class PlanRows:
    """The actions read from the file, and findings about values that could not be read."""

    actions: list[ActionDraft]
    findings: list[Finding]


def header_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def parse_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise PlanFileError("The file is larger than 5 MB; a plan should be far smaller.")
    if b"\x00" in data:
        raise PlanFileError("This is not a CSV file: it holds binary data. Save it as CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(
            "The file is not saved as UTF-8 text. In Excel choose “CSV UTF-8” when saving."
        ) from None


def read_plan(text: str) -> PlanRows:
    """Actions from CSV text, numbered by their row in the file (the header is row 1)."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise PlanFileError(f"The file cannot be read as CSV: {error}.") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise PlanFileError("The file is empty: the first row must name the columns.")
    columns = {}
    for index, name in enumerate(rows[0]):
        columns.setdefault(header_key(name), index)
    missing = [label for key, label in REQUIRED.items() if key not in columns]
    if missing:
        raise PlanFileError(
            "The file is missing the column"
            + ("s " if len(missing) > 1 else " ")
            + ", ".join(f"“{label}”" for label in missing)
            + ". The first row must name the columns title, owner, due date, measure and "
            "horizon; other columns are ignored."
        )
    result = PlanRows([], [])
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            key: (row[index].strip() if index < len(row) else "")
            for key, index in columns.items()
            if key in REQUIRED or key in OPTIONAL
        }
        result.actions.append(_action(number, cells, result.findings))
    return result


def _action(number, cells, findings):
    action = ActionDraft(
        ref=number,
        title=cells["title"],
        description=cells.get("description", ""),
        owner=cells["owner"],
        measure=cells["measure"],
    )
    subject = action.title or "An action with no title"
    if cells["duedate"]:
        try:
            action.due_on = parse_date(cells["duedate"])
        except ValueError:
            findings.append(
                Finding(
                    "date-unreadable",
                    number,
                    f"The due date “{cells['duedate']}” is not a date the checker can read.",
                    "Write it as 31/03/2027 or 2027-03-31.",
                    subject,
                )
            )
    horizon = HORIZON_WORDS.get(_squash(cells["horizon"]))
    action.horizon = horizon or cells["horizon"]
    status = cells.get("status", "")
    action.status = STATUS_WORDS.get(_squash(status), "not_started")
    return action


def check_rows(plan: PlanRows, today: date) -> list[Finding]:
    """Every finding, in row order; a row whose date could not be read is not also told that
    it has no date."""
    unreadable = {f.ref for f in plan.findings}
    findings = [
        finding
        for finding in check_plan(plan.actions, today)
        if not (finding.code == "no-date" and finding.ref in unreadable)
    ]
    findings += plan.findings
    return sorted(findings, key=lambda f: (f.ref is None, f.ref or 0))
