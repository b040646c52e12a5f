"""The reports section of an assessment's overview page: what this person may open."""

from django.urls import reverse

from .views import RUN, VIEW

MANAGE = "organisations.manage_organisation"


def panel_context(request, assessment):
    user, organisation = request.user, assessment.organisation
    if not user.has_perm(VIEW, organisation):
        return None
    pk = assessment.pk
    links = [
        {"href": reverse("reports:board", args=[pk]), "text": "Report to the board"},
        {"href": reverse("reports:pdf", args=[pk]), "text": "Report to the board as a PDF"},
    ]
    if user.has_perm(RUN, organisation):
        links += [
            {
                "href": reverse("reports:settings", args=[pk]),
                "text": "Choose what the report holds",
            },
            {"href": reverse("reports:downloads", args=[pk]), "text": "Download the data"},
            {
                "href": reverse("reports:import", args=[pk]),
                "text": "Import responses from a CSV file",
            },
        ]
    if user.has_perm(MANAGE, organisation):
        links += [
            {
                "href": reverse("reports:organisation_data", args=[organisation.pk]),
                "text": "Export or delete all of the organisation's data",
            },
            {
                "href": reverse("reports:delete_assessment", args=[pk]),
                "text": "Delete this assessment",
            },
        ]
    return {"links": links}
