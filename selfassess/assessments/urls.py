from django.urls import path

from . import invitation_views, join_views, views

app_name = "assessments"
urlpatterns = [
    path("organisations/<int:organisation_pk>/assessments/new/", views.create, name="create"),
    path("assessments/<int:pk>/", views.overview, name="overview"),
    path("assessments/<int:pk>/settings/", views.edit, name="edit"),
    path("assessments/<int:pk>/open/", views.open_assessment, name="open"),
    path("assessments/<int:pk>/close/", views.close_assessment, name="close"),
    path("assessments/<int:pk>/reopen/", views.reopen_assessment, name="reopen"),
    path("assessments/<int:pk>/extend/", views.extend_closing_date, name="extend"),
    path("assessments/<int:pk>/complete/", views.complete_assessment, name="complete"),
    path("assessments/<int:pk>/invite/", invitation_views.invite, name="invite"),
    path("assessments/<int:pk>/links/", invitation_views.links, name="links_csv"),
    path("assessments/<int:pk>/join-code/", invitation_views.join, name="join"),
    path("assessments/<int:pk>/join-code/qr.svg", invitation_views.join_qr, name="join_qr"),
    path("assessments/<int:pk>/join-code/limit/", join_views.join_limit, name="join_limit"),
    path("assessments/<int:pk>/remind/", invitation_views.remind, name="remind"),
    path("assessments/<int:pk>/people/", invitation_views.participants, name="participants"),
    path(
        "assessments/<int:pk>/people/send-again/",
        invitation_views.resend_failed,
        name="resend_failed",
    ),
    path(
        "assessments/<int:pk>/people/<int:participant_pk>/send-again/",
        invitation_views.resend,
        name="resend",
    ),
    path(
        "assessments/<int:pk>/people/<int:participant_pk>/revoke/",
        invitation_views.revoke,
        name="revoke",
    ),
]
