from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("assessments/<int:pk>/plan/", views.plan, name="plan"),
    path("assessments/<int:pk>/plan/priorities/", views.priorities, name="priorities"),
    path("assessments/<int:pk>/plan/actions/new/", views.create, name="create"),
    path("assessments/<int:pk>/plan/actions/<int:action_pk>/", views.action, name="action"),
    path("assessments/<int:pk>/plan/actions/<int:action_pk>/edit/", views.edit, name="edit"),
    path(
        "assessments/<int:pk>/plan/actions/<int:action_pk>/status/",
        views.change_status,
        name="status",
    ),
    path(
        "assessments/<int:pk>/plan/actions/<int:action_pk>/notes/",
        views.add_note,
        name="note",
    ),
]
