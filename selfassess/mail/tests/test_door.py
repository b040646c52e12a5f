"""The mail door's own rules: one-line subjects, queued plain messages, and which failures
are worth trying again."""

import smtplib

import pytest
from django.core.exceptions import ValidationError

from selfassess.mail import door
from selfassess.mail.models import OutboundEmail, Status
from selfassess.mail.testing import Handler, run_worker, smtp_server

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Riverside\r\nBcc: x@example.com", "Riverside Bcc: x@example.com"),
        ("  two\t\tspaces \u2028here\x00 ", "two spaces here"),
        ("plain", "plain"),
    ],
)
def test_plain_line(text, line):
    assert door.plain_line(text) == line


def test_send_now_makes_the_subject_one_line(mailoutbox):
    door.send_now(to="a@example.com", subject="Sign in\r\nBcc: b@example.com", body="Hello")
    (message,) = mailoutbox
    assert message.subject == "Sign in Bcc: b@example.com"
    assert message.to == ["a@example.com"]


def test_send_now_refuses_an_address_with_a_header_in_it(mailoutbox):
    with pytest.raises(ValidationError):
        door.send_now(to="a@example.com\nBcc: b@example.com", subject="x", body="y")
    assert mailoutbox == []


def test_send_mail_to_queues_for_the_worker():
    with smtp_server(Handler(refuse={"gone@example.com"})) as server:
        assert door.send_mail_to(["one@example.com", "gone@example.com"], "Notice", "Text") == 2
        assert server.received == []
        run_worker()
    assert [(r.to, r.subject, r.body.strip()) for r in server.received] == [
        ("one@example.com", "Notice", "Text")
    ]
    statuses = dict(OutboundEmail.objects.values_list("to", "status"))
    assert statuses == {"one@example.com": Status.SENT, "gone@example.com": Status.FAILED}


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@x": (550, b"no such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@x": (451, b"try later")}), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPDataError(421, b"busy"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError(), False),
        (smtplib.SMTPAuthenticationError(535, b"bad"), False),
    ],
)
def test_which_failures_are_tried_again(error, permanent):
    assert door.classify(error)[0] is permanent
