"""The system's own pages: its view of what members shared, its downloads, the learning
exchange, and managing its members and roles.

Reading needs a system role (``systems.view_system``), downloads a lead's role, managing an
admin of the system's organisation; the exchange is open to the system's people and to the
people of its current members. Every figure comes from ``picture.system_picture``, which reads
the shares alone.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from selfassess.organisations.models import Organisation

from . import board, services
from .access import crumbs, system_for
from .forms import InviteForm, RoleForm
from .models import MemberStatus, System, SystemMember, SystemRole
from .picture import system_picture

VIEW, DOWNLOAD, MANAGE = "systems.view_system", "systems.download_system", "systems.manage_system"
EXCHANGE = "systems.view_exchange"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _systems_of(user):
    """Systems the person has anything to do with, by name."""
    ids = set(SystemRole.objects.filter(user=user).values_list("system_id", flat=True))
    ids |= set(
        System.objects.filter(organisation__memberships__user=user).values_list("pk", flat=True)
    )
    ids |= set(
        SystemMember.objects.filter(
            status=MemberStatus.ACTIVE, organisation__memberships__user=user
        ).values_list("system_id", flat=True)
    )
    return System.objects.filter(pk__in=ids).select_related("organisation")


@login_required
def index(request):
    systems = list(_systems_of(request.user))
    rows = [
        {
            "system": system,
            "view": request.user.has_perm(VIEW, system),
            "exchange": request.user.has_perm(EXCHANGE, system),
            "manage": request.user.has_perm(MANAGE, system),
        }
        for system in systems
    ]
    return render(
        request,
        "systems/index.jinja",
        {
            "page_title": "Systems",
            "rows": rows,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Systems", "href": ""}],
        },
    )


@login_required
def view(request, system_pk):
    system = system_for(request.user, system_pk, VIEW)
    return render(
        request,
        "systems/view.jinja",
        {
            "page_title": f"{system.name}: members side by side",
            "system": system,
            "picture": system_picture(system),
            "can_download": request.user.has_perm(DOWNLOAD, system),
            "breadcrumbs": crumbs(system),
        },
    )


@login_required
def component(request, system_pk, component_id):
    system = system_for(request.user, system_pk, VIEW)
    picture = system_picture(system)
    chosen = next((c for c in picture.components if c["id"] == component_id), None)
    if chosen is None:
        raise Http404
    return render(
        request,
        "systems/component.jinja",
        {
            "page_title": f"{chosen['title']}: {system.name}",
            "system": system,
            "picture": picture,
            "component": chosen,
            "breadcrumbs": crumbs(system, {"text": chosen["title"], "href": ""}),
        },
    )


def _stem(system):
    return slugify(f"{system.name} members side by side")


@login_required
def pdf(request, system_pk):
    system = system_for(request.user, system_pk, DOWNLOAD)
    content = board.board_pdf(system, system_picture(system))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_stem(system)}.pdf"'
    return response


@login_required
def xlsx(request, system_pk):
    system = system_for(request.user, system_pk, DOWNLOAD)
    content = board.workbook(system, system_picture(system))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_stem(system)}.xlsx"'
    return response


@login_required
def exchange(request, system_pk):
    system = system_for(request.user, system_pk, EXCHANGE)
    return render(
        request,
        "systems/exchange.jinja",
        {
            "page_title": f"Learning exchange: {system.name}",
            "system": system,
            "picture": system_picture(system),
            "breadcrumbs": crumbs(system, {"text": "Learning exchange", "href": ""}),
        },
    )


@login_required
def members(request, system_pk):
    system = system_for(request.user, system_pk, MANAGE)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = Organisation.objects.filter(ods_code=form.cleaned_data["ods_code"]).first()
        if organisation is None:
            form.add_error(
                "ods_code",
                "No organisation with that ODS code uses this service. Check the code, or "
                "ask the organisation to set itself up first.",
            )
        else:
            try:
                services.invite(system=system, organisation=organisation, actor=request.user)
            except services.SystemRefused as refusal:
                form.add_error("ods_code", str(refusal))
            else:
                messages.success(
                    request,
                    f"{organisation.name} is invited. It becomes a member when one of its "
                    "admins accepts.",
                )
                return redirect("systems:members", system.pk)
    rows = SystemMember.objects.filter(system=system).select_related("organisation")
    return render(
        request,
        "systems/members.jinja",
        {
            "page_title": f"Members of {system.name}",
            "page_error": bool(form.errors),
            "system": system,
            "form": form,
            "rows": [r for r in rows if r.status != MemberStatus.ENDED],
            "ended": [r for r in rows if r.status == MemberStatus.ENDED],
            "breadcrumbs": crumbs(system, {"text": "Members", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def end(request, system_pk, member_pk):
    system = system_for(request.user, system_pk, MANAGE)
    member = get_object_or_404(SystemMember, pk=member_pk, system=system)
    try:
        withdrawn = services.end(member, actor=request.user)
    except services.SystemRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"{member.organisation.name} is no longer a member"
            + (f"; {withdrawn} shared assessments were withdrawn." if withdrawn else "."),
        )
    return redirect("systems:members", system.pk)


@login_required
def roles(request, system_pk):
    system = system_for(request.user, system_pk, MANAGE)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        users = get_user_model()
        email = form.cleaned_data["email"]
        user = users.objects.filter(email=email).first() or users.objects.create_user(
            email=email, password=None
        )
        services.grant_role(
            system=system, user=user, role=form.cleaned_data["role"], actor=request.user
        )
        messages.success(request, f"{email} now has a role in {system.name}.")
        return redirect("systems:roles", system.pk)
    return render(
        request,
        "systems/roles.jinja",
        {
            "page_title": f"Roles in {system.name}",
            "page_error": bool(form.errors),
            "system": system,
            "form": form,
            "rows": system.roles.select_related("user"),
            "breadcrumbs": crumbs(system, {"text": "Roles", "href": ""}),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_role(request, system_pk, role_pk):
    system = system_for(request.user, system_pk, MANAGE)
    role = get_object_or_404(SystemRole, pk=role_pk, system=system)
    services.remove_role(role, actor=request.user)
    messages.success(request, f"{role.user.email} no longer has a role in {system.name}.")
    return redirect(reverse("systems:roles", args=[system.pk]))
