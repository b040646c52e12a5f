"""The organisation page, setting up an organisation, and managing its people.

Anyone signed in may create an organisation (they become its admin). Everything else starts
from `organisation_for`, so a non-member gets 404 and never learns the organisation exists;
a member whose role is too low gets 403, so they know to ask an admin.
"""

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import policy, services
from .forms import ROLE_HINTS, AddPersonForm, ChangeRoleForm, OrganisationForm
from .models import Membership, Organisation

logger = logging.getLogger(__name__)
MANAGE = "organisations.manage_organisation"


def organisation_for(user, pk, perm="organisations.view_organisation"):
    """The organisation, if the user may see it; otherwise 404, so its existence stays private."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not user.has_perm(perm, organisation):
        raise Http404
    return organisation


def organisation_requiring(user, pk, perm):
    """A member's organisation, or 403 when their role does not allow `perm`."""
    organisation = organisation_for(user, pk)
    if not user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def _crumbs(organisation, *tail):
    return [
        {"text": "Home", "href": "/"},
        {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
        *tail,
    ]


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
            "can_manage": request.user.has_perm(MANAGE, organisation),
            "can_run": request.user.has_perm("organisations.run_assessments", organisation),
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": organisation.name, "href": ""}],
        },
    )


@login_required
def create(request):
    refused = policy.refusal(request.user)
    if refused:
        return render(
            request,
            "organisations/sign_up_closed.jinja",
            {
                "page_title": "You cannot set up an organisation here",
                "reason": refused,
                "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Set up", "href": ""}],
            },
            status=403,
        )
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(form, request.user)
        note = ""
        if organisation.awaiting_approval:
            note = (
                " Before it can email invitations or reminders, the service's operator must "
                "approve it; until then you can set up assessments and download personal links."
            )
        messages.success(request, f"{organisation.name} is set up. You are its admin.{note}")
        return redirect("organisations:detail", organisation.pk)
    return render(
        request,
        "organisations/create.jinja",
        {
            "page_title": "Set up an organisation",
            "page_error": bool(form.errors),
            "form": form,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Set up", "href": ""}],
        },
        status=400 if form.errors else 200,
    )


def _email_sign_in_link(request, membership, added):
    """Send the link; if the mail server refuses, say so instead of failing the whole page."""
    try:
        services.send_sign_in_link(request, membership, added=added)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send a sign-in link")
        messages.warning(
            request,
            f"The email to {membership.user.email} could not be sent. Check the service's email "
            "settings, then use “Send a new sign-in link” on their page.",
        )
        return False
    return True


@login_required
def people(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = AddPersonForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        added = services.add_person(
            organisation,
            form.cleaned_data["email"],
            form.cleaned_data["role"],
            actor=request.user,
        )
        membership = added.membership
        if _email_sign_in_link(request, membership, added=True):
            messages.success(
                request,
                f"{membership.user.email} now has the {membership.get_role_display().lower()} "
                "role. We have emailed them a one-time sign-in link.",
            )
        return redirect("organisations:people", organisation.pk)
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request,
        "organisations/people.jinja",
        {
            "page_title": f"People in {organisation.name}",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "memberships": memberships,
            "form": form,
            "role_hints": ROLE_HINTS,
            "breadcrumbs": _crumbs(organisation, {"text": "People", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


def _membership_for(request, pk, membership_pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )
    return organisation, membership


def _after_own_change(request, organisation):
    """Where to go once the change is made: an admin who demoted or removed themselves can no
    longer see the people page."""
    if request.user.has_perm(MANAGE, organisation):
        return redirect("organisations:people", organisation.pk)
    if request.user.has_perm("organisations.view_organisation", organisation):
        return redirect("organisations:detail", organisation.pk)
    return redirect("core:home")


def _render_person(request, organisation, membership, form, error=None):
    invalid = bool(form.errors or error)
    return render(
        request,
        "organisations/person.jinja",
        {
            "page_title": membership.user.email,
            "page_error": invalid,
            "organisation": organisation,
            "membership": membership,
            "form": form,
            "error": error,
            "role_hints": ROLE_HINTS,
            "is_self": membership.user_id == request.user.pk,
            "breadcrumbs": _crumbs(
                organisation,
                {"text": "People", "href": f"/organisations/{organisation.pk}/people/"},
                {"text": membership.user.email, "href": ""},
            ),
        },
        status=400 if invalid else 200,
    )


@login_required
def person(request, pk, membership_pk):
    """One person's role: change it, send them a new sign-in link, or remove them."""
    organisation, membership = _membership_for(request, pk, membership_pk)
    form = ChangeRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(membership, form.cleaned_data["role"], actor=request.user)
        except services.LastAdminError as refused:
            membership.refresh_from_db()
            return _render_person(request, organisation, membership, form, str(refused))
        messages.success(
            request,
            f"{membership.user.email} now has the {membership.get_role_display().lower()} role.",
        )
        return _after_own_change(request, organisation)
    return _render_person(request, organisation, membership, form)


@require_POST
@login_required
def remove_person(request, pk, membership_pk):
    organisation, membership = _membership_for(request, pk, membership_pk)
    try:
        services.remove_membership(membership, actor=request.user)
    except services.LastAdminError as refused:
        form = ChangeRoleForm(initial={"role": membership.role})
        return _render_person(request, organisation, membership, form, str(refused))
    messages.success(request, f"{membership.user.email} no longer has a role here.")
    return _after_own_change(request, organisation)


@require_POST
@login_required
def send_sign_in_link(request, pk, membership_pk):
    organisation, membership = _membership_for(request, pk, membership_pk)
    if _email_sign_in_link(request, membership, added=False):
        messages.success(request, f"We have emailed a new sign-in link to {membership.user.email}.")
    return redirect("organisations:person", organisation.pk, membership.pk)
