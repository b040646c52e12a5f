"""Inviting people: by email from a list, by personal links, and reminding those not finished.

A list is all or nothing. Every row is checked first and every bad row is reported with its
line number and the reason, so the facilitator fixes the file once; nothing is created until
the whole list is good.

Emails go through the mail door's outbox (`selfassess.mail.door`): the people and their
queued emails are saved in one transaction, and the background worker sends them, so a long
list never holds up the page and a mail server's failure is recorded against each person it
affected, with the reason, for the people page and its "Send again" buttons.

Tokens are stored only as a hash, so the original link cannot be put in a reminder; each
email carries a fresh token instead, written when the email is sent. The participant's stored
hash changes only once the mail server has accepted that email (`compose`): a reminder that
fails leaves the link the person already has working. Answers already given are kept, because
they belong to the participant, not to the token.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from selfassess.core import limits, textinput
from selfassess.mail import door
from selfassess.mail.door import Composed, NotWanted
from selfassess.mail.models import OutboundEmail, Purpose
from selfassess.mail.models import Status as MailStatus

from . import emails
from .lifecycle import Status
from .models import Participant
from .services import ActionNotAllowed
from .tokens import hash_token, new_token

MAX_ROWS = limits.INVITATION_LIST_ROWS_MAX
HEADER_WORDS = {"email", "email address", "e-mail"}


@dataclass(frozen=True)
class Invitee:
    line: int
    email: str
    group: object


@dataclass(frozen=True)
class RowProblem:
    line: int
    text: str
    reason: str


def _delimiter(text):
    """Pasted from a spreadsheet, columns come tab-separated; from a CSV file, with commas.
    A tab wins: a name pasted from a mail program ("Surname, Name" <address>) has a comma of
    its own, and a CSV file seldom holds a tab."""
    if "\t" in text:
        return "\t"
    if "," not in text and ";" in text:
        return ";"
    return ","


# An address as mail programs copy it: "Name <address>", or "Surname, Name" <address>.
NAMED_ADDRESS = re.compile(r"<\s*([^<>\s]+)\s*>\s*$")


def address_of(cell):
    """The email address in a cell, whether typed bare or pasted with the person's name."""
    match = NAMED_ADDRESS.search(cell)
    address = match.group(1) if match else cell
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    return address.strip().lower()


def _rows(text):
    return textinput.csv_rows(text, delimiter=_delimiter(text))


def check_rows(assessment, text):
    """Return (invitees, problems); problems is empty only if every row can be invited."""
    groups = {group.name.casefold(): group for group in assessment.groups.all()}
    group_names = ", ".join(group.name for group in groups.values())
    already = {
        email.casefold()
        for email in assessment.participants.exclude(email="").values_list("email", flat=True)
    }
    try:
        rows = list(_rows(text))
    except textinput.Unreadable as unreadable:
        return [], [RowProblem(0, "", str(unreadable))]
    seen, invitees, problems = {}, [], []
    for index, (line, cells) in enumerate(rows):
        if index == 0 and cells[0].casefold() in HEADER_WORDS:
            continue
        shown = ",".join(cells)[:120]

        def problem(reason, line=line, shown=shown):
            problems.append(RowProblem(line, shown, reason))

        if len(cells) == 1:
            problem(
                "No group given: put the group after the email address, like "
                "name@example.nhs.uk,Board"
            )
            continue
        if len(cells) > 2:
            problem("Too many columns: give only an email address and a group")
            continue
        email, group_name = address_of(cells[0]), cells[1]
        try:
            validate_email(email)
        except ValidationError:
            problem(f"“{cells[0][:60]}” is not a valid email address")
            continue
        group = groups.get(group_name.casefold())
        if group is None:
            problem(f"There is no group called “{group_name[:60]}”; use one of: {group_names}")
        elif email.casefold() in seen:
            problem(f"{email} is also on line {seen[email.casefold()]}")
        elif email.casefold() in already:
            problem(f"{email} has already been invited to this assessment")
        else:
            invitees.append(Invitee(line, email, group))
        seen.setdefault(email.casefold(), line)
    if not invitees and not problems:
        problems.append(RowProblem(0, "", "The list has no email addresses in it"))
    if len(invitees) + len(problems) > MAX_ROWS:
        problems = [
            RowProblem(
                0,
                "",
                f"The list has more than {MAX_ROWS} rows; split it into smaller "
                "lists and import them one at a time",
            )
        ]
    return invitees, problems


def _issue(assessment, group, email=""):
    token = new_token()
    participant = Participant(
        assessment=assessment, group=group, email=email, token_hash=hash_token(token)
    )
    return participant, token


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _link(base_url, token):
    try:
        path = reverse("participation:start", kwargs={"token": token})
    except NoReverseMatch:
        path = f"/take-part/{token}/"
    return base_url + path


