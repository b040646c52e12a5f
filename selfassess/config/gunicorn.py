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

LIVE_REDIS_URL = os.environ.get("SELFASSESS_LIVE_REDIS_URL", "")

wsgi_app = "selfassess.config.asgi:application"
bind = os.environ.get("SELFASSESS_BIND", "127.0.0.1:8000")
# One worker unless the workers can share the live channel layer (see on_starting).
workers = int(os.environ.get("SELFASSESS_WORKERS", "3" if LIVE_REDIS_URL else "1"))
worker_class = "uvicorn_worker.UvicornWorker"
# How long a worker's event loop may go without answering gunicorn before it is restarted.
# Pages, PDFs and downloads run in threads beside the loop, so this bounds a stuck worker, not
# a request; the proxy's own timeouts bound slow clients (README, "The live workshop").
timeout = int(os.environ.get("SELFASSESS_TIMEOUT", "60"))
# Longer than a proxy keeps an idle connection to the service (nginx: 60 s), so the service is
# never the one to close a connection the proxy is about to send a request down.
keepalive = int(os.environ.get("SELFASSESS_KEEPALIVE", "75"))
# Believe no forwarded header at this layer: which proxies to trust, and so each client's
# address for the sign-in limits, is decided once, by SELFASSESS_TRUSTED_PROXIES.
forwarded_allow_ips = ""
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


def on_starting(server):
    """Refuse to start several workers that could not tell each other of workshop changes.

    Without Redis each worker's channel layer lives in its own memory, so a phone whose stream
    one worker holds would never hear of a vote the facilitator opened through another: the
    workshop would look frozen with no error anywhere. Better not to start, and say why."""
    if server.cfg.workers > 1 and not LIVE_REDIS_URL:
        raise RuntimeError(
            f"{server.cfg.workers} workers need SELFASSESS_LIVE_REDIS_URL (a redis:// address "
            "they all reach) to share the live workshop's updates; set it, or run one worker."
        )


class RedactingLogger(Logger):
    """gunicorn's logger with personal-link and sign-in tokens taken out of every atom: the
    request line, the path, the query, the Referer and any header or environ value."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) for key, value in atoms.items()}


logger_class = RedactingLogger
