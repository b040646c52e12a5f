"""Inviting people to an assessment: email lists, personal links, the join code, reminders
and revoking a link. Facilitators and admins only; see `views.assessment_requiring`.
"""

import io
import secrets

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.core import limits
from selfassess.mail import door
from selfassess.mail.models import OutboundEmail
from selfassess.mail.models import Status as MailStatus

from . import invitations
from .forms import InvitationListForm, LinkCountsForm
from .lifecycle import Status
from .links import join_link, links_csv
from .presenters import HubActions
from .services import ActionNotAllowed
from .views import RUN, assessment_requiring, crumbs

QUEUED_NOTE = (
    "They are being sent in the background: the “People invited” page shows who has been "
    "sent theirs and whose email failed, with the reason."
)


def _queue_or_refuse(request, queue):
    """Run `queue`; a refusal (the organisation's allowance, approval, the assessment's
    state) is shown as a message and nothing is queued. Returns the count, or None."""
    try:
        return queue()
    except (ActionNotAllowed, door.MailRefused) as refused:
        messages.error(request, str(refused))
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
            queued = _queue_or_refuse(
                request, lambda: invitations.invite_by_email(request, assessment, invitees)
            )
            if queued is None:
                return redirect("assessments:invite", assessment.pk)
            messages.success(
                request,
                f"{queued} {'invitation' if queued == 1 else 'invitations'} queued to send "
                f"by email. {QUEUED_NOTE}",
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
            "may_send": door.may_send(assessment.organisation),
            "awaiting_approval": door.AWAITING_APPROVAL,
            "per_hour": limits.PARTICIPANT_EMAILS_PER_HOUR,
            "per_day": limits.PARTICIPANT_EMAILS_PER_DAY,
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
    queued = _queue_or_refuse(request, lambda: invitations.send_reminders(request, assessment))
    if queued == 0:
        messages.success(
            request,
            "Nobody needs a reminder: everyone invited by email has finished or has an email "
            "still waiting to be sent, so no reminders sent.",
        )
    elif queued is not None:
        messages.success(
            request,
            f"{queued} {'reminder' if queued == 1 else 'reminders'} queued. Each has a new "
            "link; an earlier link stops working once the new email has been sent. " + QUEUED_NOTE,
        )
    return redirect("assessments:overview", assessment.pk)


DELIVERY_TAGS = {
    MailStatus.QUEUED: ("Queued", "nhsuk-tag--yellow"),
    MailStatus.SENDING: ("Queued", "nhsuk-tag--yellow"),
    MailStatus.SENT: ("Sent", "nhsuk-tag--green"),
    MailStatus.FAILED: ("Failed", "nhsuk-tag--red"),
    MailStatus.CANCELLED: ("Not sent", "nhsuk-tag--grey"),
}


def _latest_emails(assessment):
    """{participant id: their latest outbox row}."""
    latest = {}
    rows = OutboundEmail.objects.filter(participant__assessment=assessment).order_by("pk")
    for row in rows.only("pk", "participant_id", "status", "failure", "sent_at", "attempts"):
        latest[row.participant_id] = row
    return latest


@login_required
def participants(request, pk):
    """People invited by email, with whether their email was sent and whether they have
    finished: never what they answered."""
    assessment = assessment_requiring(request.user, pk)
    people = list(
        assessment.participants.exclude(email="").select_related("group").order_by("email")
    )
    latest = _latest_emails(assessment)
    for person in people:
        person.latest_email = latest.get(person.pk)
        person.delivery_tag = (
            DELIVERY_TAGS[person.latest_email.status] if person.latest_email else None
        )
        person.can_resend = bool(
            person.latest_email
            and person.latest_email.status == MailStatus.FAILED
            and not person.revoked_at
            and not person.completed_at
        )
    return render(
        request,
        "assessments/participants.jinja",
        {
            "page_title": "People invited by email",
            "assessment": assessment,
            "people": people,
            "failed_count": sum(person.can_resend for person in people),
            "is_open": assessment.status == Status.OPEN,
            "breadcrumbs": crumbs(assessment, {"text": "People invited", "href": ""}),
        },
    )


def _after_resend(request, assessment, queued):
    if queued == 0:
        messages.success(request, "Nobody's email needs sending again.")
    elif queued is not None:
        messages.success(
            request,
            f"{queued} {'email' if queued == 1 else 'emails'} queued to send again. "
            "The links people already have keep working until the new email is sent.",
        )
    return redirect("assessments:participants", assessment.pk)


@require_POST
@login_required
def resend(request, pk, participant_pk):
    """Send one person's failed email again."""
    assessment = assessment_requiring(request.user, pk)
    participant = get_object_or_404(assessment.participants.exclude(email=""), pk=participant_pk)
    failed = invitations.failed_recipients(assessment).filter(pk=participant.pk)
    return _after_resend(
        request,
        assessment,
        _queue_or_refuse(request, lambda: invitations.resend(request, assessment, failed)),
    )


@require_POST
@login_required
def resend_failed(request, pk):
    """Send every failed email of this assessment again."""
    assessment = assessment_requiring(request.user, pk)
    failed = invitations.failed_recipients(assessment)
    return _after_resend(
        request,
        assessment,
        _queue_or_refuse(request, lambda: invitations.resend(request, assessment, failed)),
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
