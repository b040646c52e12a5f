"""The plan's section on the assessment overview: progress at a glance, and the way in."""

from django.utils import timezone

from .presenters import progress

VIEW = "organisations.view_organisation"


def plan_panel(request, assessment):
    if not request.user.has_perm(VIEW, assessment.organisation):
        return None
    return {"progress": progress(list(assessment.actions.all()), timezone.localdate())}
