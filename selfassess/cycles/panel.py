"""The "Cycles over time" section of an assessment's overview page (panel order 30)."""

from selfassess.assessments.views import RUN

from . import next_cycle
from .loading import answered_chain, comparable_cycles
from .trend import MIN_CYCLES


def panel_context(request, assessment):
    """Links to the comparison and trend, and "start the next cycle" when allowed; None when
    there is nothing to show (a first cycle still in progress)."""
    organisation = assessment.organisation
    can_run = request.user.has_perm(RUN, organisation)
    previous = assessment.previous
    if previous is not None and previous.organisation_id != organisation.pk:
        previous = None
    next_cycles = list(assessment.next_cycles.filter(organisation=organisation))
    cycle_count = len(answered_chain(assessment))
    context = {
        "previous": previous,
        "next_cycles": next_cycles,
        "can_compare": len(comparable_cycles(assessment)) >= 2,
        "cycle_count": cycle_count,
        "show_trend": cycle_count >= MIN_CYCLES,
        "can_start_next": can_run and next_cycle.refusal(assessment) is None,
        "can_import": can_run,
    }
    shown = ("previous", "next_cycles", "can_compare", "show_trend", "can_start_next")
    return context if any(context[key] for key in shown) else None
