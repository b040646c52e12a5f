"""Dates typed into the three NHS.UK date boxes, and text read from uploads, never raise.

The five forms with a date (new assessment, its settings, extending, the next cycle and a
plan action) share ``DatePartsField``; a year of twenty digits once raised OverflowError (a
500) on all five. The CSV imports share ``core.textinput``.
"""

import datetime

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from selfassess.assessments.forms import DatePartsField
from selfassess.core import limits, textinput


def clean(day, month, year):
    return DatePartsField(label_for_errors="Closing date").clean(
        {"day": day, "month": month, "year": year}
    )


@pytest.mark.parametrize(
    "day, month, year",
    [
        ("1", "1", "9" * 20),  # OverflowError in datetime once
        ("9" * 20, "1", "2027"),
        ("1", "1", "²⁰²⁷"),  # superscript digits: isdigit() but not a number int() reads
        ("1", "1", "\u0662\u0660\u0662\u0667"),  # Arabic-Indic 2027
        ("1", "1", "-2027"),
        ("1", "1", "2027.0"),
        ("1", "1", "1e4"),
        ("31", "2", "2027"),
        ("1", "1", "\x002027"),
    ],
)
def test_a_date_that_is_not_real_is_a_form_error(day, month, year):
    with pytest.raises(forms.ValidationError) as raised:
        clean(day, month, year)
    assert "must be a real date" in raised.value.messages[0]


@pytest.mark.parametrize("year", ["0001", "1899", "2201", "9999"])
def test_a_year_outside_the_service_range_names_the_range(year):
    with pytest.raises(forms.ValidationError) as raised:
        clean("1", "1", year)
    assert raised.value.messages == [
        f"Closing date must be between {limits.YEAR_MIN} and {limits.YEAR_MAX}, like 31 3 2027"
    ]


def test_a_real_date_is_read():
    assert clean("31", "3", "2027") == datetime.date(2027, 3, 31)
    assert clean("01", "03", "2027") == datetime.date(2027, 3, 1)


@given(st.text(max_size=25), st.text(max_size=25), st.text(max_size=25))
def test_any_typed_parts_give_a_date_in_range_or_a_form_error(day, month, year):
    try:
        value = clean(day, month, year)
    except forms.ValidationError:
        return
    assert value is None or limits.YEAR_MIN <= value.year <= limits.YEAR_MAX


def test_a_mixed_encoding_file_names_the_line_and_byte():
    raw = b"year,code\n2025,a\n" + "2025,é".encode("cp1252")
    with pytest.raises(textinput.Unreadable) as raised:
        textinput.decode(raw)
    assert "byte 0xe9 on line 3 is not UTF-8" in str(raised.value)


def test_utf16_with_or_without_its_mark():
    assert textinput.decode("year,code\n".encode("utf-16")) == "year,code\n"
    with pytest.raises(textinput.Unreadable) as raised:
        textinput.decode("year,code,label\n".encode("utf-16-le"))
    assert "UTF-16" in str(raised.value)


def test_a_cell_longer_than_the_limit_is_refused_before_the_csv_module_fails():
    text = "a,b\n" + "x" * 131_073 + ",b\n"
    with pytest.raises(textinput.Unreadable) as raised:
        list(textinput.csv_rows(text))
    assert f"at most {limits.CSV_CELL_CHARS_MAX:,} characters" in str(raised.value)


def test_a_nul_character_is_refused_with_its_line():
    with pytest.raises(textinput.Unreadable) as raised:
        list(textinput.csv_rows("a,b\nc,d\x00\n"))
    assert "NUL character on line 2" in str(raised.value)


def test_control_characters_in_typed_text_are_named():
    assert textinput.text_problem("ok\ttext\n", "label", 20) is None
    assert "control character (0x1b)" in textinput.text_problem("a\x1bb", "label", 20)
    assert (
        textinput.text_problem("x" * 21, "label", 20) == "The label must be 20 characters or fewer"
    )


def test_an_older_spreadsheet_encoding_is_read_when_asked_and_mixing_is_refused():
    assert textinput.decode("café,1\n".encode("cp1252"), legacy="cp1252") == "café,1\n"
    mixed = "naïve,1\n".encode() + "café,1\n".encode("cp1252")
    with pytest.raises(textinput.Unreadable) as raised:
        textinput.decode(mixed, legacy="cp1252")
    assert "on line 2" in str(raised.value) and "mix two encodings" in str(raised.value)
