from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/people/", views.people, name="people"),
    path("<int:pk>/people/<int:membership_pk>/", views.person, name="person"),
    path("<int:pk>/people/<int:membership_pk>/remove/", views.remove_person, name="remove_person"),
    path(
        "<int:pk>/people/<int:membership_pk>/sign-in-link/",
        views.send_sign_in_link,
        name="send_sign_in_link",
    ),
]
