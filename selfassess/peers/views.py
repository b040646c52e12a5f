"""The organisation's context page and the peer comparison page.

Both start from ``organisation_for``, so a non-member finds nothing (404). Setting the
context and the opt-in needs an admin; reading the comparison needs any role that may read
results.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.models import CONTEXT_EXPLANATIONS
from selfassess.organisations.views import organisation_for, organisation_requiring

from . import services
from .forms import CONTEXT_ATTRIBUTES, NEW_ATTRIBUTES, ContextForm, PeerFilterForm
from .selectors import own_peer_shares

MANAGE = "organisations.manage_organisation"


def _crumbs(organisation, text):
    return [
        {"text": "Home", "href": "/"},
        {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
        {"text": text, "href": ""},
    ]


@login_required
def context(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = ContextForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(
            organisation=organisation,
            actor=request.user,
            action=Action.OTHER,
            summary=(
                "Changed the organisation's context for peer comparison "
                f"({'taking part' if organisation.peer_comparison else 'not taking part'})"
            ),
            details={"changed": sorted(form.changed_data)},
        )
        messages.success(request, "The organisation's context is saved.")
        return redirect("peers:context", organisation.pk)
    return render(
        request,
        "peers/context.jinja",
        {
            "page_title": f"Context for peer comparison: {organisation.name}",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "attributes": {name: CONTEXT_ATTRIBUTES[name][0] for name in NEW_ATTRIBUTES},
            "explanations": CONTEXT_EXPLANATIONS,
            "breadcrumbs": _crumbs(organisation, "Context for peer comparison"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def compare(request, pk):
    organisation = organisation_for(request.user, pk, "organisations.view_results")
    shares = own_peer_shares(organisation) if organisation.peer_comparison else []
    form = PeerFilterForm(request.GET or None, shares=shares)
    page = chosen_share = None
    if shares and (not request.GET or form.is_valid()):
        wanted = form.cleaned_data.get("share") if request.GET else None
        chosen_share = next((s for s in shares if s.pk == wanted), shares[0])
        page = services.build_page(organisation, chosen_share, form.chosen())
    return render(
        request,
        "peers/compare.jinja",
        {
            "page_title": f"Peer comparison: {organisation.name}",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "shares": shares,
            "share": chosen_share,
            "page": page,
            "measures": services.MEASURES,
            "reasons": services.rules.REASONS,
            "attributes": CONTEXT_ATTRIBUTES,
            "can_manage": request.user.has_perm(MANAGE, organisation),
            "assessments": organisation.assessments.order_by("-created_at")[:20]
            if not shares
            else [],
            "breadcrumbs": _crumbs(organisation, "Peer comparison"),
        },
        status=400 if form.errors else 200,
    )
