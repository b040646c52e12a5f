"""The data tables, workbook and CSV, checked against figures worked out independently
(with the statistics module, whose inclusive quantiles are the same type 7 definition)."""

import csv
import io
import statistics

from openpyxl import load_workbook

from selfassess.reports import data, writers
from selfassess.reports.safety import neutralise

A1 = [5, 5, 4, 2, 2, 1, 3]  # every answer to a-1, the partner's 3 included


def quartiles(values):
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def sheet_rows(workbook, title):
    sheet = workbook[title]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_neutralise_every_formula_start():
    for start in ["=", "+", "-", "@", "\t", "\r"]:
        assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise("Fine text") == "Fine text"
    assert neutralise(3) == 3


def test_workbook_statement_figures_match_independent_values(assessment):
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(data.build_tables(assessment))))
    rows = {row["Statement id"]: row for row in sheet_rows(workbook, "Statistics by statement")}
    q1, median, q3 = quartiles(A1)
    row = rows["a-1"]
    assert row["Answers"] == 7
    assert row["Median level"] == median == 3
    assert row["Lower quartile"] == q1
    assert row["Upper quartile"] == q3
    assert abs(row["Mean level"] - sum(A1) / 7) < 1e-9
    # r_wg = 1 - s^2 / ((5^2 - 1) / 12), truncated at 0: s^2 = 2.57 > 2, so no agreement.
    assert statistics.variance(A1) > 2
    assert row["Agreement (rwg)"] == 0
    assert row["Contested"] == "Yes"
    assert row["Level 5 Leading"] == 2
    # b-2: 2,2,2 and 2,3 rated, one don't know -> median 2, don't know share 1/6.
    b2 = rows["b-2"]
    assert b2["Median level"] == 2
    assert abs(b2["Don't know share"] - 1 / 6) < 1e-9
    assert b2["Rated answers"] == 5


def test_workbook_component_pools_its_statements(assessment):
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(data.build_tables(assessment))))
    rows = {row["Component id"]: row for row in sheet_rows(workbook, "Summary by component")}
    rated = A1 + [1, 5, 3, 1, 5] + [4] * 6
    q1, median, q3 = quartiles(rated)
    assert rows["comp-a"]["Rated answers"] == len(rated)
    assert rows["comp-a"]["Median level"] == median
    assert rows["comp-a"]["Lower quartile"] == q1
    assert rows["comp-a"]["Upper quartile"] == q3


def test_workbook_layout_frozen_filtered_and_formatted(assessment):
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(data.build_tables(assessment))))
    assert len(workbook.sheetnames) == len(data.TABLE_NAMES) == 6
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    statements = workbook["Statistics by statement"]
    header = [c.value for c in statements[1]]
    median = statements.cell(row=2, column=header.index("Median level") + 1)
    share = statements.cell(row=2, column=header.index("Don't know share") + 1)
    assert median.number_format == "0.00"
    assert share.number_format == "0%"


def test_group_breakdown_hides_small_groups(assessment):
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(data.build_tables(assessment))))
    rows = [
        r
        for r in sheet_rows(workbook, "Breakdown by group")
        if r["Component or statement id"] == "a-1"
    ]
    by_group = {r["Group"]: r for r in rows}
    # The partner (one person) is hidden; the totals would then give their answer away, so
    # the smallest shown group (Board, 3 people, first in order) is hidden as well.
    assert by_group["Board"]["Median level"] is None
    assert by_group["Board"]["Hidden because"].startswith("hidden so that a smaller group")
    assert by_group["Front-line staff"]["Median level"] == 2  # 2, 2, 1
    assert by_group["Front-line staff"]["Answers"] == 3
    partners = by_group["Patient partners"]
    assert partners["Median level"] is None and partners["Answers"] is None
    assert partners["Hidden because"] == "fewer than k people gave a level"


def test_formula_injection_is_neutralised_in_workbook_and_csv(assessment):
    tables = data.build_tables(assessment)
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(tables)))
    consensus = {r["Statement id"]: r for r in sheet_rows(workbook, "Consensus")}
    assert consensus["a-1"]["Rationale"] == "'+ agreed after a long discussion"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    table = next(t for t in tables if t.name == "consensus")
    text = writers.write_csv(table).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'+ agreed after a long discussion" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


PERSON_KEYS = {"participant", "participant_id", "release_key", "token", "email", "comment"}


def test_no_download_holds_one_persons_answers(assessment):
    """The tables are aggregates only: no table is per person, none has a column that could
    link a person's answers, and the partner's comment (one person's text) is in none."""
    tables = data.build_tables(assessment)
    assert [t.name for t in tables] == data.TABLE_NAMES
    assert "responses" not in data.TABLE_NAMES
    by_name = {t.name: t for t in tables}
    for table in tables:
        assert not PERSON_KEYS & {c.key for c in table.columns}, table.name
    # Row counts are fixed by the framework, not by how many people answered (7 here):
    # 5 statements, 2 components, 3 groups; the consensus table has one row a statement.
    assert len(by_name["statements"].rows) == 5
    assert len(by_name["components"].rows) == 2
    assert len(by_name["groups"].rows) == (2 + 5) * 3
    assert len(by_name["consensus"].rows) == 5
    workbook = load_workbook(io.BytesIO(writers.write_xlsx(tables)))
    assert not any("respons" in title.lower() for title in workbook.sheetnames)
    every_cell = [
        cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
    ]
    assert not any("HYPERLINK" in str(value) for value in every_cell)
    import json

    assert list(json.loads(writers.write_json(tables))) == data.TABLE_NAMES


def test_the_old_responses_csv_is_not_found(assessment, client, member_of):
    from django.urls import reverse

    from selfassess.organisations.models import Role

    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    url = reverse("reports:csv", args=[assessment.pk, "responses"])
    assert client.get(url).status_code == 404


def test_about_table_names_the_release(assessment):
    about = {}
    for row in next(t for t in data.build_tables(assessment) if t.name == "about").rows:
        about.setdefault(row[0], []).append(row[1])
    assert about["Release"][0].startswith("Release 1 (at closing,")
    assert about["Final"] == [True]
    assert about["People in the release"] == [3 + 3 + 1]
    assert about["Anonymity threshold (k)"] == [3]


def test_json_holds_the_same_tables(assessment):
    import json

    document = json.loads(writers.write_json(data.build_tables(assessment)))
    assert list(document) == data.TABLE_NAMES
    a1 = next(r for r in document["statements"]["rows"] if r["statement_id"] == "a-1")
    assert a1["median"] == statistics.median(A1)
    rationale = document["consensus"]["rows"][0]["rationale"]
    assert rationale == "+ agreed after a long discussion"  # JSON keeps the text as typed
