from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("operations/bench-floor/", views.floor, name="floor"),
]
