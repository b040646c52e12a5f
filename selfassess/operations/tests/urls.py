"""The site's URLs plus one page that changes the session, to fail after the view."""

from django.http import HttpResponse
from django.urls import path

from selfassess.config.urls import handler404, handler500  # noqa: F401
from selfassess.config.urls import urlpatterns as site


def touch_session(request):
    request.session["visited"] = True
    return HttpResponse("saved later, by the session middleware")


urlpatterns = [path("test-touch-session/", touch_session), *site]
