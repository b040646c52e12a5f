"""Inviting people to an assessment: email lists, personal links, the join code, reminders
and revoking a link. Facilitators and admins only; see `views.assessment_requiring`.
"""

import io
import logging
import secrets
import smtplib

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from selfassess.audit.models import Action
from selfassess.audit.services import record

from . import invitations
from .forms import InvitationListForm, LinkCountsForm
from .links import join_link, links_csv
from .presenters import HubActions
from .services import ActionNotAllowed
from .views import RUN, assessment_requiring, crumbs

logger = logging.getLogger(__name__)

MAIL_FAILED = (
    "The email server did not accept the emails, so some people may not have been sent theirs. "
    "Once email is working, use “Send reminders”: it sends everyone who has not finished a "
    "working link."
)


def _send_or_warn(request, send):
    """Run `send`; if the mail server fails, say what to do rather than showing an error page.
    The people are already saved, so nothing is lost."""
    try:
        return send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send invitation emails")
        messages.error(request, MAIL_FAILED)
        return None


def _actions(request, assessment):
    return HubActions(assessment.status, request.user.has_perm(RUN, assessment.organisation))


@login_required
def invite(request, pk):
    assessment = assessment_requiring(request.user, pk)
    groups = list(assessment.groups.all())
    form = InvitationListForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        invitees, problems = invitations.check_rows(assessment, form.cleaned_data["text"])
        if not problems:
            try:
                sent = _send_or_warn(
                    request, lambda: invitations.invite_by_email(request, assessment, invitees)
                )
            except ActionNotAllowed as refused:
                messages.error(request, str(refused))
                return redirect("assessments:invite", assessment.pk)
            if sent is not None:
                messages.success(
                    request,
                    f"{sent} {'invitation' if sent == 1 else 'invitations'} sent by email.",
                )
            return redirect("assessments:overview", assessment.pk)
    invalid = bool(form.errors or problems)
    return render(
        request,
        "assessments/invite.jinja",
        {
            "page_title": "Invite people by email",
            "page_error": invalid,
            "assessment": assessment,
            "actions": _actions(request, assessment),
            "groups": groups,
            "form": form,
            "problems": problems,
            "breadcrumbs": crumbs(assessment, {"text": "Invite by email", "href": ""}),
        },
        status=400 if invalid else 200,
    )


LINKS_USED_KEY = "assessments_links_used"  # keys of link pages already used


@login_required
def links(request, pk):
    """The form asks how many links per group; the answer is a CSV download, the only time
    the links can be seen.

    A download leaves the page as it was (numbers typed, an earlier error), inviting a second
    press that would make a second set of live links. So each page carries a one-use key: a
    press from a page whose links were already made makes nothing, and says so."""
    assessment = assessment_requiring(request.user, pk)
    groups = list(assessment.groups.all())
    batch = request.POST.get("batch", "") if request.method == "POST" else ""
    used = request.session.get(LINKS_USED_KEY, [])
    if batch and batch in used:
        return _links_page(request, assessment, groups, LinkCountsForm(groups=groups), True)
    form = LinkCountsForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        if batch:
            request.session[LINKS_USED_KEY] = [*used, batch][-20:]
        try:
            issued = invitations.issue_links(assessment, form.cleaned_data["counts"])
        except ActionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("assessments:overview", assessment.pk)
        record(
            organisation=assessment.organisation,
            actor=request.user,
            action=Action.EXPORTED,
            summary=f"Made {len(issued)} personal links for {assessment} and downloaded them",
            details={"assessment": assessment.pk, "links": len(issued)},
        )
        name = slugify(f"personal links {assessment.cycle_label} {assessment.pk}")
        response = HttpResponse(links_csv(request, issued), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response["Cache-Control"] = "no-store"
        return response
    return _links_page(request, assessment, groups, form, False)


def _links_page(request, assessment, groups, form, already_made):
    return render(
        request,
        "assessments/links.jinja",
        {
            "page_title": "Download personal links",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "actions": _actions(request, assessment),
            "form": form,
            "batch": secrets.token_urlsafe(16),
            "already_made": already_made,
            "fields": [(group, form[LinkCountsForm.field_name(group)]) for group in groups],
            "breadcrumbs": crumbs(assessment, {"text": "Personal links", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


@login_required
def join(request, pk):
    assessment = assessment_requiring(request.user, pk)
    return render(
        request,
        "assessments/join.jinja",
        {
            "page_title": "Join code and QR code",
            "assessment": assessment,
            "join_url": join_link(request, assessment.join_code) if assessment.join_code else "",
            "breadcrumbs": crumbs(assessment, {"text": "Join code", "href": ""}),
        },
    )


@login_required
def join_qr(request, pk):
    """The join address as an SVG QR code, made on the server: no outside service is used."""
    assessment = assessment_requiring(request.user, pk)
    if not assessment.join_code:
        raise Http404
    url = join_link(request, assessment.join_code)
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=8, border=4, title=f"QR code for {url}"
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
@login_required
def remind(request, pk):
    assessment = assessment_requiring(request.user, pk)
    try:
        sent = _send_or_warn(request, lambda: invitations.send_reminders(request, assessment))
    except ActionNotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("assessments:overview", assessment.pk)
    if sent == 0:
        messages.success(request, "Everyone invited by email has finished: no reminders sent.")
    elif sent is not None:
        messages.success(
            request,
            f"{sent} {'reminder' if sent == 1 else 'reminders'} sent. Each has a new link; "
            "the links in earlier emails no longer work.",
        )
    return redirect("assessments:overview", assessment.pk)


@login_required
def participants(request, pk):
    """People invited by email, with whether they have finished: never what they answered."""
    assessment = assessment_requiring(request.user, pk)
    people = assessment.participants.exclude(email="").select_related("group").order_by("email")
    return render(
        request,
        "assessments/participants.jinja",
        {
            "page_title": "People invited by email",
            "assessment": assessment,
            "people": people,
            "breadcrumbs": crumbs(assessment, {"text": "People invited", "href": ""}),
        },
    )


@require_POST
@login_required
def revoke(request, pk, participant_pk):
    assessment = assessment_requiring(request.user, pk)
    participant = get_object_or_404(assessment.participants, pk=participant_pk)
    invitations.revoke(participant)
    who = participant.email or "The personal link"
    messages.success(request, f"{who}: the link no longer works.")
    return redirect("assessments:participants", assessment.pk)
