"""Join codes: how they are made, typed, accepted and limited. Every page that takes a code
(the survey's /join/ and the workshop's /workshop/) asks this module, so the rules are the
same at each door.

A code has to be read off a projector and typed on a phone, and has to resist guessing. So:

* Twelve characters from 25 that cannot be mistaken for each other (no 0/O, 1/I/L, 5/S,
  2/Z, 8/B), shown in blocks of four. That is 25^12, about 6 x 10^16 codes (56 bits).
  Capital letters, spaces and dashes do not matter when typed.
* Each client may have ``PER_CLIENT`` codes refused, and each code may be refused
  ``PER_CODE`` times, per ``ratelimit.WINDOW_SECONDS`` (15 minutes), counted in the shared
  cache so every worker sees the same count (``selfassess.accounts.ratelimit``). Even a
  thousand clients working for a whole year make about 2 x 10^9 guesses, so with a hundred
  codes live at once the chance of hitting any is below 1 in 250,000. The figures are
  generous because a whole room often shares one address (a hospital's Wi-Fi), so its typing
  mistakes count together, and because a room that types the code before the workshop starts
  counts against that code: a tight figure would lock a real room out of its own code.
* A code works only while it is of use: for the survey, while the assessment takes answers
  (``closing.takes_answers``, so not after the end of its closing date); for the workshop,
  while a live session runs. Outside that time it is answered exactly as a code that never
  existed: the same status, page and words, and it counts as a refused guess. Nothing about
  the organisation is shown until a code is accepted.
* A facilitator can cap how many people join each group with the code, so one person with
  many browsers cannot count many times over. ``check_room`` is called with the assessment
  row locked, so two phones joining at once cannot both take the last place.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from selfassess.accounts import ratelimit

from .models import Assessment, Participant

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 12
BLOCK = 4
#: The longest text the code box takes: a code with a separator between every character.
TYPED_CHARS_MAX = 40

PER_CLIENT = 60
PER_CODE = 200
TRIES = ratelimit.Limit("join-code-refused", per_address=PER_CODE, per_client=PER_CLIENT)

#: The most people a facilitator can let join one group with the code.
JOINERS_PER_GROUP_MAX = 1000

REFUSED = (
    "Check the join code and type it again. A code works only while its assessment is open or "
    "its workshop is running: if you typed it as shown, ask the person running the session."
)


def too_many_message() -> str:
    return (
        "Too many join codes were tried from here. Wait "
        f"{ratelimit.window_minutes()} minutes, then type the code again."
    )


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """The code as stored: capitals, without the spaces and dashes people type between
    blocks. Anything else stays in, so the code simply does not match."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t\u2010\u2011\u2012\u2013")


def display(code: str | None) -> str:
    """The code in blocks of four, as screens and pages show it (ACDE-FGHJ-KMNP)."""
    if not code:
        return ""
    return "-".join(code[i : i + BLOCK] for i in range(0, len(code), BLOCK))


@dataclass(frozen=True)
class Admission:
    """What a typed code led to: an assessment, or a refusal (the same for every reason), or
    a client or code that has been refused too often to be looked at now."""

    assessment: Assessment | None = None
    too_many: bool = False

    @property
    def accepted(self) -> bool:
        return self.assessment is not None


def admit(request, typed: str, *, usable: Callable[[Assessment], bool]) -> Admission:
    """Look the code up, within the limits; ``usable`` says whether this door may use the
    assessment now (taking answers, or running a workshop)."""
    code = normalise(typed or "")[:TYPED_CHARS_MAX]
    if ratelimit.is_limited(TRIES, request, code or None):
        return Admission(too_many=True)
    assessment = None
    if code:
        assessment = (
            Assessment.objects.select_related("organisation", "framework_version")
            .filter(join_code=code)
            .first()
        )
    if assessment is None or not usable(assessment):
        ratelimit.count(TRIES, request, code or None)
        return Admission()
    return Admission(assessment=assessment)


# -- the cap on joiners per group ----------------------------------------------------------


class GroupFull(Exception):
    """The group has as many people who joined with the code as the facilitator allowed."""

    def __init__(self, group, limit):
        self.group, self.limit = group, limit
        super().__init__(full_message(group.name, limit))


def full_message(group_name: str, limit: int) -> str:
    people = "person" if limit == 1 else "people"
    return (
        f"The {group_name} group is full: the facilitator set a limit of {limit} {people} "
        "joining it with the code. If you belong to it, tell the facilitator."
    )


def joined_count(group) -> int:
    return Participant.objects.filter(
        group=group, joined_by_code=True, revoked_at__isnull=True
    ).count()


def full_groups(assessment) -> set[int]:
    """The ids of the groups nobody else can join with the code, for the group page."""
    limit = assessment.joiners_per_group
    if not limit:
        return set()
    return {group.pk for group in assessment.groups.all() if joined_count(group) >= limit}


def check_room(locked_assessment, group) -> None:
    """Raise GroupFull when the group is at its cap. Call with the assessment row locked
    (``select_for_update``) in the transaction that then adds the participant."""
    limit = locked_assessment.joiners_per_group
    if limit and joined_count(group) >= limit:
        raise GroupFull(group, limit)
