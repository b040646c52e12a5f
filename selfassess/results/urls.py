from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("assessments/<int:pk>/results/", views.overview, name="overview"),
    path(
        "assessments/<int:pk>/results/components/<str:component_id>/",
        views.component,
        name="component",
    ),
    path("assessments/<int:pk>/results/where-to-start/", views.discussion, name="discussion"),
    path("assessments/<int:pk>/results/groups/", views.groups, name="groups"),
]
