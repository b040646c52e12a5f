"""Reading text people upload or type: one set of checks and messages for every door.

Uploads arrive as bytes in whatever encoding a spreadsheet chose; CSV cells can be of any
length; a NUL character is stored by SQLite but refused by PostgreSQL (a 500 there). So every
CSV import reads its file through ``decode`` and ``csv_rows``, and checks typed text with
``text_problem``, against the figures in ``core.limits``. Plain Python, no Django.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator

from . import limits

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAVE_AS = "save it from your spreadsheet as “CSV UTF-8” and try again"


class Unreadable(ValueError):
    """The file as a whole cannot be read; the message says what to do."""


def decode(raw: bytes, legacy: str | None = None) -> str:
    """The text of an uploaded file: UTF-8, or UTF-16 with its byte-order mark.

    A file that is neither is refused with the line and byte where it stops being UTF-8, so a
    file mixing two encodings (pasted together from two programs) can be found and fixed.
    With ``legacy`` (such as "cp1252", what older spreadsheets save as "CSV"), a file with
    no UTF-8 in it at all is read in that encoding instead; one that mixes both is refused.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(
                    f"The file says it is {encoding.upper().removesuffix('-SIG')} but part of it "
                    f"is not; {SAVE_AS}"
                ) from None
    start = raw[:400]
    if start and start.count(b"\x00") * 4 > len(start):
        raise Unreadable(f"The file looks like UTF-16 text without its byte-order mark; {SAVE_AS}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if legacy and not _UTF8_SEQUENCE.search(raw):
            try:
                return raw.decode(legacy)
            except UnicodeDecodeError:
                pass
        line = raw.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            f"The file is not UTF-8 text: byte {raw[error.start]:#04x} on line {line} is not "
            f"UTF-8 (the file may mix two encodings); {SAVE_AS}"
        ) from None


def text_problem(value: str, name: str, most: int) -> str | None:
    """Why ``value`` cannot be stored as ``name``, or None: too long, or a control character."""
    if len(value) > most:
        return f"The {name} must be {most:,} characters or fewer"
    found = _CONTROL.search(value)
    if found:
        return (
            f"The {name} contains a control character ({ord(found.group()):#04x}); remove it "
            "(it is often left by copying from another program)"
        )
    return None


def csv_rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of each non-blank row, within the CSV limits.

    Raises ``Unreadable`` for a file that is not CSV at all, a cell longer than
    ``CSV_CELL_CHARS_MAX``, a NUL character, more than ``CSV_COLUMNS_MAX`` columns or more
    than ``CSV_ROWS_MAX`` rows. Python's csv module would itself stop at a cell of 131,072
    characters with an exception no one can act on.
    """
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise Unreadable(f"The file contains a NUL character on line {line}; {SAVE_AS}")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise Unreadable(_too_long(reader.line_num)) from None
            raise Unreadable(
                f"The file cannot be read as CSV near line {reader.line_num} ({error}); {SAVE_AS}"
            ) from None
        if len(cells) > limits.CSV_COLUMNS_MAX:
            raise Unreadable(
                f"Line {reader.line_num} has {len(cells):,} columns; a file can have at most "
                f"{limits.CSV_COLUMNS_MAX:,}"
            )
        long = next((cell for cell in cells if len(cell) > limits.CSV_CELL_CHARS_MAX), None)
        if long is not None:
            raise Unreadable(_too_long(reader.line_num))
        cells = [cell.strip() for cell in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        count += 1
        if count > limits.CSV_ROWS_MAX:
            raise Unreadable(
                f"The file has more than {limits.CSV_ROWS_MAX:,} rows; split it into smaller "
                "files and import each"
            )
        yield reader.line_num, cells


def _too_long(line: int) -> str:
    return (
        f"A cell on line {line} is too long: cells can be at most "
        f"{limits.CSV_CELL_CHARS_MAX:,} characters, so shorten it"
    )
