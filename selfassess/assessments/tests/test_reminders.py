"""Reminders reach only people with an email who have not finished and whose link was not
stopped; each gets a fresh link. Stopping a link makes it open nothing."""

import re
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone

from selfassess.assessments.models import Participant
from selfassess.assessments.tests.conftest import group
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantFactory
from selfassess.mail.testing import run_worker

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/take-part/([A-Za-z0-9_-]{43})/")


@pytest.fixture
def invited(open_assessment):
    """Five people by email in different states, plus one link-only participant."""
    board = group(open_assessment, "Board")
    now = timezone.now()
    people = {}
    for email, started, completed, revoked in [
        ("not.started@example.nhs.uk", None, None, None),
        ("half.way@example.nhs.uk", now, None, None),
        ("finished@example.nhs.uk", now, now, None),
        ("stopped@example.nhs.uk", None, None, now),
        ("", None, None, None),
    ]:
        participant, token = Participant.invite(open_assessment, board, email)
        Participant.objects.filter(pk=participant.pk).update(
            started_at=started, completed_at=completed, revoked_at=revoked
        )
        people[email] = (participant, token)
    return people


def remind(client, assessment):
    """Ask for reminders, then let the worker send what was queued."""
    response = client.post(f"/assessments/{assessment.pk}/remind/")
    run_worker()
    return response


def test_reminders_go_only_to_people_who_still_need_one(facilitator, open_assessment, invited):
    response = remind(facilitator, open_assessment)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "half.way@example.nhs.uk",
        "not.started@example.nhs.uk",
    ]
    page = unescape(facilitator.get(response["Location"]).content.decode())
    assert "2 reminders queued" in page

    reminded = set(
        Participant.objects.filter(reminded_at__isnull=False).values_list("email", flat=True)
    )
    assert reminded == {"half.way@example.nhs.uk", "not.started@example.nhs.uk"}


def test_a_reminder_carries_a_new_link_and_the_old_one_stops(facilitator, open_assessment, invited):
    remind(facilitator, open_assessment)
    for message in mail.outbox:
        participant, old_token = invited[message.to[0]]
        new_token = LINK.search(message.body).group(1)
        assert new_token != old_token
        assert Participant.from_token(new_token) == participant
        assert Participant.from_token(old_token) is None
        assert "no longer works" in message.body
    # Everyone else's link is untouched.
    for email in ("finished@example.nhs.uk", ""):
        participant, token = invited[email]
        assert Participant.from_token(token) == participant


def test_with_nobody_to_remind_nothing_is_sent(facilitator, open_assessment):
    response = remind(facilitator, open_assessment)
    assert mail.outbox == []
    assert "no reminders sent" in unescape(facilitator.get(response["Location"]).content.decode())


def test_reminders_only_while_open(facilitator, open_assessment, invited):
    open_assessment.transition_to("closed")
    response = remind(facilitator, open_assessment)
    assert mail.outbox == []
    assert not Participant.objects.filter(reminded_at__isnull=False).exists()
    assert "only be sent while the assessment is open" in unescape(
        facilitator.get(response["Location"]).content.decode()
    )


def test_the_people_page_shows_progress_never_answers(facilitator, open_assessment, invited):
    html = unescape(facilitator.get(f"/assessments/{open_assessment.pk}/people/").content.decode())
    for email, status in [
        ("not.started@example.nhs.uk", "Not started"),
        ("half.way@example.nhs.uk", "Started"),
        ("finished@example.nhs.uk", "Finished"),
        ("stopped@example.nhs.uk", "Link stopped"),
    ]:
        row = html.split(email)[1].split("</tr>")[0]
        assert status in row, email
    assert html.count("<tr class") == 5  # header and the four people with an email
    assert "level" not in html.lower().split("<main")[1]


def test_stopping_a_link(facilitator, open_assessment, invited):
    participant, token = invited["not.started@example.nhs.uk"]
    url = f"/assessments/{open_assessment.pk}/people/{participant.pk}/revoke/"
    response = facilitator.post(url)
    assert response["Location"] == f"/assessments/{open_assessment.pk}/people/"
    assert Participant.from_token(token) is None
    stopped_at = Participant.objects.get(pk=participant.pk).revoked_at
    assert stopped_at is not None
    facilitator.post(url)  # stopping again changes nothing
    assert Participant.objects.get(pk=participant.pk).revoked_at == stopped_at
    # Other people's links still work.
    other, other_token = invited["half.way@example.nhs.uk"]
    assert Participant.from_token(other_token) == other


def test_a_participant_of_another_assessment_cannot_be_stopped_from_here(
    facilitator, open_assessment
):
    elsewhere = ParticipantFactory(assessment=AssessmentFactory(), email="x@example.nhs.uk")
    url = f"/assessments/{open_assessment.pk}/people/{elsewhere.pk}/revoke/"
    assert facilitator.post(url).status_code == 404
    assert Participant.objects.get(pk=elsewhere.pk).revoked_at is None


def test_people_yet_to_start_get_the_invitation_again_and_others_a_reminder(
    facilitator, open_assessment, invited
):
    remind(facilitator, open_assessment)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["not.started@example.nhs.uk"].startswith("Take part in")
    assert subjects["half.way@example.nhs.uk"].startswith("Reminder:")
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "you have not finished" not in bodies["not.started@example.nhs.uk"]
    assert "you have not finished" in bodies["half.way@example.nhs.uk"]
