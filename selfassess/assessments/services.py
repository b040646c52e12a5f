"""Setting up an assessment and moving it through its lifecycle.

Views call these and nothing else changes an assessment, so every change goes through
`Assessment.transition_to` (which refuses moves the lifecycle does not allow) and every
multi-row write is one transaction.
"""

from django.db import IntegrityError, transaction

from . import join_codes
from .lifecycle import Status
from .models import Assessment, ParticipantGroup

# How codes look and why: see join_codes.
JOIN_CODE_ALPHABET = join_codes.ALPHABET
JOIN_CODE_LENGTH = join_codes.LENGTH


class ActionNotAllowed(Exception):
    """A change the assessment's status does not allow; the message says why, for the page."""


@transaction.atomic
def create_assessment(organisation, user, cleaned) -> Assessment:
    """A draft assessment with its groups, in the order the facilitator gave them."""
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=cleaned["framework_version"],
        cycle_label=cleaned["cycle_label"],
        anonymity_threshold=cleaned["anonymity_threshold"],
        closes_on=cleaned["closes_on"],
        introduction=cleaned["introduction"],
        created_by=user,
    )
    ParticipantGroup.objects.bulk_create(
        ParticipantGroup(assessment=assessment, name=name, position=index)
        for index, name in enumerate(cleaned["group_names"])
    )
    return assessment


SETTINGS_FIELDS = ("cycle_label", "anonymity_threshold", "closes_on", "introduction")
SETTINGS_LOCKED = (
    "The settings can only be changed while the assessment is a draft, before anyone is "
    "answering. To change the closing date, extend it."
)


def update_settings(assessment, cleaned):
    """Only a draft's settings change: once people are answering, the rules they answered
    under (threshold, introduction) stay as they were."""
    if assessment.status != Status.DRAFT:
        raise ActionNotAllowed(SETTINGS_LOCKED)
    for field in SETTINGS_FIELDS:
        setattr(assessment, field, cleaned[field])
    assessment.save(update_fields=list(SETTINGS_FIELDS))


def new_join_code():
    return join_codes.new_code()


def ensure_join_code(assessment, then=None):
    """Give the assessment a join code if it has none, then run ``then`` in the same
    transaction.

    25^12 codes make a clash all but impossible; the unique constraint catches one that
    happens anyway, and we simply draw again.
    """
    for _attempt in range(10):
        try:
            with transaction.atomic():
                if not assessment.join_code:
                    assessment.join_code = new_join_code()
                    assessment.save(update_fields=["join_code"])
                if then is not None:
                    then()
            return
        except IntegrityError:
            assessment.join_code = None
    raise RuntimeError("Could not find an unused join code after 10 attempts.")


def open_assessment(assessment):
    """Open for answers, giving the assessment a join code the first time it opens."""
    ensure_join_code(assessment, then=lambda: assessment.transition_to(Status.OPEN))


@transaction.atomic
def close_assessment(assessment, *, actor=None):
    """Stop answers and release the results (see the disclosure gate: when too few people
    changed since the last release, that release stands)."""
    from selfassess.disclosure import gate

    assessment.transition_to(Status.CLOSED)
    return gate.release_on_close(assessment, actor=actor)


@transaction.atomic
def reopen_assessment(assessment, closes_on):
    assessment.transition_to(Status.OPEN)
    extend_closing_date(assessment, closes_on)


def extend_closing_date(assessment, closes_on):
    if assessment.status != Status.OPEN:
        raise ActionNotAllowed(
            "The closing date can only be extended while the assessment is open."
        )
    assessment.closes_on = closes_on
    assessment.save(update_fields=["closes_on"])


@transaction.atomic
def complete_assessment(assessment, *, actor=None):
    """Finish the cycle. Its answers can no longer change, so nothing needs to tie them to a
    person any more: email addresses are detached from its participants (reminders were the
    only reason to keep them) and the gate drops the keys that compare one release with the
    next."""
    from selfassess.audit.models import Action
    from selfassess.audit.services import record
    from selfassess.disclosure import gate

    assessment.transition_to(Status.COMPLETE)
    detached = assessment.participants.exclude(email="").update(email="")
    gate.forget_people(assessment)
    record(
        organisation=assessment.organisation,
        actor=actor,
        action=Action.EMAILS_DETACHED,
        summary=(
            f"Completed {assessment}: detached {detached} email addresses from its "
            "participants, so its answers are anonymous at rest"
        ),
        details={"assessment": assessment.pk, "detached": detached},
    )
