"""Whether a report is provisional: the one place that decides it.

A board must never mistake figures that can still move for final ones. A report is made from
a release (see ``selfassess.disclosure``): a release made when the assessment closed is
final; a snapshot taken while it was open is provisional, and so is a report with no release
at all. A provisional report says so on every page.
"""

from selfassess.assessments.lifecycle import Status
from selfassess.disclosure import gate

NOTICE = (
    "Provisional: this assessment is still open, or these figures come from a snapshot "
    "taken while it was, so they may change before it closes."
)


def is_provisional(assessment) -> bool:
    """True unless the report's release is the one made when the assessment closed and the
    assessment has not been reopened since (while it is open, its figures may still move)."""
    if assessment.status in (Status.DRAFT, Status.OPEN):
        return True
    release = gate.latest_release(assessment)
    return release is None or not release.is_final
