"""Importing staff-survey indicators: every bad row listed with its reason, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from selfassess.cycles.models import StaffSurveyIndicator
from selfassess.cycles.survey_import import check_rows, save_indicators
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory

TODAY = datetime.date(2026, 5, 1)
GOOD = (
    "year,indicator code,label,percentage positive,comparator\n"
    "2024,q2a,I look forward to going to work,55.5,54\n"
    "2025,q2a,I look forward to going to work,58.4%,56.1\n"
    "2025,q4c,I am able to make improvements happen,61\n"
)


def reasons(text):
    rows, problems = check_rows(text, today=TODAY)
    return rows, [(p.line, p.reason) for p in problems]


def test_a_good_file_gives_every_row_with_exact_figures():
    rows, problems = reasons(GOOD)
    assert problems == []
    assert [(r.line, r.year, r.code) for r in rows] == [
        (2, 2024, "q2a"),
        (3, 2025, "q2a"),
        (4, 2025, "q4c"),
    ]
    assert rows[1].percentage_positive == Decimal("58.4")
    assert rows[1].comparator == Decimal("56.1")
    assert rows[2].comparator is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025,,Label,50", "Missing value: enter the indicator code"),
        ("2025,q1,,", "Missing value: enter the label and the percentage positive"),
        ("2025,q1,Label,fifty", "The percentage positive “fifty” is not a number"),
        ("2025,q1,Label,NaN", "The percentage positive “NaN” is not a number"),
        ("2025,q1,Label,50,about half", "The comparator “about half” is not a number"),
        ("2025,q1,Label,100.5", "The percentage positive 100.5 is outside 0 to 100"),
        ("2025,q1,Label,-1", "The percentage positive -1 is outside 0 to 100"),
        ("2025,q1,Label,50,101", "The comparator 101 is outside 0 to 100"),
        ("2025,q1,Label,50.125", "The percentage positive 50.125 has more than two decimal"),
        ("25,q1,Label,50", "The year “25” is not a year"),
        ("2025.0,q1,Label,50", "The year “2025.0” is not a year"),
        ("1999,q1,Label,50", "The year 1999 is not a survey year: it must be from 2000 to 2026"),
        ("2027,q1,Label,50", "The year 2027 is not a survey year"),
        ("2025,q1,Label,50,40,extra", "The row has 6 columns"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_reason(line, expected):
    rows, problems = reasons(f"2025,q9,Fine row,40\n{line}\n")
    assert len(rows) == 1
    assert len(problems) == 1
    assert problems[0][0] == 2
    assert problems[0][1].startswith(expected)


def test_a_duplicate_row_names_the_line_it_repeats():
    _rows, problems = reasons(GOOD + "2025,Q2A,Another label,12\n")
    assert problems == [
        (5, "Duplicate row: Q2A for 2025 is also on line 3; keep one of them"),
    ]


def test_every_bad_row_is_listed_at_once():
    text = "2025,q1,A,50\n2025,q2,B,x\n20x5,q3,C,40\n2025,q1,D,50\n"
    _rows, problems = reasons(text)
    assert [line for line, _reason in problems] == [2, 3, 4]


def test_an_empty_file_says_so():
    assert reasons("year,indicator code,label,percentage positive\n\n")[1] == [
        (0, "The file has no indicators in it")
    ]


@pytest.mark.django_db
def test_saving_replaces_a_year_and_code_already_held():
    organisation = OrganisationFactory()
    rows, _ = check_rows(GOOD, today=TODAY)
    assert save_indicators(organisation, rows) == (3, 0)
    rows, _ = check_rows("2025,Q2A,Looking forward to work,60\n", today=TODAY)
    assert save_indicators(organisation, rows) == (0, 1)
    held = StaffSurveyIndicator.objects.get(organisation=organisation, year=2025, code="Q2A")
    assert held.percentage_positive == Decimal("60") and held.comparator is None
    assert StaffSurveyIndicator.objects.filter(organisation=organisation).count() == 3


# --- the page -------------------------------------------------------------------------------


def url(organisation):
    return f"/organisations/{organisation.pk}/staff-survey/"


def upload(text, name="survey.csv"):
    return {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}


@pytest.fixture
def facilitator(client, member_of, organisation):
    client.force_login(member_of(organisation, Role.FACILITATOR))
    return client


def test_the_page_imports_a_good_file(facilitator, organisation):
    response = facilitator.post(url(organisation), upload(GOOD))
    assert response.status_code == 302
    assert StaffSurveyIndicator.objects.filter(organisation=organisation).count() == 3
    page = facilitator.get(url(organisation)).content.decode()
    assert "Imported 3 staff survey figures: 3 new" in page
    assert "58.4%" in page and "(56.1%)" in page


def test_a_file_with_a_bad_row_imports_nothing_and_lists_it(facilitator, organisation):
    response = facilitator.post(url(organisation), upload(GOOD + "2025,q7,Label,abc\n"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "1 row needs fixing. Nothing has been imported" in page
    assert "The percentage positive “abc” is not a number" in page
    assert not StaffSurveyIndicator.objects.exists()


def test_a_file_that_is_not_utf8_or_missing_is_refused(facilitator, organisation):
    response = facilitator.post(
        url(organisation), {"file": SimpleUploadedFile("s.csv", b"\xff\xfe2")}
    )
    assert response.status_code == 400
    assert "as “CSV UTF-8”" in response.content.decode()
    response = facilitator.post(url(organisation), {})
    assert response.status_code == 400
    assert "Choose a CSV file to import" in response.content.decode()
    assert not StaffSurveyIndicator.objects.exists()


def test_viewers_cannot_import_and_other_organisations_are_not_found(
    client, member_of, organisation
):
    client.force_login(member_of(organisation, Role.VIEWER))
    assert client.get(url(organisation)).status_code == 403
    assert client.post(url(organisation), upload(GOOD)).status_code == 403
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert client.get(url(organisation)).status_code == 404
    assert client.post(url(organisation), upload(GOOD)).status_code == 404
    assert not StaffSurveyIndicator.objects.exists()


def test_admins_may_import_and_anonymous_people_are_sent_to_sign_in(
    client, member_of, organisation
):
    assert client.get(url(organisation)).status_code == 302
    client.force_login(member_of(organisation, Role.ADMIN))
    assert client.get(url(organisation)).status_code == 200
