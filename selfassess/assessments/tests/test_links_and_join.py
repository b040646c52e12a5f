"""Personal links as a one-time CSV download, and the join code with its QR code."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from selfassess.assessments.links import safe_cell
from selfassess.assessments.models import Participant
from selfassess.assessments.tests.conftest import group
from selfassess.assessments.tests.factories import ParticipantGroupFactory

pytestmark = pytest.mark.django_db


def links_url(assessment):
    return f"/assessments/{assessment.pk}/links/"


def counts(assessment, **by_name):
    return {
        f"group_{group(assessment, name.replace('_', ' ')).pk}": str(n)
        for name, n in by_name.items()
    }


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_page_warns_the_links_are_shown_once(facilitator, assessment):
    html = unescape(facilitator.get(links_url(assessment)).content.decode())
    assert "You can only download these links once" in html
    for name in ("Board", "Front-line staff"):
        assert name in html
    assert "The links work once the assessment is open" in html


def test_links_are_made_per_group_and_each_opens_its_own_participant(facilitator, assessment):
    data = counts(assessment, Board=2, **{"Front-line_staff": 3})
    response = facilitator.post(links_url(assessment), data)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith('attachment; filename="personal-links-')
    assert response["Cache-Control"] == "no-store"
    rows = read_csv(response)
    assert rows[0] == ["group", "link"]
    assert [row[0] for row in rows[1:]] == ["Board"] * 2 + ["Front-line staff"] * 3
    prefix = "http://testserver/take-part/"
    participants = set()
    for group_name, link in rows[1:]:
        assert link.startswith(prefix) and link.endswith("/")
        participant = Participant.from_token(link[len(prefix) : -1])
        assert participant.group.name == group_name
        assert participant.email == ""
        participants.add(participant.pk)
    assert len(participants) == 5 == Participant.objects.count()


def test_group_names_cannot_become_spreadsheet_formulas(facilitator, assessment):
    ParticipantGroupFactory(assessment=assessment, name='=HYPERLINK("http://evil","x")')
    ParticipantGroupFactory(assessment=assessment, name="+44 team")
    evil = assessment.groups.get(name__startswith="=")
    plus = assessment.groups.get(name__startswith="+")
    data = {f"group_{evil.pk}": "1", f"group_{plus.pk}": "1"}
    rows = read_csv(facilitator.post(links_url(assessment), data))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil","x")', "'+44 team"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Board", "Board"),
        ("a=b", "a=b"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    "values, message",
    [
        ({"Board": "0", "Front-line_staff": ""}, "Enter how many links you need for at least one"),
        ({"Board": "-1"}, "Number of links for Board must be 0 or more"),
        ({"Board": "501"}, "Number of links for Board must be 500 or fewer"),
        ({"Board": "lots"}, "Number of links for Board must be a whole number"),
    ],
)
def test_bad_numbers_make_no_links(facilitator, assessment, values, message):
    response = facilitator.post(links_url(assessment), counts(assessment, **values))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in unescape(response.content.decode())
    assert not Participant.objects.exists()


def test_no_links_once_closed(facilitator, open_assessment):
    open_assessment.transition_to("closed")
    response = facilitator.post(links_url(open_assessment), counts(open_assessment, Board=1))
    assert response.status_code == 302
    assert not Participant.objects.exists()


def test_the_join_page_shows_the_code_the_address_and_the_qr_code(facilitator, open_assessment):
    html = unescape(
        facilitator.get(f"/assessments/{open_assessment.pk}/join-code/").content.decode()
    )
    assert ">ACDE-FGH<" in html  # in blocks of four, as it is read out
    assert "http://testserver/join/ACDEFGH/" in html
    assert f'src="/assessments/{open_assessment.pk}/join-code/qr.svg"' in html
    assert 'alt="QR code that opens http://testserver/join/ACDEFGH/"' in html


def test_the_qr_code_is_an_svg_of_the_join_address(facilitator, open_assessment):
    response = facilitator.get(f"/assessments/{open_assessment.pk}/join-code/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title.text == "QR code for http://testserver/join/ACDEFGH/"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_before_opening_there_is_no_join_code(facilitator, assessment):
    html = facilitator.get(f"/assessments/{assessment.pk}/join-code/").content.decode()
    assert "The join code is made when you open the assessment" in html
    assert facilitator.get(f"/assessments/{assessment.pk}/join-code/qr.svg").status_code == 404


def test_a_second_press_from_the_same_page_makes_no_second_set(facilitator, assessment):
    """The download leaves the page as it was; pressing its button again must not make a
    second set of live links, and the page says so with an empty form."""
    page = facilitator.get(links_url(assessment)).content.decode()
    batch = re.search(r'name="batch" value="([^"]+)"', page).group(1)
    data = {**counts(assessment, Board=2), "batch": batch}
    first = facilitator.post(links_url(assessment), data)
    assert first["Content-Type"] == "text/csv"
    assert Participant.objects.count() == 2
    again = facilitator.post(links_url(assessment), data)
    assert again.status_code == 200
    assert again["Content-Type"].startswith("text/html")
    html = unescape(again.content.decode())
    assert "Those links were made and downloaded already." in html
    assert 'value="2"' not in html  # the numbers are not filled in again
    assert Participant.objects.count() == 2
    # A new page has a new key, so making more on purpose still works.
    fresh = re.search(r'name="batch" value="([^"]+)"', html).group(1)
    assert fresh != batch
    more = facilitator.post(links_url(assessment), {**counts(assessment, Board=1), "batch": fresh})
    assert more["Content-Type"] == "text/csv"
    assert Participant.objects.count() == 3
