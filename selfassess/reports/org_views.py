"""An organisation's data: export all of it, and delete an assessment or everything.

Only an organisation admin (``manage_organisation``) may do either. Deleting needs the name
typed exactly and is POST-only; it cannot be undone, so the page says to export first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect, render
from django.urls import reverse

from selfassess.assessments.views import assessment_requiring, crumbs
from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.views import organisation_requiring

from . import orgdata
from .forms import TypedConfirmationForm
from .views import download

MANAGE = "organisations.manage_organisation"


def _org_crumbs(organisation, title):
    return [
        {"text": "Home", "href": "/"},
        {
            "text": organisation.name,
            "href": reverse("organisations:detail", args=[organisation.pk]),
        },
        {"text": title, "href": ""},
    ]


@login_required
def organisation_data(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    form = TypedConfirmationForm(request.POST or None, expected=organisation.name)
    if request.method == "POST" and form.is_valid():
        name = organisation.name
        try:
            organisation.delete()
        except (ProtectedError, RestrictedError):
            form.add_error(None, "Some of the data is still in use and could not be deleted.")
        else:
            # Its own log went with it, so the deletion is kept in the service-wide log.
            record(
                organisation=None,
                actor=request.user,
                action=Action.DELETED,
                summary=f"Deleted all of {name}'s data",
                details={"organisation": pk},
            )
            messages.success(request, f"All of {name}'s data has been deleted.")
            return redirect("core:home")
    return render(
        request,
        "reports/organisation_data.jinja",
        {
            "page_title": "Your organisation's data",
            "page_error": bool(form.errors),
            "organisation": organisation,
            "form": form,
            "personal_data": orgdata.personal_data_statement(organisation),
            "breadcrumbs": _org_crumbs(organisation, "Your organisation's data"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def organisation_export(request, pk):
    organisation = organisation_requiring(request.user, pk, MANAGE)
    content = orgdata.dumps(orgdata.export_organisation(organisation))
    record(
        organisation=organisation,
        actor=request.user,
        action=Action.EXPORTED,
        summary="Downloaded the whole organisation's data, with every answer one by one",
        details={"bytes": len(content)},
    )
    return download(content, "application/json", f"organisation-{organisation.pk}-export.json")


@login_required
def delete_assessment(request, pk):
    assessment = assessment_requiring(request.user, pk, MANAGE)
    form = TypedConfirmationForm(request.POST or None, expected=assessment.cycle_label)
    if request.method == "POST" and form.is_valid():
        organisation = assessment.organisation
        described = str(assessment)
        try:
            assessment.delete()
        except (ProtectedError, RestrictedError):
            form.add_error(None, "Some of the data is still in use and could not be deleted.")
        else:
            record(
                organisation=organisation,
                actor=request.user,
                action=Action.DELETED,
                summary=f"Deleted the assessment {described} and all its answers",
                details={"assessment": pk},
            )
            messages.success(request, f"The {form.expected} assessment has been deleted.")
            return redirect("organisations:detail", organisation.pk)
    return render(
        request,
        "reports/delete_assessment.jinja",
        {
            "page_title": "Delete this assessment",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "form": form,
            "breadcrumbs": crumbs(assessment, {"text": "Delete this assessment", "href": ""}),
        },
        status=400 if form.errors else 200,
    )
