"""Free text typed into the service (here an action's title, which every download and the
board report carry) stays inert wherever it goes: a workbook cell or CSV field holds the
text as typed, with an apostrophe in front where a spreadsheet would otherwise run it as a
formula, and the board report's HTML, from which the PDF is made, shows it escaped."""

import csv
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from openpyxl import load_workbook

from selfassess.plans.models import Action
from selfassess.reports.data import build_tables
from selfassess.reports.pdf import report_html
from selfassess.reports.report import board_report
from selfassess.reports.writers import write_csv, write_xlsx

# Any text a person could type, often starting with a formula character or holding markup.
typed = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r"]), st.text(max_size=30)).map("".join),
    st.text(max_size=20).map(lambda text: f"<script>alert(1)</script>{text}<b onclick='x'>"),
).filter(lambda text: text.strip() and "\x00" not in text)

FUZZ_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def expected_cell(text):
    """What an analyst must see: the text, behind an apostrophe when it could be a formula.
    Written out here rather than imported, so the test does not trust the code under test."""
    return "'" + text if text[0] in "=+-@\t\r" else text


def expected_workbook_cell(text):
    """A workbook cannot hold control characters other than tab, newline and carriage return:
    they are dropped, and what is left is treated as above. Being XML, the workbook reads a
    carriage return back as a newline."""
    kept = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    cell = expected_cell(kept) if kept else kept
    return cell.replace("\r\n", "\n").replace("\r", "\n")


def plan_of(tables):
    return next(table for table in tables if table.name == "plan")


@FUZZ_SETTINGS
@given(title=typed)
def test_an_action_title_in_the_workbook_csv_and_report(world, title):
    assessment = world.home.assessment
    Action.objects.filter(assessment=assessment).delete()
    Action.objects.create(assessment=assessment, title=title)
    tables = build_tables(assessment)

    sheet = load_workbook(io.BytesIO(write_xlsx(tables)))["Development plan"[:31]]
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert titles == [expected_workbook_cell(title) or None]
    assert all(cell.data_type == "s" for cell in cells), "a typed title became a formula"

    rows = list(csv.reader(io.StringIO(write_csv(plan_of(tables)).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [expected_cell(title)]

    html = report_html(board_report(assessment))
    assert "<script>alert(1)" not in html and "<b onclick" not in html
    assert str(escape(title)) in html or str(escape(" ".join(title.split()))) in html
