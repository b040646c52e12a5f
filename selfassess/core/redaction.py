"""Keep personal-link and sign-in-link tokens out of every log.

A personal link (``/take-part/<token>/``, ``/workshop/take-part/<token>/``) and a one-time
sign-in link (``/sign-in/link/<token>/``) are bearer tokens: whoever reads one from an access
log can answer as that participant, or sign in as that member. Web servers log each request's
path, and the page after a sign-in link sends it again as the Referer, so the token segment
is replaced with ``[redacted]`` wherever a log line is written: gunicorn's access log
(`selfassess.config.gunicorn`) and Django's own request and runserver logging (the filter
below, wired in the settings' LOGGING).
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
TOKEN_PATHS = re.compile(r"(/(?:take-part|sign-in/link)/)[^/?#\s\"']+")


def redact(text):
    """``text`` with every token path segment replaced; anything not text is left alone."""
    if not isinstance(text, str) or "/" not in text:
        return text
    return TOKEN_PATHS.sub(lambda match: match.group(1) + REDACTED, text)


class RedactTokensFilter(logging.Filter):
    """Rewrites a record's message (and its arguments) with the tokens taken out; never drops
    a record."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # Django's handlers attach the request; a formatter may print its path.
            record.request_path = redact(request.get_full_path())
        return True
