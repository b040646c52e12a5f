"""gunicorn's settings for production: ``gunicorn -c python:selfassess.config.gunicorn``.

gunicorn manages the worker processes; each runs the ASGI application under uvicorn
(``uvicorn_worker.UvicornWorker``), because the live workshop holds one open connection per
phone and an event loop holds thousands of those where a thread per connection could not. A
worker still runs ordinary pages in threads of its own, so nothing else changes.

Several workers (or several servers) must share the workshop's live channel layer through
Redis: set ``SELFASSESS_LIVE_REDIS_URL`` (see ``channel_layer_from_environment`` in the
settings). With one worker it may be left unset.

The one thing that must not be left to defaults: an access log writes every request's path,
and a personal link's path is the participant's token. uvicorn's access lines are filtered in
``selfassess.config.asgi``; the logger class below does the same for gunicorn's own access
log, should an operator run a gunicorn worker class that writes one. Everything else may be
set on the command line or in the environment (``GUNICORN_CMD_ARGS``) as usual.
"""

import os

from gunicorn.glogging import Logger

from selfassess.core.redaction import redact

wsgi_app = "selfassess.config.asgi:application"
bind = os.environ.get("SELFASSESS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SELFASSESS_WORKERS", "3"))
worker_class = "uvicorn_worker.UvicornWorker"
# Slightly longer than a board PDF takes to build; the proxy's timeout should be longer still.
timeout = int(os.environ.get("SELFASSESS_TIMEOUT", "60"))
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


class RedactingLogger(Logger):
    """gunicorn's logger with personal-link and sign-in tokens taken out of every atom: the
    request line, the path, the query, the Referer and any header or environ value."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) for key, value in atoms.items()}


logger_class = RedactingLogger