def invite_by_email(request, assessment, invitees):
    """Create every participant and queue each one's invitation, in one transaction; the
    worker sends them. Returns how many were queued.

    Each participant starts with the hash of a token nobody holds: their working link is
    made when their email is handed to the mail server, so a link exists only in an email
    that was sent."""
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed(
            "Open the assessment before inviting people by email: the invitations are sent "
            "straight away."
        )
    people = [_issue(assessment, invitee.group, invitee.email)[0] for invitee in invitees]
    with transaction.atomic():
        created = Participant.objects.bulk_create(people)
        if any(person.pk is None for person in created):
            created = list(assessment.participants.filter(email__in=[p.email for p in people]))
        return door.queue_for_participants(
            assessment.organisation, created, Purpose.INVITATION, _base_url(request)
        )


def issue_links(assessment, counts):
    """Participants without an email, `counts` {group: n}; returns [(group, token)] in group
    order. The tokens exist only in what this returns."""
    if assessment.status not in (Status.DRAFT, Status.OPEN):
        raise ActionNotAllowed(
            "Personal links can only be made while the assessment is a draft or open."
        )
    issued = [_issue(assessment, group) for group, count in counts.items() for _ in range(count)]
    with transaction.atomic():
        Participant.objects.bulk_create(participant for participant, _token in issued)
    return [(participant.group, token) for participant, token in issued]


def reminder_recipients(assessment):
    return (
        assessment.participants.select_related("group")
        .filter(completed_at__isnull=True, revoked_at__isnull=True)
        .exclude(email="")
    )


def _waiting(assessment):
    """Participants with an email still waiting in the outbox: one more is not queued."""
    return OutboundEmail.objects.filter(
        participant__assessment=assessment, status__in=(MailStatus.QUEUED, MailStatus.SENDING)
    ).values("participant_id")


def send_reminders(request, assessment):
    """Queue a fresh link for everyone with an email who has not finished, is not revoked
    and has no email already waiting: a reminder for those part-way through, the invitation
    again for those yet to start (decided when it is sent, in `compose`)."""
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed("Reminders can only be sent while the assessment is open.")
    with transaction.atomic():
        people = list(
            reminder_recipients(assessment).exclude(pk__in=_waiting(assessment)).order_by("pk")
        )
        return door.queue_for_participants(
            assessment.organisation, people, Purpose.REMINDER, _base_url(request)
        )


def failed_recipients(assessment):
    """People whose latest email failed and who could still answer."""
    latest = (
        OutboundEmail.objects.filter(participant=OuterRef("pk")).order_by("-pk").values("status")
    )
    return (
        reminder_recipients(assessment)
        .annotate(latest_email=Subquery(latest[:1]))
        .filter(latest_email=MailStatus.FAILED)
    )


def resend(request, assessment, participants):
    """Queue the email again for people whose last one failed. Their link still works (a
    failed email changed nothing), so the new one is the invitation again for those who
    never had one sent, and otherwise what a reminder would be."""
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed("Emails can only be sent while the assessment is open.")
    with transaction.atomic():
        people = list(participants.exclude(pk__in=_waiting(assessment)).order_by("pk"))
        never_sent = set(
            Participant.objects.filter(pk__in=[p.pk for p in people])
            .exclude(emails__status=MailStatus.SENT)
            .values_list("pk", flat=True)
        )
        invitations = [p for p in people if p.pk in never_sent]
        reminders = [p for p in people if p.pk not in never_sent]
        base_url = _base_url(request)
        # The second call counts the first's rows, so the allowance holds for both together.
        return door.queue_for_participants(
            assessment.organisation, invitations, Purpose.INVITATION, base_url
        ) + door.queue_for_participants(
            assessment.organisation, reminders, Purpose.REMINDER, base_url
        )


def compose(outbound):
    """Write an invitation or reminder as it is sent (the mail door's composer).

    A new token is made here and stored only by `after_sent`, once the mail server has the
    email: if the send fails, the link the person already has keeps working."""
    participant = (
        Participant.objects.select_related(
            "assessment__organisation", "assessment__framework_version", "group"
        )
        .filter(pk=outbound.participant_id)
        .first()
    )
    if participant is None or not participant.email:
        return NotWanted("the person is no longer on the list")
    if participant.revoked_at is not None:
        return NotWanted("their link was stopped")
    assessment = participant.assessment
    if assessment.status != Status.OPEN:
        return NotWanted("the assessment is no longer open")
    if outbound.purpose == Purpose.REMINDER and participant.completed_at is not None:
        return NotWanted("they have finished")
    token = new_token()
    link = _link(outbound.base_url, token)
    had_email = participant.emails.filter(status=MailStatus.SENT).exists()
    if participant.started_at is None:
        replaces = had_email or outbound.purpose == Purpose.REMINDER
        to, subject, body = emails.invitation(assessment, participant, link, replaces)
    else:
        to, subject, body = emails.reminder(assessment, participant, link)
    reminded = outbound.purpose == Purpose.REMINDER

    def after_sent():
        changes = {"token_hash": hash_token(token)}
        if reminded:
            changes["reminded_at"] = timezone.now()
        Participant.objects.filter(pk=participant.pk).update(**changes)

    return Composed(to, subject, body, after_sent)


def revoke(participant):
    """Stop the participant's link working. Answers already given stay in the results."""
    if participant.revoked_at is None:
        participant.revoked_at = timezone.now()
        participant.save(update_fields=["revoked_at"])
