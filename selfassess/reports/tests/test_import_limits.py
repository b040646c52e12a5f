"""Every input of the response import has a bound, and the work grows with the file (issue 13).

One 529 KB CSV with 60,000 columns held a worker past 30 seconds: repeated column names
were found with ``list.count`` for every column. Each test here feeds one input past one
limit of ``core.limits`` and proves it is refused with a message that says the limit; the
speed itself is measured in ``bench/import_scaling.py``, as ratios to a floor.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selfassess.core import limits
from selfassess.organisations.models import Role
from selfassess.reports import imports
from selfassess.reports.forms import ColumnsForm


class CountedName(str):
    """A column name that counts how often it is hashed or compared."""

    calls = 0

    def __hash__(self):
        CountedName.calls += 1
        return str.__hash__(self)

    def __eq__(self, other):
        CountedName.calls += 1
        return str.__eq__(self, other)


def test_a_60000_column_file_under_the_size_limit_is_refused_at_its_first_line():
    raw = (",".join(f"c{i}" for i in range(60_000)) + "\n" + "1," * 59_999 + "1\n").encode()
    assert len(raw) < imports.MAX_BYTES
    with pytest.raises(imports.ImportInvalid) as raised:
        imports.read_csv(raw)
    assert "Line 1 has 60,000 columns; a file can have at most 500" in str(raised.value)


def test_repeated_names_are_found_in_one_pass():
    names = [CountedName(f"c{i % 250}") for i in range(500)]
    CountedName.calls = 0
    assert imports.repeated(names) == sorted({f"c{i}" for i in range(250)})
    # One hash per name and one comparison per repeat: a list.count per name would be
    # 500 x 500 comparisons.
    assert CountedName.calls <= 3 * len(names)


def test_repeated_column_names_are_named_and_the_list_is_short():
    header = ",".join(["same"] * 3 + [f"x{i}" for i in range(20)] * 2)
    with pytest.raises(imports.ImportInvalid) as raised:
        imports.read_csv(f"{header}\n{','.join(['1'] * 43)}\n".encode())
    message = str(raised.value)
    assert message.startswith("Column names must be different; repeated: same, x0, x1")
    assert "and 11 more" in message


def test_a_row_over_the_column_limit_is_refused_after_the_header():
    raw = b"a,b\n1,2\n" + b"1," * limits.CSV_COLUMNS_MAX + b"1\n"
    with pytest.raises(imports.ImportInvalid, match="Line 3 has 501 columns"):
        imports.read_csv(raw)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    with pytest.raises(imports.ImportInvalid, match="more than 3 rows"):
        imports.read_csv(b"a\n" + b"1\n" * 4)
    assert len(imports.read_csv(b"a\n" + b"1\n" * 3).rows) == 3


def test_a_cell_over_the_character_limit_is_refused():
    raw = b"a,b\n1," + b"x" * (limits.CSV_CELL_CHARS_MAX + 1) + b"\n"
    with pytest.raises(imports.ImportInvalid, match="longer than 10,000 characters"):
        imports.read_csv(raw)


def test_a_file_over_the_byte_limit_is_refused():
    with pytest.raises(imports.ImportInvalid, match="larger than 2 MB"):
        imports.read_csv(b"a\n" + b"1\n" * (imports.MAX_BYTES // 2))


def test_more_different_answers_than_can_be_matched_are_refused():
    most = limits.IMPORT_ANSWER_VALUES_MAX
    sheet = imports.Sheet(["q"], [[f"answer {i}"] for i in range(most + 1)])
    with pytest.raises(imports.ImportInvalid, match=f"more than {most} different answers"):
        imports.answer_values(sheet, ["q"])
    assert len(imports.answer_values(imports.Sheet(["q"], sheet.rows[:most]), ["q"])) == most


def test_the_answers_step_says_when_there_are_too_many_answers(client, unanswered, member_of):
    client.force_login(member_of(unanswered.organisation, Role.FACILITATOR))
    body = "a-1\n" + "".join(f"free text {i}\n" for i in range(300))
    pk = unanswered.pk
    upload = SimpleUploadedFile("form.csv", body.encode(), content_type="text/csv")
    client.post(reverse("reports:import", args=[pk]), {"file": upload})
    group = unanswered.groups.first().pk
    client.post(reverse("reports:import_columns", args=[pk]), {"group": group, "column_0": "a-1"})
    response = client.get(reverse("reports:import_answers", args=[pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:import_columns", args=[pk])
    assert "more than 200 different answers" in response.content.decode()


def test_a_statement_chosen_for_two_columns_is_named_once(db):
    form = ColumnsForm(
        {"group": "1", "column_0": "a-1", "column_1": "a-1", "column_2": "a-2"},
        header=["x", "y", "z"],
        statements=[("a-1", "1.1"), ("a-2", "1.2")],
        groups=[type("G", (), {"pk": 1, "name": "Board"})()],
    )
    assert not form.is_valid()
    assert form.errors["__all__"] == [
        "Each statement can come from one column only; repeated: a-1."
    ]


def test_the_column_form_fits_within_the_form_field_limit():
    assert limits.CSV_COLUMNS_MAX + 10 < limits.FORM_FIELDS_MAX
    assert limits.IMPORT_ANSWER_VALUES_MAX + 10 < limits.FORM_FIELDS_MAX
