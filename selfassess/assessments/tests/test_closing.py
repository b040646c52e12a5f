"""Closing dates are kept: answers stop at the end of the day named, in the organisation's
time zone, with no scheduled job (issue 13's review found personal links, answers and join
codes all still working after it).

The moments are written out by hand in UTC: in Europe/London the clocks go forward at 01:00
UTC on the last Sunday of March and back at 01:00 UTC on the last Sunday of October, so the
end of a day is 23:00 UTC in summer time and 00:00 UTC in winter.
"""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from selfassess.assessments import closing
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.workshop.models import LiveSession, SessionState

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def utc(*parts):
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("closes_on", "last_open", "first_closed"),
    [
        # Winter: local midnight is midnight UTC.
        (datetime.date(2027, 1, 15), utc(2027, 1, 15, 23, 59, 59), utc(2027, 1, 16, 0, 0, 0)),
        # The Saturday before the clocks go forward: that midnight is still GMT.
        (datetime.date(2027, 3, 27), utc(2027, 3, 27, 23, 59, 59), utc(2027, 3, 28, 0, 0, 0)),
        # The last Sunday of March (the clocks went forward at 01:00 UTC): the day ends at
        # midnight BST, 23:00 UTC.
        (datetime.date(2027, 3, 28), utc(2027, 3, 28, 22, 59, 59), utc(2027, 3, 28, 23, 0, 0)),
        # Summer.
        (datetime.date(2027, 7, 1), utc(2027, 7, 1, 22, 59, 59), utc(2027, 7, 1, 23, 0, 0)),
        # The Saturday before the clocks go back: midnight is still BST.
        (datetime.date(2027, 10, 30), utc(2027, 10, 30, 22, 59, 59), utc(2027, 10, 30, 23)),
        # The last Sunday of October (the clocks went back): the day, 25 hours long, ends at
        # midnight GMT.
        (datetime.date(2027, 10, 31), utc(2027, 10, 31, 23, 59, 59), utc(2027, 11, 1, 0, 0)),
    ],
)
def test_answers_stop_at_local_midnight_after_the_closing_date(closes_on, last_open, first_closed):
    assessment = AssessmentFactory(status=Status.OPEN, closes_on=closes_on)
    assert closing.closes_at(assessment) == first_closed
    assert closing.takes_answers(assessment, now=last_open)
    assert not closing.takes_answers(assessment, now=first_closed)
    assert closing.is_past_closing_date(assessment, now=first_closed)


def test_the_organisations_time_zone_is_a_setting(settings):
    assessment = AssessmentFactory(status=Status.OPEN, closes_on=datetime.date(2027, 7, 1))
    settings.SELFASSESS_ORGANISATION_TIME_ZONE = "UTC"
    assert closing.closes_at(assessment) == utc(2027, 7, 2, 0, 0)


def test_no_closing_date_and_status_still_decide():
    assessment = AssessmentFactory(status=Status.OPEN, closes_on=None)
    assert closing.takes_answers(assessment, now=utc(2099, 1, 1))
    assessment.status = Status.CLOSED
    assert not closing.takes_answers(assessment, now=utc(2000, 1, 1))


# -- every door refuses after the date ----------------------------------------------------

CLOSES_ON = datetime.date(2027, 3, 28)  # the last Sunday of March
LAST_OPEN = utc(2027, 3, 28, 22, 59, 59)  # 23:59:59 BST
FIRST_CLOSED = utc(2027, 3, 28, 23, 0, 0)  # 00:00:00 BST the next day


@pytest.fixture
def world(monkeypatch):
    assessment = AssessmentFactory(
        status=Status.OPEN, closes_on=CLOSES_ON, join_code="CLOSEATMIDNT"
    )
    group = ParticipantGroupFactory(assessment=assessment, name="Board")
    participant, token = Participant.invite(assessment, group, "someone@example.nhs.uk")
    clock = {"now": LAST_OPEN}
    monkeypatch.setattr(closing, "_now", lambda: clock["now"])
    return assessment, group, participant, token, clock


def _answers(participant):
    return {
        "participant": participant.pk,
        "action": "continue",
        "answer-a-1": "2",
        "answer-a-2": "3",
        "answer-a-3": "dont_know",
    }


def test_a_personal_link_works_until_2359_and_not_at_midnight(world):
    _assessment, _group, _participant, token, clock = world
    assert Client().get(reverse("participation:start", args=[token])).status_code == 302
    clock["now"] = FIRST_CLOSED
    response = Client().get(reverse("participation:start", args=[token]))
    assert response.status_code == 410
    assert "This assessment closed on 28 March 2027" in response.content.decode()


def test_answers_save_until_2359_and_not_at_midnight(world):
    _assessment, _group, participant, token, clock = world
    browser = Client()
    browser.get(reverse("participation:start", args=[token]))
    page = reverse("participation:component", args=[1])
    assert browser.post(page, _answers(participant)).status_code == 302
    assert Response.objects.filter(participant=participant).count() == 3
    Response.objects.all().delete()
    clock["now"] = FIRST_CLOSED
    response = browser.post(page, _answers(participant))
    assert response.status_code == 410
    assert "This assessment closed on 28 March 2027" in response.content.decode()
    assert not Response.objects.exists()
    # Submitting is refused too.
    assert browser.post(reverse("participation:check")).status_code == 410


def test_the_join_code_works_until_2359_and_not_at_midnight(world):
    _assessment, group, _participant, _token, clock = world
    browser = Client()
    page = browser.get("/join/CLOSEATMIDNT/")
    assert page.status_code == 200
    key = re.search(r'name="form_key" value="([^"]+)"', page.content.decode()).group(1)
    clock["now"] = FIRST_CLOSED
    # The group page opened at 23:59 does not let anyone in at midnight.
    response = browser.post("/join/CLOSEATMIDNT/", {"group": group.pk, "form_key": key})
    assert response.status_code == 400
    assert Participant.objects.filter(joined_by_code=True).count() == 0
    assert Client().post("/join/", {"code": "CLOSEATMIDNT"}).status_code == 400


def test_a_workshop_phone_cannot_reach_the_survey_after_the_date(world):
    """Joining the workshop puts the phone in the participant's session; the survey pages
    still refuse it once the closing date has ended (the workshop itself goes on)."""
    assessment, group, _participant, _token, clock = world
    LiveSession.objects.create(
        assessment=assessment, state=SessionState.LIVE, current_statement_id="a-1"
    )
    clock["now"] = FIRST_CLOSED
    phone = Client()
    page = phone.get("/workshop/CLOSEATMIDNT/")
    assert page.status_code == 200
    key = re.search(r'name="form_key" value="([^"]+)"', page.content.decode()).group(1)
    assert (
        phone.post("/workshop/CLOSEATMIDNT/", {"group": group.pk, "form_key": key})["Location"]
        == "/workshop/vote/"
    )
    assert phone.get(reverse("participation:intro")).status_code == 410
    assert phone.get("/workshop/vote/").status_code == 200


def test_the_hub_shows_an_assessment_past_its_closing_date(world, client, member_of):
    from selfassess.organisations.models import Role

    assessment, *_rest, clock = world
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    assert (
        "past its closing date" not in client.get(f"/assessments/{assessment.pk}/").content.decode()
    )
    clock["now"] = FIRST_CLOSED
    html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Open, past its closing date" in html
    assert "28 March 2027" in html
