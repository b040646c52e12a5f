from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Organisation


def organisation_for(user, pk, perm="organisations.view_organisation"):
    """The organisation, if the user may see it; otherwise 404, so its existence stays private."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not user.has_perm(perm, organisation):
        raise Http404
    return organisation


@login_required
def detail(request, pk):
    organisation = organisation_for(request.user, pk)
    assessments = (
        organisation.assessments.select_related("framework_version")
        .annotate(
            invited=Count("participants", distinct=True),
            completed=Count(
                "participants", filter=Q(participants__completed_at__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at")
    )
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "organisations/detail.jinja",
        {
            "page_title": organisation.name,
            "organisation": organisation,
            "assessments": assessments,
            "memberships": memberships,
            "can_manage": request.user.has_perm("organisations.manage_organisation", organisation),
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": organisation.name, "href": request.path},
            ],
        },
    )
