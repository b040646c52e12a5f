"""gunicorn's settings for production: ``gunicorn -c python:selfassess.config.gunicorn
selfassess.config.wsgi``.

The one thing that must not be left to gunicorn's defaults: its access log writes every
request's path and Referer, and a personal link's path is the participant's token. The logger
class below writes the usual combined log format with every token segment replaced by
``[redacted]`` (see `selfassess.core.redaction`). Everything else may be set on the command
line or in the environment (``GUNICORN_CMD_ARGS``) as usual.
"""

import os

from gunicorn.glogging import Logger

from selfassess.core.redaction import redact

wsgi_app = "selfassess.config.wsgi"
bind = os.environ.get("SELFASSESS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SELFASSESS_WORKERS", "3"))
threads = int(os.environ.get("SELFASSESS_THREADS", "4"))
worker_class = "gthread"
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
