"""Writing tables as an XLSX workbook, CSV files and JSON.

The workbook has one sheet per table with a frozen, bold header row, a filter on every column,
number formats by column kind and sensible widths. CSV holds one table per file (UTF-8 with a
byte order mark so that Excel reads accents correctly). Every text cell in the workbook and in
CSV goes through ``neutralise`` (see ``safety``). JSON keeps the values as they are, typed:
it is read by programs, not opened by spreadsheet programs.
"""

import csv
import io
import json
import zipfile
from datetime import date, datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .data import BOOLEAN, DATE, DATETIME, DECIMAL, INTEGER, SHARE, Table
from .safety import neutralise

NUMBER_FORMATS = {
    INTEGER: "0",
    DECIMAL: "0.00",
    SHARE: "0%",
    DATE: "d mmmm yyyy",
    DATETIME: "d mmmm yyyy hh:mm",
}
MAX_WIDTH = 60


def _plain(value, kind):
    """A value a cell can hold: local naive datetimes, Yes/No for flags."""
    if kind == BOOLEAN and isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    return value


def _xlsx_text(value):
    """Workbook cells are XML, which cannot hold most control characters (a pasted comment can
    carry one); they are dropped rather than letting one character stop the whole download."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_xlsx(tables: list[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append([column.header for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(
                [
                    neutralise(_xlsx_text(_plain(value, column.kind)))
                    for column, value in zip(table.columns, row, strict=True)
                ]
            )
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            number_format = NUMBER_FORMATS.get(column.kind)
            width = len(column.header)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
                    width = max(width, min(len(cell.value), MAX_WIDTH))
                elif number_format and cell.value is not None:
                    cell.number_format = number_format
                    width = max(width, 12)
            sheet.column_dimensions[letter].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 2)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value, kind):
    value = _plain(value, kind)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return neutralise(str(value)) if isinstance(value, str) else value


def write_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(column.header) for column in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                _csv_value(value, column.kind)
                for column, value in zip(table.columns, row, strict=True)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv_zip(tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.name}.csv", write_csv(table))
    return buffer.getvalue()


def _json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(tables: list[Table]) -> bytes:
    document = {
        table.name: {
            "title": table.title,
            "columns": [{"key": c.key, "header": c.header, "kind": c.kind} for c in table.columns],
            "rows": table.as_dicts(),
        }
        for table in tables
    }
    return json.dumps(document, default=_json_default, indent=2, ensure_ascii=False).encode()
