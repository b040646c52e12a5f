"""Who is voting: participants, identified exactly as the participation app identifies them.

A phone holds the participant's id in its server-side session, put there by opening a personal
link or by joining with the code (``participation.services.begin_session``). The workshop
reads it with ``participant_in_session``, so someone who answered the survey and then joins the
workshop on the same phone is the same participant.

Unlike the survey, a workshop usually happens after the assessment has closed, so joining here
depends on a live session rather than on the assessment taking answers. People joining by code
become participants of their group, marked ``joined_by_code``, as in the participation app.

A phone that joined by code also keeps a signed cookie naming its participant for the day of
the workshop. If the phone loses its session (signed out after an idle hour, or the browser
dropped it) and joins again, it carries on as the same participant instead of becoming a
second one whose vote would count again.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction

from selfassess.assessments import join_codes
from selfassess.assessments.models import Assessment, Participant
from selfassess.participation.services import begin_session, participant_in_session

from .models import LiveSession, SessionState

DEVICE_COOKIE_SALT = "selfassess.workshop.device"
DEVICE_COOKIE_MAX_AGE = 12 * 60 * 60  # a workshop day


def device_cookie_name(assessment) -> str:
    return f"workshop_device_{assessment.pk}"


def remember_device(response, participant) -> None:
    """Name the participant in a signed cookie, so this phone can rejoin as them."""
    response.set_signed_cookie(
        device_cookie_name(participant.assessment),
        str(participant.pk),
        salt=DEVICE_COOKIE_SALT,
        max_age=DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def remembered_participant(request, assessment) -> Participant | None:
    """The participant this phone joined as earlier, if its cookie is genuine and current."""
    try:
        value = request.get_signed_cookie(
            device_cookie_name(assessment), salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return None
    if not value.isdigit():
        return None
    return Participant.objects.filter(
        pk=int(value), assessment=assessment, joined_by_code=True, revoked_at__isnull=True
    ).first()


class NoLiveSession(Exception):
    """The assessment has no live workshop at the moment."""


def workshop_participant(request) -> Participant | None:
    participant = participant_in_session(request)
    if participant is None or participant.revoked_at is not None:
        return None
    return participant


def join_live(request, assessment, group) -> tuple[Participant, str]:
    """Make a participant for someone joining the live workshop, and remember them here.

    Raises GroupFull when the facilitator's cap on joiners per group is reached; the
    assessment row is locked while the group is counted, so phones joining at once queue."""
    if group.assessment_id != assessment.pk:
        raise ValueError("the group belongs to another assessment")
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        live = (
            LiveSession.objects.select_for_update()
            .filter(assessment=assessment, state=SessionState.LIVE)
            .first()
        )
        if live is None:
            raise NoLiveSession
        join_codes.check_room(locked, group)
        participant, token = Participant.invite(assessment, group, joined_by_code=True)
    begin_session(request, participant)
    return participant, token


def attend_with_link(request, token, assessment=None) -> Participant | None:
    """Open a personal link for the workshop; None when the link does not work (or, given an
    ``assessment``, belongs to another one)."""
    participant = Participant.from_token(token)
    if participant is None or (assessment and participant.assessment_id != assessment.pk):
        return None
    begin_session(request, participant)
    return participant
