"""Releasing results in tests, as closing an assessment does."""

from selfassess.disclosure import gate
from selfassess.disclosure.models import ReleaseKind


def release_now(assessment, actor=None):
    """Freeze the assessment's answers as a release, whatever its status (tests set answers
    up directly, without going through the lifecycle)."""
    return gate.make_release(assessment, kind=ReleaseKind.CLOSING, actor=actor)
