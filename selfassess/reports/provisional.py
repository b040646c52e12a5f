"""Whether a report is provisional: the one place that decides it.

A board must never mistake figures that can still move for final ones. While an assessment is
a draft or open, people can still answer, so every figure in its report may change: the
report says "provisional" on every page. Once answering has closed the figures are final.

This is deliberately one small function. The release rules (results released at closing, or
at frozen snapshots) will decide it later; only this function needs to change then.
"""

from selfassess.assessments.lifecycle import Status

FINAL_STATUSES = frozenset({Status.CLOSED, Status.COMPLETE})
NOTICE = "Provisional: this assessment is still open, so these figures may change before it closes."


def is_provisional(assessment) -> bool:
    """True while the assessment's figures can still change (it is not closed or complete)."""
    return assessment.status not in FINAL_STATUSES
