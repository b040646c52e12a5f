"""The service as an ASGI application, for uvicorn (``make run``) and for gunicorn's uvicorn
workers in production (``selfassess/config/gunicorn.py``).

ASGI because the live workshop holds one open connection per phone (server-sent events,
``selfassess.workshop.stream``): an idle connection is a few kilobytes in the event loop,
where a threaded server would hold a whole thread for it.

But only the views written for the event loop (``async def``: the streams) run under
Django's ASGI handler. Every other page goes to Django's WSGI handler, run in a pool of
threads beside the loop (``a2wsgi``), exactly as a threaded WSGI server runs it. Why: under
the ASGI handler each of the service's sync middlewares is handed between the loop and a
thread on every request, and with fifteen of them that made an ordinary request cost about
four times as much: in the 1,000-phone room benchmark, votes spread over 10 seconds waited
p95 1.5 s that way and 68 ms this way (``BENCHMARKS.md``). Whether a view is async is asked of
Django's own URL resolver, so a new async view needs nothing here.

uvicorn writes an access line for each request with its path, and a personal link's path is
the participant's token; its access logger gets the service's redacting filter here, on the
logger itself, so it holds whatever handlers uvicorn or gunicorn give it.
"""

import logging
import os

from a2wsgi import WSGIMiddleware
from asgiref.sync import iscoroutinefunction
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application
from django.urls import Resolver404, resolve

from selfassess.core.redaction import RedactTokensFilter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfassess.config.settings.production")

# Threads for pages in each worker process; each may hold one database connection from the
# worker's pool (SELFASSESS_DB_POOL_SIZE), so keep this below that.
PAGE_THREADS = int(os.environ.get("SELFASSESS_THREADS", "8"))

streams = get_asgi_application()
pages = WSGIMiddleware(get_wsgi_application(), workers=PAGE_THREADS)


def served_on_the_loop(path: str) -> bool:
    """True for a path whose view is ``async def``; a path that matches nothing is a page
    (Django's WSGI handler answers it with the service's 404)."""
    try:
        view = resolve(path).func
    except Resolver404:
        return False
    return iscoroutinefunction(view)


async def application(scope, receive, send):
    if scope["type"] == "http" and not served_on_the_loop(scope["path"]):
        await pages(scope, receive, send)
    else:
        await streams(scope, receive, send)


def redact_access_log(name: str = "uvicorn.access") -> None:
    logger = logging.getLogger(name)
    if not any(isinstance(each, RedactTokensFilter) for each in logger.filters):
        logger.addFilter(RedactTokensFilter())


redact_access_log()
