"""The one module that sends email.

Everything the service emails leaves through here:

- `send_now` for a sign-in link someone is waiting for on the page (it raises if the mail
  server refuses, so the page can say so);
- `send_mail_to` for a message to a few addresses that can wait for the background worker
  (notices to an organisation's admins);
- `queue_for_participants` for invitations and reminders, written to the outbox in the
  caller's transaction and sent by the worker, within the organisation's hourly and daily
  allowance and only once the operator lets the organisation send.

Every subject is one plain line: a carriage return or line feed in an organisation's name
would otherwise reach a header (and make Django refuse the whole email). `plain_line` is the
same rule for any name put into a body.

The worker (`selfassess.mail.tasks.deliver`, run by `selfassess db_worker`) sends a batch of
outbox rows over one connection, records each outcome, and tries again with growing delays
when the failure is the server's passing trouble rather than a refusal of the address.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from selfassess.core import limits

from .models import Composer, OutboundEmail, Purpose, Status

logger = logging.getLogger(__name__)

#: Outbox rows one worker task sends over one connection.
BATCH_SIZE = 100
#: Who writes each kind of email when it is sent.
COMPOSERS = {Composer.PARTICIPANT: "selfassess.assessments.invitations.compose"}
SUBJECT_CHARS_MAX = 200


class MailRefused(Exception):
    """The organisation may not send this now; the message says why and what to do."""


def plain_line(text, limit: int | None = None) -> str:
    """`text` as one line of plain text: line breaks, tabs and other control characters
    become spaces, runs of spaces one space."""
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in str(text)
    )
    line = " ".join(cleaned.split())
    return line[:limit] if limit else line


def _message(to: str, subject: str, body: str) -> EmailMessage:
    address = plain_line(to)
    validate_email(address)
    return EmailMessage(
        subject=plain_line(subject, SUBJECT_CHARS_MAX),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )


def send_now(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text email at once. Raises smtplib or OSError errors as Django does, and
    ValidationError for an address that cannot be used."""
    _message(to, subject, body).send()


def send_mail_to(addresses: Iterable[str], subject: str, body: str) -> int:
    """Queue one plain-text email to each address, for the worker to send; returns how many.
    Safe to call inside a transaction: nothing is queued if it rolls back."""
    rows = []
    for address in dict.fromkeys(plain_line(a).lower() for a in addresses if a):
        validate_email(address)
        rows.append(
            OutboundEmail(
                to=address,
                subject=plain_line(subject, SUBJECT_CHARS_MAX),
                body=body,
                purpose=Purpose.MESSAGE,
            )
        )
    _queue(rows)
    return len(rows)


# -- invitations and reminders ------------------------------------------------------------------


def _window_use(organisation, since):
    return OutboundEmail.objects.filter(
        organisation=organisation, participant__isnull=False, created_at__gte=since
    )


