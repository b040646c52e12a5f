from django.urls import path

from . import views

app_name = "cycles"
urlpatterns = [
    path("assessments/<int:pk>/cycles/compare/", views.compare, name="compare"),
    path("assessments/<int:pk>/cycles/trend/", views.trend, name="trend"),
    path("assessments/<int:pk>/cycles/next/", views.start_next, name="next"),
    path("organisations/<int:organisation_pk>/staff-survey/", views.survey, name="survey"),
]
