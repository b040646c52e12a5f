"""Saving an agreed position without ever overwriting someone else's silently.

Each save names the version of the rating the facilitator started from (0 when there was no
rating yet). If the stored version has moved on, someone else saved in between: the save is
refused with a ``Conflict`` carrying both versions, and the facilitator chooses. The check
runs on a row locked with ``select_for_update`` and the write is a conditional UPDATE on the
version, so two saves racing on PostgreSQL cannot both win; a rating created twice at once is
caught by its unique constraint and reported as a conflict too. Every saved change is kept in
``ConsensusChange`` (who, when, before, after).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import ConsensusRating

from .models import ConsensusChange

FIELDS = ("current_level", "target_level", "rationale", "evidence")


@dataclass(frozen=True)
class Position:
    """What a workshop agreed for a statement."""

    current_level: int | None
    target_level: int | None
    rationale: str
    evidence: str

    @classmethod
    def of(cls, rating: ConsensusRating) -> Position:
        return cls(**{field: getattr(rating, field) for field in FIELDS})

    def as_dict(self) -> dict:
        return asdict(self)


class Conflict(Exception):
    """Someone else saved this rating after the facilitator started from ``base_version``."""

    def __init__(self, theirs: ConsensusRating, mine: Position):
        self.theirs = theirs
        self.mine = mine
        super().__init__(f"{theirs} was saved by someone else")


class ConsensusLocked(Exception):
    """The assessment is complete: its agreed positions are final."""


def can_change(assessment) -> bool:
    return assessment.status != Status.COMPLETE


def rating_for(assessment, statement_id) -> ConsensusRating | None:
    return (
        ConsensusRating.objects.select_related("updated_by")
        .filter(assessment=assessment, statement_id=statement_id)
        .first()
    )


def save_position(assessment, statement_id, position: Position, user, base_version: int):
    """Store ``position``; returns the saved rating, or raises ``Conflict``.

    Saving what is already stored changes nothing (no new version, no history line), so a
    resent form is harmless.
    """
    if not can_change(assessment):
        raise ConsensusLocked
    try:
        with transaction.atomic():
            return _save_locked(assessment, statement_id, position, user, base_version)
    except IntegrityError:
        # Another facilitator created the rating between our read and our insert.
        theirs = rating_for(assessment, statement_id)
        if theirs is None:
            raise
        raise Conflict(theirs, position) from None


def _save_locked(assessment, statement_id, position, user, base_version):
    rating = (
        ConsensusRating.objects.select_for_update()
        .filter(assessment=assessment, statement_id=statement_id)
        .first()
    )
    stored_version = rating.version if rating else 0
    if stored_version != base_version:
        raise Conflict(rating_for(assessment, statement_id), position)
    if rating is None:
        rating = ConsensusRating.objects.create(
            assessment=assessment,
            statement_id=statement_id,
            updated_by=user,
            version=1,
            **position.as_dict(),
        )
        _record(rating, user, None, position)
        return rating
    before = Position.of(rating)
    if before == position:
        return rating
    updated = ConsensusRating.objects.filter(pk=rating.pk, version=base_version).update(
        **position.as_dict(),
        version=F("version") + 1,
        updated_by=user,
        updated_at=timezone.now(),
    )
    if updated != 1:  # cannot happen under the row lock; refuse rather than trust it
        raise Conflict(rating_for(assessment, statement_id), position)
    rating.refresh_from_db()
    _record(rating, user, before, position)
    return rating


def _record(rating, user, before: Position | None, after: Position):
    ConsensusChange.objects.create(
        rating=rating,
        version=rating.version,
        changed_by=user,
        before=before.as_dict() if before else None,
        after=after.as_dict(),
    )
