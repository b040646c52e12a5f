from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from .counts import analyse_assessment
from .models import Assessment


def assessment_for(user, pk):
    """Scoped lookup: an assessment outside the user's organisations is simply not found."""
    return get_object_or_404(
        Assessment.objects.for_user(user).select_related("organisation", "framework_version"),
        pk=pk,
    )


@login_required
def overview(request, pk):
    assessment = assessment_for(request.user, pk)
    groups = list(
        assessment.groups.annotate(
            invited=Count("participants"),
            started=Count("participants", filter=Q(participants__started_at__isnull=False)),
            completed=Count("participants", filter=Q(participants__completed_at__isnull=False)),
        )
    )
    analysis = analyse_assessment(assessment, groups)
    framework = assessment.framework
    components = [(c, analysis.components[c.id]) for c in framework.components]
    return render(
        request,
        "assessments/overview.jinja",
        {
            "page_title": f"{assessment.cycle_label} {assessment.framework_version.title}",
            "assessment": assessment,
            "framework": framework,
            "groups": groups,
            "totals": {
                "invited": sum(g.invited for g in groups),
                "started": sum(g.started for g in groups),
                "completed": sum(g.completed for g in groups),
            },
            "components": components,
            "has_answers": any(result.overall.n for _component, result in components),
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {
                    "text": assessment.organisation.name,
                    "href": f"/organisations/{assessment.organisation_id}/",
                },
                {"text": assessment.cycle_label, "href": ""},
            ],
        },
    )
