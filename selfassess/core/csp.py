"""The Content-Security-Policy: everything from this service's own origin, nothing inline.

The one inline script on every page is the NHS.UK frontend template's line that marks the
body `js-enabled`. Rather than allow inline scripts ('unsafe-inline'), the policy allows that
exact script by its SHA-256 hash, read from the installed template itself, so an upgrade of
the package that changes the line keeps working and no other inline script ever runs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib import resources

from django.conf import settings

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@cache
def nhsuk_template_script_hashes() -> tuple[str, ...]:
    template = resources.files("nhsuk_frontend_jinja") / "templates" / "nhsuk" / "template.jinja"
    return tuple(script_hash(body) for body in INLINE_SCRIPT.findall(template.read_text()))


@cache
def _directives() -> dict[str, list[str]]:
    directives = {name: list(values) for name, values in settings.CONTENT_SECURITY_POLICY.items()}
    directives.setdefault("script-src", ["'self'"])
    directives["script-src"] += nhsuk_template_script_hashes()
    return directives


def header_value() -> str:
    """The policy as one header value, from settings.CONTENT_SECURITY_POLICY.

    The "Sign in with ..." and "Sign out" buttons post here and are redirected on to the
    identity provider, and browsers apply form-action to that redirect too, so the origins of
    the configured providers (and only those) are added to form-action."""
    from selfassess.accounts.sso import form_action_origins

    directives = dict(_directives())
    extra = form_action_origins()
    if extra:
        directives["form-action"] = [*directives.get("form-action", ["'self'"]), *extra]
    return "; ".join(" ".join([name, *values]).strip() for name, values in directives.items())
