from django.urls import path

from . import member_views, system_views

app_name = "systems"
urlpatterns = [
    path("systems/", system_views.index, name="index"),
    path("systems/<int:system_pk>/", system_views.view, name="view"),
    path(
        "systems/<int:system_pk>/components/<str:component_id>/",
        system_views.component,
        name="component",
    ),
    path("systems/<int:system_pk>/board-paper/", system_views.pdf, name="pdf"),
    path("systems/<int:system_pk>/workbook/", system_views.xlsx, name="xlsx"),
    path("systems/<int:system_pk>/exchange/", system_views.exchange, name="exchange"),
    path("systems/<int:system_pk>/members/", system_views.members, name="members"),
    path("systems/<int:system_pk>/members/<int:member_pk>/end/", system_views.end, name="end"),
    path("systems/<int:system_pk>/roles/", system_views.roles, name="roles"),
    path(
        "systems/<int:system_pk>/roles/<int:role_pk>/remove/",
        system_views.remove_role,
        name="remove_role",
    ),
    path("organisations/<int:organisation_pk>/run-a-system/", member_views.set_up, name="set_up"),
    path(
        "organisations/<int:organisation_pk>/systems/",
        member_views.memberships,
        name="memberships",
    ),
    path(
        "organisations/<int:organisation_pk>/systems/<int:member_pk>/accept/",
        member_views.accept,
        name="accept",
    ),
    path(
        "organisations/<int:organisation_pk>/systems/<int:member_pk>/leave/",
        member_views.leave,
        name="leave",
    ),
    path(
        "organisations/<int:organisation_pk>/successor/",
        member_views.successor,
        name="successor",
    ),
    path("assessments/<int:assessment_pk>/sharing/", member_views.sharing_page, name="sharing"),
    path(
        "assessments/<int:assessment_pk>/sharing/<str:audience>/",
        member_views.share,
        name="share",
    ),
    path(
        "assessments/<int:assessment_pk>/sharing/<str:audience>/notes/",
        member_views.notes,
        name="notes",
    ),
]
