from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("assessments/<int:pk>/releases/snapshot/", views.snapshot, name="snapshot"),
    path("assessments/<int:pk>/comments/", views.comments, name="comments"),
]
