"""A member organisation's side: running a system, joining or leaving one, naming a
successor, and choosing what each audience may see of an assessment.

All of it needs the organisation's admin (``manage_organisation``), except the learning notes,
which facilitators may write too (``run_assessments``). Lookups start from the scoped
``organisation_for`` and ``assessment_for``, so another organisation's data is not found.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from selfassess.assessments.views import assessment_requiring, crumbs
from selfassess.organisations.models import Organisation, Role
from selfassess.organisations.views import organisation_requiring

from . import services, sharing
from .forms import (
    KIND_HINTS,
    NOTHING,
    SCOPE_FLAGS,
    SCOPE_HINTS,
    NotesForm,
    SetUpSystemForm,
    ShareForm,
    scope_choice,
)
from .models import Audience, LearningNote, MemberStatus, Share, Succession, System, SystemMember

MANAGE_ORG = "organisations.manage_organisation"
RUN = "organisations.run_assessments"


def _org_crumbs(organisation, text):
    return [
        {"text": "Home", "href": "/"},
        {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
        {"text": text, "href": ""},
    ]


@login_required
def set_up(request, organisation_pk):
    organisation = organisation_requiring(request.user, organisation_pk, MANAGE_ORG)
    existing = System.objects.filter(organisation=organisation).first()
    if existing:
        return redirect("systems:members", existing.pk)
    form = SetUpSystemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        system = services.create_system(
            organisation=organisation, kind=form.cleaned_data["kind"], actor=request.user
        )
        messages.success(request, f"{organisation.name} now runs a system. Invite its members.")
        return redirect("systems:members", system.pk)
    return render(
        request,
        "systems/set_up.jinja",
        {
            "page_title": "Run a system",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "hints": KIND_HINTS,
            "breadcrumbs": _org_crumbs(organisation, "Run a system"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def memberships(request, organisation_pk):
    organisation = organisation_requiring(request.user, organisation_pk, MANAGE_ORG)
    rows = SystemMember.objects.filter(
        organisation=organisation, status__in=[MemberStatus.INVITED, MemberStatus.ACTIVE]
    ).select_related("system__organisation")
    return render(
        request,
        "systems/memberships.jinja",
        {
            "page_title": "Systems you belong to",
            "organisation": organisation,
            "rows": rows,
            "own_system": System.objects.filter(organisation=organisation).first(),
            "breadcrumbs": _org_crumbs(organisation, "Systems"),
        },
    )


def _membership(request, organisation_pk, member_pk):
    organisation = organisation_requiring(request.user, organisation_pk, MANAGE_ORG)
    return get_object_or_404(
        SystemMember.objects.select_related("system__organisation", "organisation"),
        pk=member_pk,
        organisation=organisation,
    )


@login_required
@require_POST
def accept(request, organisation_pk, member_pk):
    member = _membership(request, organisation_pk, member_pk)
    try:
        services.accept(member, actor=request.user)
    except services.SystemRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"You are a member of {member.system.name}. It sees nothing until you share an "
            "assessment with it.",
        )
    return redirect("systems:memberships", organisation_pk)


@login_required
@require_POST
def leave(request, organisation_pk, member_pk):
    member = _membership(request, organisation_pk, member_pk)
    try:
        services.end(member, actor=request.user)
    except services.SystemRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"You are no longer a member of {member.system.name}.")
    return redirect("systems:memberships", organisation_pk)


@login_required
def successor(request, organisation_pk):
    organisation = organisation_requiring(request.user, organisation_pk, MANAGE_ORG)
    choices = (
        Organisation.objects.filter(memberships__user=request.user, memberships__role=Role.ADMIN)
        .exclude(pk=organisation.pk)
        .order_by("name")
    )
    current = Succession.objects.filter(predecessor=organisation).select_related("successor")
    error = None
    if request.method == "POST":
        raw = str(request.POST.get("successor", ""))
        chosen = choices.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 10 else None
        if chosen is None:
            error = "Select the organisation that carries this one on"
        else:
            try:
                services.make_successor(
                    predecessor=organisation, successor=chosen, actor=request.user
                )
            except services.SystemRefused as refusal:
                error = str(refusal)
            else:
                messages.success(request, f"{chosen.name} now carries on {organisation.name}.")
                return redirect("organisations:detail", organisation.pk)
    return render(
        request,
        "systems/successor.jinja",
        {
            "page_title": "Name a successor",
            "organisation": organisation,
            "choices": choices,
            "current": current.first(),
            "error": error,
            "breadcrumbs": _org_crumbs(organisation, "Name a successor"),
        },
        status=400 if error else 200,
    )


# -- sharing one assessment -----------------------------------------------------------------


def _audiences(assessment):
    """Where this assessment may be shared: the systems its organisation is a current member
    of, its own system (so a system's own assessment sits beside its members'), and peers."""
    organisation = assessment.organisation
    systems = list(
        System.objects.filter(
            members__organisation=organisation, members__status=MemberStatus.ACTIVE
        ).select_related("organisation")
    )
    own = System.objects.filter(organisation=organisation).select_related("organisation").first()
    if own and own not in systems:
        systems.append(own)
    systems.sort(key=lambda s: s.name.casefold())
    out = [(f"system-{s.pk}", s.name, Audience.SYSTEM, s) for s in systems]
    out.append(("peers", "The peer comparison", Audience.PEERS, None))
    return out


def _audience(assessment, key):
    for each in _audiences(assessment):
        if each[0] == key:
            return each
    raise Http404


def _share_of(assessment, audience, system):
    return Share.objects.filter(assessment=assessment, audience=audience, system=system).first()


@login_required
def sharing_page(request, assessment_pk):
    assessment = assessment_requiring(request.user, assessment_pk, MANAGE_ORG)
    shares = {(s.audience, s.system_id): s for s in assessment.shares.all()}
    rows = [
        {"key": key, "name": name, "share": shares.get((audience, system.pk if system else None))}
        for key, name, audience, system in _audiences(assessment)
    ]
    return render(
        request,
        "systems/sharing.jinja",
        {
            "page_title": f"Share with other organisations \N{EN DASH} {assessment.cycle_label}",
            "assessment": assessment,
            "rows": rows,
            "breadcrumbs": crumbs(assessment, {"text": "Share", "href": ""}),
        },
    )


@login_required
def share(request, assessment_pk, audience):
    assessment = assessment_requiring(request.user, assessment_pk, MANAGE_ORG)
    key, name, kind, system = _audience(assessment, audience)
    current = _share_of(assessment, kind, system)
    initial = {"scope": scope_choice(current.rationale, current.survey) if current else NOTHING}
    form = ShareForm(request.POST or None, initial=initial)
    preview, refusal = None, None
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["scope"]
        if choice == NOTHING:
            if current is not None and request.POST.get("confirm") == "yes":
                sharing.withdraw(current, actor=request.user)
                messages.success(request, f"{name} no longer sees anything of this assessment.")
                return redirect("systems:sharing", assessment.pk)
            if current is None:
                messages.info(request, f"Nothing is shared with {name}.")
                return redirect("systems:sharing", assessment.pk)
        else:
            rationale, survey = SCOPE_FLAGS[choice]
            scope = sharing.Scope(rationale=rationale, survey=survey)
            try:
                if request.POST.get("confirm") == "yes":
                    sharing.share(
                        assessment, audience=kind, system=system, scope=scope, actor=request.user
                    )
                    messages.success(
                        request,
                        f"Shared with {name} on {timezone.localdate():%-d %B %Y}. Share again "
                        "to replace it, or choose Nothing to withdraw it.",
                    )
                    return redirect("systems:sharing", assessment.pk)
                preview = sharing.build_share_payload(assessment, scope)
            except sharing.NothingToShare as why:
                refusal = str(why)
    return render(
        request,
        "systems/share.jinja",
        {
            "page_title": f"Share with {name}",
            "page_error": bool(form.errors or refusal),
            "assessment": assessment,
            "audience_key": key,
            "audience_name": name,
            "form": form,
            "hints": SCOPE_HINTS,
            "current": current,
            "preview": preview,
            "withdraw_check": request.method == "POST"
            and form.is_valid()
            and form.cleaned_data["scope"] == NOTHING,
            "refusal": refusal,
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Share", "href": f"/assessments/{assessment.pk}/sharing/"},
                {"text": name, "href": ""},
            ),
        },
        status=400 if (form.errors or refusal) else 200,
    )


@login_required
def notes(request, assessment_pk, audience):
    assessment = assessment_requiring(request.user, assessment_pk, RUN)
    _key, name, kind, system = _audience(assessment, audience)
    if kind != Audience.SYSTEM:
        raise Http404
    current = _share_of(assessment, kind, system)
    if current is None:
        raise PermissionDenied("Share this assessment with the system before writing notes.")
    statements = [s for c in current.payload["components"] for s in c["statements"]]
    existing = {n.statement_id: n for n in current.notes.all()}
    initial = {}
    for sid, note in existing.items():
        initial[f"note-{sid}"] = note.text
        initial[f"contact-{sid}"] = note.contact_role
    form = NotesForm(request.POST or None, initial=initial, statements=statements)
    if request.method == "POST" and form.is_valid():
        wanted = form.notes()
        with transaction.atomic():
            LearningNote.objects.filter(share=current).exclude(statement_id__in=wanted).delete()
            for sid, (text, contact) in wanted.items():
                LearningNote.objects.update_or_create(
                    share=current,
                    statement_id=sid,
                    defaults={
                        "text": text,
                        "contact_role": contact,
                        "written_by": request.user,
                        "updated_at": timezone.now(),
                    },
                )
        messages.success(request, f"Your learning notes are saved and shown to {name}'s members.")
        return redirect("systems:sharing", assessment.pk)
    return render(
        request,
        "systems/notes.jinja",
        {
            "page_title": f"Learning notes for {name}",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "audience_name": name,
            "form": form,
            "share": current,
            "statements": statements,
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Share", "href": f"/assessments/{assessment.pk}/sharing/"},
                {"text": "Learning notes", "href": ""},
            ),
        },
        status=400 if form.errors else 200,
    )
