from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("take-part/about/", views.intro, name="intro"),
    path("take-part/answer/<int:position>/", views.component, name="component"),
    path("take-part/check/", views.check, name="check"),
    path("take-part/done/", views.done, name="done"),
    path("take-part/saved/", views.saved, name="saved"),
    path("take-part/your-link/", views.joined, name="joined"),
    path("take-part/<str:token>/", views.start, name="start"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join, name="join"),
]
