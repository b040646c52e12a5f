"""The sharing section of an assessment's overview page, for the organisation's admins."""

from django.urls import reverse

from .models import Share

MANAGE = "organisations.manage_organisation"


def panel_context(request, assessment):
    if not request.user.has_perm(MANAGE, assessment.organisation):
        return None
    return {
        "href": reverse("systems:sharing", args=[assessment.pk]),
        "shares": Share.objects.filter(assessment=assessment).count(),
    }
