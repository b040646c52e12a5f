"""Invitations and reminders through the outbox, sent by the real database worker to a real
SMTP server on loopback: one that refuses some addresses, and one that drops the connection
part-way. Everyone else is reached, each failure is shown with its reason, "Send again"
works, and a reminder that fails leaves the person's old link working."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command

from selfassess.assessments.models import Participant
from selfassess.assessments.tests.conftest import group
from selfassess.core import limits
from selfassess.mail.models import OutboundEmail, Status
from selfassess.mail.testing import Handler, run_worker, smtp_server

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/take-part/([A-Za-z0-9_-]{43})/")
PEOPLE = [f"person.{n}@example.nhs.uk" for n in range(1, 7)]
REFUSED = {"person.2@example.nhs.uk", "person.5@example.nhs.uk"}


def invite(client, assessment, emails):
    rows = "\n".join(f"{email},Board" for email in emails)
    return client.post(f"/assessments/{assessment.pk}/invite/", {"rows": rows})


def people_page(client, assessment):
    return unescape(client.get(f"/assessments/{assessment.pk}/people/").content.decode())


def row_of(page, email):
    return page.split(email)[1].split("</tr>")[0]


def token_in(received):
    return LINK.search(received.body).group(1)


def test_refused_addresses_fail_with_the_reason_and_everyone_else_is_sent(
    facilitator, open_assessment
):
    with smtp_server(Handler(refuse=REFUSED)) as server:
        response = invite(facilitator, open_assessment, PEOPLE)
        assert response.status_code == 302
        # Nothing is sent inside the request: it waits in the outbox for the worker.
        assert server.received == []
        assert OutboundEmail.objects.filter(status=Status.QUEUED).count() == 6
        run_worker()
    reached = {received.to: received for received in server.received}
    assert set(reached) == set(PEOPLE) - REFUSED
    for email, received in reached.items():
        assert Participant.from_token(token_in(received)).email == email
    page = people_page(facilitator, open_assessment)
    for email in PEOPLE:
        row = row_of(page, email)
        if email in REFUSED:
            assert "Failed" in row
            assert "the mail server refused the address (550 5.1.1 Mailbox unavailable)" in row
            assert "Send again" in row
        else:
            assert "Sent" in row
            assert "Send again" not in row
    assert "Send all failed emails again (2)" in page

    # Once the addresses work, "Send all failed emails again" reaches them.
    with smtp_server() as fixed:
        response = facilitator.post(f"/assessments/{open_assessment.pk}/people/send-again/")
        assert response.status_code == 302
        run_worker()
    assert sorted(received.to for received in fixed.received) == sorted(REFUSED)
    for received in fixed.received:
        assert Participant.from_token(token_in(received)).email == received.to
        # They never had a link, so it is the invitation, not a reminder.
        assert received.subject.startswith("Take part in")
    page = people_page(facilitator, open_assessment)
    assert "Failed" not in page
    assert "Send all failed emails again" not in page


def test_a_dropped_connection_is_tried_again_and_nobody_is_sent_twice(facilitator, open_assessment):
    with smtp_server(Handler(drop_after=2)) as server:
        invite(facilitator, open_assessment, PEOPLE)
        run_worker()
    assert sorted(received.to for received in server.received) == sorted(PEOPLE)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {Status.SENT}
    assert OutboundEmail.objects.filter(attempts__gt=1).exists()
    for received in server.received:
        assert Participant.from_token(token_in(received)).email == received.to


def test_a_failed_reminder_leaves_the_old_link_working(facilitator, open_assessment):
    board = group(open_assessment, "Board")
    old = {}
    for email in ("kept@example.nhs.uk", "bounced@example.nhs.uk"):
        participant, token = Participant.invite(open_assessment, board, email)
        old[email] = (participant, token)
    with smtp_server(Handler(refuse={"bounced@example.nhs.uk"})) as server:
        facilitator.post(f"/assessments/{open_assessment.pk}/remind/")
        run_worker()
    (sent,) = server.received
    assert sent.to == "kept@example.nhs.uk"
    kept, kept_old = old["kept@example.nhs.uk"]
    assert Participant.from_token(token_in(sent)) == kept
    assert Participant.from_token(kept_old) is None  # the reminder replaced it
    bounced, bounced_old = old["bounced@example.nhs.uk"]
    assert Participant.from_token(bounced_old) == bounced  # the failed one did not
    assert Participant.objects.get(pk=bounced.pk).reminded_at is None
    row = row_of(people_page(facilitator, open_assessment), "bounced@example.nhs.uk")
    assert "Failed" in row and "refused the address" in row

    with smtp_server() as fixed:
        url = f"/assessments/{open_assessment.pk}/people/{bounced.pk}/send-again/"
        assert facilitator.post(url).status_code == 302
        run_worker()
    (again,) = fixed.received
    assert Participant.from_token(token_in(again)) == bounced
    assert Participant.from_token(bounced_old) is None


def test_a_line_break_in_the_organisation_name_never_reaches_a_header(facilitator, open_assessment):
    organisation = open_assessment.organisation
    type(organisation).objects.filter(pk=organisation.pk).update(
        name="Riverside Trust\r\nBcc: someone@example.com\r\n"
    )
    with smtp_server() as server:
        response = invite(facilitator, open_assessment, ["one@example.nhs.uk"])
        assert response.status_code == 302
        run_worker()
        facilitator.post(f"/assessments/{open_assessment.pk}/remind/")
        run_worker()
    assert [received.to for received in server.received] == ["one@example.nhs.uk"] * 2
    for received in server.received:
        assert "\n" not in received.subject and "\r" not in received.subject
        assert "Riverside Trust Bcc: someone@example.com" in received.subject
        assert "Riverside Trust\r" not in received.body
        assert "Riverside Trust\n" not in received.body


def test_invitations_stop_at_the_hourly_allowance_and_say_when_more_can_go(
    facilitator, open_assessment, monkeypatch
):
    monkeypatch.setattr(limits, "PARTICIPANT_EMAILS_PER_HOUR", 4)
    invite(facilitator, open_assessment, PEOPLE[:3])
    response = invite(facilitator, open_assessment, PEOPLE[3:])
    page = unescape(facilitator.get(response["Location"]).content.decode())
    assert "up to 4 emails to participants an hour" in page
    assert "3 have been sent or queued in the last hour, so 1 more can go now" in page
    assert re.search(r"you can send these from \d\d:\d\d", page)
    # Nothing of the refused list was created or queued.
    assert Participant.objects.count() == 3
    assert OutboundEmail.objects.count() == 3


def test_reminders_count_against_the_daily_allowance(facilitator, open_assessment, monkeypatch):
    monkeypatch.setattr(limits, "PARTICIPANT_EMAILS_PER_DAY", 4)
    invite(facilitator, open_assessment, PEOPLE[:3])
    run_worker()
    response = facilitator.post(f"/assessments/{open_assessment.pk}/remind/")
    page = unescape(facilitator.get(response["Location"]).content.decode())
    assert "and 4 a day" in page
    assert "3 have been sent or queued in the last 24 hours, so 1 more can go now" in page
    assert OutboundEmail.objects.count() == 3


def test_an_organisation_awaiting_approval_cannot_send_until_approved(facilitator, open_assessment):
    organisation = open_assessment.organisation
    type(organisation).objects.filter(pk=organisation.pk).update(awaiting_approval=True)
    page = unescape(facilitator.get(f"/assessments/{open_assessment.pk}/invite/").content.decode())
    assert "has not yet approved this organisation to send email" in page
    response = invite(facilitator, open_assessment, PEOPLE[:2])
    assert "has not yet approved" in unescape(
        facilitator.get(response["Location"]).content.decode()
    )
    assert not Participant.objects.exists()
    assert not OutboundEmail.objects.exists()

    call_command("approve_organisation", str(organisation.pk), stdout=io.StringIO())
    with smtp_server() as server:
        invite(facilitator, open_assessment, PEOPLE[:2])
        run_worker()
    assert sorted(received.to for received in server.received) == PEOPLE[:2]
