"""When the database cannot be reached, say "try again shortly" instead of failing.

A database restart, a failover or a network blip must not show a participant a traceback or
a bare error in the middle of a workshop. Two paths lead here:

* a view (or the template it renders) raises ``OperationalError`` or ``InterfaceError``:
  ``process_exception`` answers with the page;
* a middleware inside this one raises it (the session being read before the view, or saved
  after it): Django has already turned that into a 500 response (or, when drawing the 500
  page failed too, another exception) before it reaches us, so a ``got_request_exception``
  receiver marks the request and ``__call__`` swaps either for the page.

The page is rendered without the request, so drawing it never touches the database (no
signed-in user, no messages, no session). Status 503 also stops the session middleware from
trying to save the session. Nothing is retried here: a write that failed was rolled back by
the database, and the person can send it again. The app recovers by itself: Django closes a
connection that raised an error when the request ends, and the next request opens a new one.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
TEMPLATE = "operations/unavailable.jinja"
_MARK = "_selfassess_database_unavailable"


def unavailable_response() -> HttpResponse:
    """The 503 page; a plain-text one if even the template cannot be drawn."""
    try:
        body = render_to_string(TEMPLATE, {"page_title": "Sorry, the service is unavailable"})
        content_type = "text/html; charset=utf-8"
    except Exception:  # the page about a failure must not fail
        logger.exception("the unavailable page could not be drawn")
        body = "Sorry, the service is unavailable. Try again shortly."
        content_type = "text/plain; charset=utf-8"
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except Exception:
            # Drawing the usual error page can fail in turn (it reads the half-loaded
            # session); once the database was seen to be away, that is the real cause.
            if getattr(request, _MARK, False):
                return unavailable_response()
            raise
        if getattr(request, _MARK, False) and response.status_code == 500:
            return unavailable_response()
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        logger.error("database unavailable: %s %s", request.method, request.path, exc_info=True)
        return unavailable_response()


@receiver(got_request_exception, dispatch_uid="operations-database-unavailable")
def mark_database_unavailable(sender, request=None, **kwargs):
    """Runs inside Django's exception handling, so the exception is still the current one."""
    if request is not None and isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        setattr(request, _MARK, True)
