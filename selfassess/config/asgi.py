"""The service as an ASGI application, for uvicorn (``make run``) and for gunicorn's uvicorn
workers in production (``selfassess/config/gunicorn.py``).

ASGI rather than WSGI because the live workshop holds one open connection per phone (server-
sent events, ``selfassess.workshop.stream``): an idle connection is a few kilobytes in the
event loop, where under WSGI it would hold a whole worker thread.

uvicorn writes an access line for each request with its path, and a personal link's path is
the participant's token; its access logger gets the service's redacting filter here, on the
logger itself, so it holds whatever handlers uvicorn or gunicorn give it.
"""

import logging
import os
import warnings

from django.core.asgi import get_asgi_application

from selfassess.core.redaction import RedactTokensFilter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfassess.config.settings.production")
# WhiteNoise's static files and the CSV and PDF downloads are files read in a worker thread;
# Django serves them correctly under ASGI but warns about each one.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)
application = get_asgi_application()


def redact_access_log(name: str = "uvicorn.access") -> None:
    logger = logging.getLogger(name)
    if not any(isinstance(each, RedactTokensFilter) for each in logger.filters):
        logger.addFilter(RedactTokensFilter())


redact_access_log()
