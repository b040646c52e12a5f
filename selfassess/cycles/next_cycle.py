"""Starting the next cycle from the last one.

The next cycle is a new assessment of the same organisation on the latest loaded version of
the same framework, with the same groups and settings and the same list of people invited by
email, linked to the last one through ``Assessment.previous``. Nobody's answers are copied:
the next cycle asks everyone afresh, so the comparison shows change rather than inertia.

Copied people get new tokens (their old links belong to the old cycle). Only people invited
by email are copied: a personal link handed out without an email, or a join by code, has no
one behind it to invite again. They are not emailed at this point; the new cycle is a draft,
and once it is opened "Send reminders" emails each of them the invitation with a working
link (people yet to start get the invitation again, not a reminder).
"""

import re

from django.db import transaction

from selfassess.assessments import services
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, Participant
from selfassess.assessments.tokens import hash_token, new_token
from selfassess.frameworks.models import FrameworkVersion

STARTS_FROM = (Status.CLOSED, Status.COMPLETE)


def latest_version(framework_id):
    return (
        FrameworkVersion.objects.filter(framework_id=framework_id)
        .order_by("-loaded_at", "-pk")
        .first()
    )


def refusal(assessment):
    """Why the next cycle cannot start from ``assessment`` now, or None when it can."""
    if assessment.status not in STARTS_FROM:
        return (
            "The next cycle can only start from a cycle that is closed or complete, so that "
            "nobody is still answering the last one."
        )
    if assessment.next_cycles.exists():
        return "The next cycle has already been started from this one."
    return None


def suggested_label(label):
    """The label after ``label``: 2025/26 becomes 2026/27, 2025 becomes 2026; else blank."""
    span = re.fullmatch(r"(\d{4})/(\d{2})", label.strip())
    if span:
        start = int(span.group(1)) + 1
        return f"{start}/{str(start + 1)[-2:]}"
    if re.fullmatch(r"\d{4}", label.strip()):
        return str(int(label) + 1)
    return ""


def people_to_copy(assessment):
    """People invited by email whose link was not stopped, one per email address."""
    people, seen = [], set()
    for person in (
        assessment.participants.exclude(email="")
        .filter(revoked_at__isnull=True)
        .select_related("group")
        .order_by("pk")
    ):
        if person.email.casefold() not in seen:
            seen.add(person.email.casefold())
            people.append(person)
    return people


class CannotStart(Exception):
    """The next cycle cannot start; the message says why, for the page."""


@transaction.atomic
def start_next_cycle(previous, user, cleaned):
    """Create the next cycle as a draft; returns (assessment, number of people copied).

    The previous assessment's row is locked first, so two facilitators pressing the button at
    once make one next cycle, not two.
    """
    previous = Assessment.objects.select_for_update().get(pk=previous.pk)
    reason = refusal(previous)
    if reason:
        raise CannotStart(reason)
    groups = list(previous.groups.all())
    assessment = services.create_assessment(
        previous.organisation,
        user,
        {
            "framework_version": latest_version(previous.framework_version.framework_id),
            "cycle_label": cleaned["cycle_label"],
            "anonymity_threshold": cleaned["anonymity_threshold"],
            "closes_on": cleaned["closes_on"],
            "introduction": cleaned["introduction"],
            "group_names": [group.name for group in groups],
        },
    )
    assessment.previous = previous
    assessment.save(update_fields=["previous"])
    new_groups = {group.name: group for group in assessment.groups.all()}
    copies = [
        Participant(
            assessment=assessment,
            group=new_groups[person.group.name],
            email=person.email,
            token_hash=hash_token(new_token()),
        )
        for person in people_to_copy(previous)
    ]
    Participant.objects.bulk_create(copies)
    return assessment, len(copies)
