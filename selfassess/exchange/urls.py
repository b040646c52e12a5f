from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("organisations/<int:pk>/sharing-files/send/", views.send, name="send"),
    path("organisations/<int:pk>/sharing-files/withdraw/", views.withdraw, name="withdraw"),
    path("organisations/<int:pk>/sharing-files/receive/", views.receive, name="receive"),
]
