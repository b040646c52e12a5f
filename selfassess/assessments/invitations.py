"""Inviting people: by email from a list, by personal links, and reminding those not finished.

A list is all or nothing. Every row is checked first and every bad row is reported with its
line number and the reason, so the facilitator fixes the file once; nothing is created until
the whole list is good.

Reminders issue a fresh token. Tokens are stored only as a hash, so the original link cannot
be put in a reminder; a reminder without a link would leave stuck anyone who has lost the
first email, which is exactly who reminders are for. The cost is that the old link stops
working (the email and the page say so); answers already given are kept, because they belong
to the participant, not to the token.

Database changes are committed before emails are sent. If the mail server then fails, the
people exist without having had their email, and "Send reminders" sends each of them a
working link once email works again.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from selfassess.core import textinput

from . import emails
from .lifecycle import Status
from .links import personal_link
from .models import Participant
from .services import ActionNotAllowed
from .tokens import hash_token, new_token

MAX_ROWS = 2000
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


def _send(messages):
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def invite_by_email(request, assessment, invitees):
    """Create every participant in one transaction, then email each their personal link."""
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed(
            "Open the assessment before inviting people by email: the invitations are sent "
            "straight away."
        )
    issued = [_issue(assessment, invitee.group, invitee.email) for invitee in invitees]
    with transaction.atomic():
        Participant.objects.bulk_create(participant for participant, _token in issued)
    return _send(
        [
            emails.invitation(assessment, participant, personal_link(request, token))
            for participant, token in issued
        ]
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


def send_reminders(request, assessment):
    """A fresh link for everyone with an email who has not finished and is not revoked: a
    reminder for those part-way through, the invitation again for those yet to start."""
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed("Reminders can only be sent while the assessment is open.")
    now = timezone.now()
    with transaction.atomic():
        people = list(reminder_recipients(assessment).select_for_update())
        tokens = {}
        for participant in people:
            tokens[participant.pk] = new_token()
            participant.token_hash = hash_token(tokens[participant.pk])
            participant.reminded_at = now
        Participant.objects.bulk_update(people, ["token_hash", "reminded_at"])
    return _send([_nudge(request, assessment, person, tokens[person.pk]) for person in people])


def _nudge(request, assessment, participant, token):
    """Someone part-way through is reminded to finish; someone who has not started (or was
    carried over from the last cycle and never emailed) gets the invitation again."""
    link = personal_link(request, token)
    if participant.started_at is None:
        return emails.invitation(assessment, participant, link, replaces_earlier=True)
    return emails.reminder(assessment, participant, link)


def revoke(participant):
    """Stop the participant's link working. Answers already given stay in the results."""
    if participant.revoked_at is None:
        participant.revoked_at = timezone.now()
        participant.save(update_fields=["revoked_at"])
