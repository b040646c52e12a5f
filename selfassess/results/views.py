"""Results pages: thin views over ``load_results`` (the one place access is checked and the
analysis is run) and the presenters (what each page shows)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from selfassess.assessments.views import RUN

from .presenters import component_context, discussion_context, groups_context, overview_context
from .services import load_results


@login_required
def overview(request, pk):
    context = overview_context(load_results(request.user, pk))
    return render(request, "results/overview.jinja", context)


@login_required
def component(request, pk, component_id):
    results = load_results(request.user, pk)
    can_plan = request.user.has_perm(RUN, results.assessment.organisation)
    context = component_context(results, component_id, can_plan=can_plan)
    return render(request, "results/component.jinja", context)


@login_required
def discussion(request, pk):
    context = discussion_context(load_results(request.user, pk))
    return render(request, "results/discussion.jinja", context)


@login_required
def groups(request, pk):
    context = groups_context(load_results(request.user, pk))
    return render(request, "results/groups.jinja", context)
