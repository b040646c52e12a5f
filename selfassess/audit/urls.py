from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("organisations/<int:pk>/audit/", views.log, name="log"),
    path("organisations/<int:pk>/audit/download/", views.download, name="download"),
]