def _when_room(organisation, now, window, allowed, wanted):
    """The time from which `wanted` more fit into the `allowed` for the `window`."""
    times = list(
        _window_use(organisation, now - window)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    excess = len(times) + wanted - allowed
    if excess <= 0:
        return None
    if excess > len(times):
        return now + window
    return times[excess - 1] + window


def _check_allowance(organisation, wanted: int, now):
    hour = datetime.timedelta(hours=1)
    day = datetime.timedelta(days=1)
    checks = [
        (hour, limits.PARTICIPANT_EMAILS_PER_HOUR, "an hour", "hour"),
        (day, limits.PARTICIPANT_EMAILS_PER_DAY, "a day", "24 hours"),
    ]
    for window, allowed, words, period in checks:
        used = _window_use(organisation, now - window).count()
        if used + wanted <= allowed:
            continue
        room = max(allowed - used, 0)
        when = _when_room(organisation, now, window, allowed, wanted)
        local = timezone.localtime(when)
        at = local.strftime("%H:%M") if when - now < day else local.strftime("%-d %B at %H:%M")
        if wanted > allowed:
            raise MailRefused(
                f"An organisation can send at most {allowed:,} emails to participants "
                f"{words}. Send these {wanted:,} in smaller lists."
            )
        raise MailRefused(
            f"An organisation can send up to {limits.PARTICIPANT_EMAILS_PER_HOUR:,} emails to "
            f"participants an hour and {limits.PARTICIPANT_EMAILS_PER_DAY:,} a day. "
            f"{used:,} have been sent or queued in the last {period}, so {room:,} more can "
            f"go now and these are {wanted:,}. Nothing has been sent: you can send these "
            f"from {at}."
        )


def may_send(organisation) -> bool:
    """Whether the operator lets this organisation email people."""
    return not organisation.awaiting_approval


AWAITING_APPROVAL = (
    "The service's operator has not yet approved this organisation to send email, so "
    "invitations and reminders cannot be sent. Ask the operator to approve it. Until then you "
    "can download personal links and share them yourself."
)


def queue_for_participants(organisation, participants, purpose, base_url) -> int:
    """Queue an invitation or reminder to each participant, written when it is sent.

    Call inside the transaction that creates or picks the participants. Raises MailRefused,
    before anything is queued, if the organisation is awaiting approval or the emails would
    take it past its hourly or daily allowance."""
    participants = list(participants)
    if not participants:
        return 0
    with transaction.atomic():
        # One organisation's lists are counted one at a time, so two at once cannot both
        # fit into the same allowance.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        organisation.refresh_from_db(fields=["awaiting_approval"])
        if not may_send(organisation):
            raise MailRefused(AWAITING_APPROVAL)
        now = timezone.now()
        _check_allowance(organisation, len(participants), now)
        _queue(
            [
                OutboundEmail(
                    organisation=organisation,
                    participant=participant,
                    composer=Composer.PARTICIPANT,
                    purpose=purpose,
                    base_url=base_url[:200],
                    created_at=now,
                )
                for participant in participants
            ]
        )
    return len(participants)


def _queue(rows):
    if not rows:
        return
    from .tasks import deliver

    with transaction.atomic():
        created = OutboundEmail.objects.bulk_create(rows)
        ids = [row.pk for row in created]
        if any(pk is None for pk in ids):  # a database that does not return keys
            ids = list(
                OutboundEmail.objects.filter(status=Status.QUEUED)
                .order_by("-pk")
                .values_list("pk", flat=True)[: len(rows)]
            )[::-1]
        for start in range(0, len(ids), BATCH_SIZE):
            deliver.enqueue(ids[start : start + BATCH_SIZE])


# -- the worker's side --------------------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    """An email written at send time. `after_sent` runs once the mail server has accepted
    it (a participant's new token is stored then, and not before)."""

    to: str
    subject: str
    body: str
    after_sent: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class NotWanted:
    """The email is no longer to be sent (the link was stopped, the person finished)."""

    reason: str


def _compose(row):
    if not row.composer:
        return Composed(row.to, row.subject, row.body)
    return import_string(COMPOSERS[row.composer])(row)


def _short(text) -> str:
    return plain_line(text, limits.MAIL_FAILURE_CHARS_MAX)


def _server_words(code, message) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {message}".strip()


def classify(error) -> tuple[bool, str]:
    """(permanent, reason) for a failed send. Permanent means trying again will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()), (0, b""))
        words = _server_words(code, message)
        if code >= 500:
            return True, f"the mail server refused the address ({words})"
        return False, f"the mail server could not take it yet ({words})"
    if isinstance(error, smtplib.SMTPResponseException) and not isinstance(
        error, smtplib.SMTPSenderRefused | smtplib.SMTPAuthenticationError
    ):
        words = _server_words(error.smtp_code, error.smtp_error)
        if error.smtp_code >= 500:
            return True, f"the mail server refused the email ({words})"
        return False, f"the mail server could not take it yet ({words})"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return False, "the mail server refused the service's own address; check its settings"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False, "the service could not sign in to the mail server; check its settings"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return False, "the mail server closed the connection before taking the email"
    if isinstance(error, smtplib.SMTPException | OSError):
        return False, f"the mail server could not be reached ({type(error).__name__})"
    return True, "the email could not be written"


def _retry_delays():
    return list(getattr(settings, "SELFASSESS_MAIL_RETRY_DELAYS", [60, 300, 1800, 7200]))


class _Sender:
    """One connection for a batch, opened again after the server drops it."""

    def __init__(self):
        self.connection = get_connection()
        self.is_open = False

    def send(self, message):
        if not self.is_open:
            self.connection.open()
            self.is_open = True
        try:
            self.connection.send_messages([message])
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError):
            self.close()
            raise

    def close(self):
        if self.is_open:
            self.is_open = False
            try:
                self.connection.close()
            except Exception:  # a connection that is already gone
                logger.debug("Closing the mail connection failed", exc_info=True)


def deliver(ids: list[int]) -> dict:
    """Send the queued rows among `ids`; returns counts by outcome (for the task's record)."""
    outcomes = {"sent": 0, "failed": 0, "retry": 0, "skipped": 0}
    again, latest = [], None
    sender = _Sender()
    try:
        for pk in ids:
            outcome, when = _deliver_one(sender, pk)
            outcomes[outcome] += 1
            if when is not None:
                again.append(pk)
                latest = max(latest or when, when)
    finally:
        sender.close()
    if again:
        # One task for the batch's retries, when the last of them is due.
        from .tasks import deliver as deliver_task

        deliver_task.using(run_after=latest).enqueue(again)
    return outcomes


def _finish(pk, **fields):
    OutboundEmail.objects.filter(pk=pk).update(**fields)


def _deliver_one(sender, pk):
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.SENDING, claimed_at=now
    )
    if not claimed:
        return "skipped", None
    row = OutboundEmail.objects.select_related("participant").get(pk=pk)
    attempts = row.attempts + 1
    try:
        composed = _compose(row)
        if isinstance(composed, NotWanted):
            _finish(pk, status=Status.CANCELLED, failure=_short(composed.reason))
            return "skipped", None
        message = _message(composed.to, composed.subject, composed.body)
    except (ValidationError, ValueError, LookupError) as error:
        logger.warning("Outbox email %s could not be written: %s", pk, error)
        _finish(
            pk, status=Status.FAILED, attempts=attempts, failure="the email could not be written"
        )
        return "failed", None
    try:
        sender.send(message)
    except Exception as error:  # every failure is recorded, none stops the batch
        permanent, reason = classify(error)
        reason = reason.replace(message.to[0], "the address")
        delays = _retry_delays()
        if permanent or attempts > len(delays):
            logger.warning("Outbox email %s failed: %s", pk, reason)
            _finish(pk, status=Status.FAILED, attempts=attempts, failure=_short(reason))
            return "failed", None
        when = timezone.now() + datetime.timedelta(seconds=delays[attempts - 1])
        _finish(
            pk,
            status=Status.QUEUED,
            attempts=attempts,
            next_attempt_at=when,
            failure=_short(reason),
        )
        return "retry", when
    with transaction.atomic():
        composed.after_sent()
        _finish(pk, status=Status.SENT, attempts=attempts, sent_at=timezone.now(), failure="")
    return "sent", None
