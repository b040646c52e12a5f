"""Importing staff-survey indicators from a CSV file: all of it, or nothing.

Columns, in this order: year, indicator code, label, percentage positive, and optionally a
comparator (for example the average of similar organisations). A first row that starts with
"year" is taken as a heading.

Every row is checked before anything is saved, and every bad row is reported with its line
number and the reason (a missing value, a value that is not a number, a percentage outside 0 to
100, a year that is not a year, a row repeating the year and code of an earlier one), so the
file is fixed once. A row for a year and code already held replaces the figures held, so a
corrected file can simply be imported again.

Checking is plain Python; only ``save_indicators`` touches the database.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from selfassess.core import textinput

from .models import StaffSurveyIndicator

MAX_ROWS = 2000
FIRST_YEAR = 2000
MAX_CODE = StaffSurveyIndicator._meta.get_field("code").max_length
MAX_LABEL = StaffSurveyIndicator._meta.get_field("label").max_length
COLUMNS = ("year", "indicator code", "label", "percentage positive", "comparator")
REQUIRED = 4


@dataclass(frozen=True)
class IndicatorRow:
    line: int
    year: int
    code: str
    label: str
    percentage_positive: Decimal
    comparator: Decimal | None


@dataclass(frozen=True)
class RowProblem:
    line: int
    text: str
    reason: str


class BadValue(ValueError):
    """A cell that cannot be used; the message says what to change."""


def _rows(text):
    return textinput.csv_rows(text)


def parse_year(value, last_year):
    # isascii: "²⁰²⁶" and other Unicode digits pass isdigit but are not a year int() reads.
    if not (value.isascii() and value.isdigit()) or len(value) != 4:
        raise BadValue(f"The year “{value[:20]}” is not a year: write it as four digits, like 2025")
    year = int(value)
    if not FIRST_YEAR <= year <= last_year:
        raise BadValue(
            f"The year {year} is not a survey year: it must be from {FIRST_YEAR} to {last_year}"
        )
    return year


def parse_percentage(value, column):
    """A percentage such as 62, 62.5 or 62.5%, from 0 to 100 with at most two decimals."""
    cleaned = value.removesuffix("%").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise BadValue(f"The {column} “{value[:20]}” is not a number: write it like 62.5")
    if not Decimal(0) <= number <= Decimal(100):
        raise BadValue(f"The {column} {cleaned} is outside 0 to 100: give it as a percentage")
    if number != number.quantize(Decimal("0.01")):
        raise BadValue(f"The {column} {cleaned} has more than two decimal places: round it")
    return number


def _check_row(cells, last_year):
    """An IndicatorRow's fields from the cells of one row, or BadValue naming the first fault."""
    if len(cells) > len(COLUMNS):
        raise BadValue(
            f"The row has {len(cells)} columns: give only {', '.join(COLUMNS[:-1])} and, "
            "if you have one, a comparator"
        )
    padded = cells + [""] * (len(COLUMNS) - len(cells))
    missing = [COLUMNS[index] for index in range(REQUIRED) if not padded[index]]
    if missing:
        raise BadValue(f"Missing value: enter the {' and the '.join(missing)}")
    year_text, code, label, percentage_text, comparator_text = padded
    for value, name, most in ((code, "indicator code", MAX_CODE), (label, "label", MAX_LABEL)):
        if problem := textinput.text_problem(value, name, most):
            raise BadValue(problem)
    return {
        "year": parse_year(year_text, last_year),
        "code": code,
        "label": label,
        "percentage_positive": parse_percentage(percentage_text, "percentage positive"),
        "comparator": parse_percentage(comparator_text, "comparator") if comparator_text else None,
    }


def check_rows(text, today=None):
    """Return (rows, problems); problems is empty only if every row can be imported."""
    last_year = (today or datetime.date.today()).year
    try:
        read = list(_rows(text))
    except textinput.Unreadable as unreadable:
        return [], [RowProblem(0, "", str(unreadable))]
    rows, problems, seen = [], [], {}
    for index, (line, cells) in enumerate(read):
        if index == 0 and cells[0].casefold() == "year":
            continue
        shown = ",".join(cells)[:120]
        try:
            fields = _check_row(cells, last_year)
        except BadValue as bad:
            problems.append(RowProblem(line, shown, str(bad)))
            continue
        key = (fields["year"], fields["code"].casefold())
        if key in seen:
            problems.append(
                RowProblem(
                    line,
                    shown,
                    f"Duplicate row: {fields['code']} for {fields['year']} is also on line "
                    f"{seen[key]}; keep one of them",
                )
            )
            continue
        seen[key] = line
        rows.append(IndicatorRow(line=line, **fields))
    if not rows and not problems:
        problems.append(RowProblem(0, "", "The file has no indicators in it"))
    if len(rows) + len(problems) > MAX_ROWS:
        problems = [
            RowProblem(
                0, "", f"The file has more than {MAX_ROWS} rows; split it and import each part"
            )
        ]
    return rows, problems


@transaction.atomic
def save_indicators(organisation, rows):
    """Save checked rows in one transaction; a year and code already held is replaced."""
    held = {
        (indicator.year, indicator.code.casefold()): indicator
        for indicator in StaffSurveyIndicator.objects.select_for_update().filter(
            organisation=organisation, year__in={row.year for row in rows}
        )
    }
    created, updated = [], []
    for row in rows:
        indicator = held.get((row.year, row.code.casefold()))
        if indicator is None:
            indicator = StaffSurveyIndicator(organisation=organisation, year=row.year)
            created.append(indicator)
        else:
            updated.append(indicator)
        indicator.code = row.code
        indicator.label = row.label
        indicator.percentage_positive = row.percentage_positive
        indicator.comparator = row.comparator
    StaffSurveyIndicator.objects.bulk_create(created)
    for indicator in updated:
        indicator.save()
    return len(created), len(updated)
