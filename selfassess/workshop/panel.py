"""The workshop's section on the assessment overview: where consensus stands, and the way in."""

from . import services
from .presenters import agreed_statement_ids

RUN = "organisations.run_assessments"


def panel_context(request, assessment):
    """Everyone in the organisation sees how far consensus has got; only those who run
    assessments get the link to the live workshop."""
    if assessment.status == "draft":
        return None
    statements = assessment.framework.statements()
    known = {statement.id for statement in statements}
    return {
        "assessment": assessment,
        "agreed": len(agreed_statement_ids(assessment) & known),
        "total": len(statements),
        "live": services.live_session(assessment) is not None,
        "can_run": request.user.has_perm(RUN, assessment.organisation),
    }
