from django.urls import path

from . import views

app_name = "peers"
urlpatterns = [
    path("organisations/<int:pk>/context/", views.context, name="context"),
    path("organisations/<int:pk>/peers/", views.compare, name="compare"),
]
