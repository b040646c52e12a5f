"""Authentication backends: a guard in front of every password check, and one marker backend
for each way of signing in that is not a password.

The guard never signs anyone in: it only refuses, by raising PermissionDenied, which makes
Django stop trying the other backends. Listed first in AUTHENTICATION_BACKENDS. It has no
`get_user`, so no session is ever tied to it.

The marker backends never check anything themselves (their `authenticate` always declines):
the views that verified a link or an identity provider's token call `login(..., backend=...)`
with one of them, so the session records *how* the person signed in. That is what the
two-factor rule and the audit log read (see `sign_in_method`).
"""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from . import ratelimit

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 - a class path
LINK_BACKEND = "selfassess.accounts.backends.SignInLinkBackend"
SSO_BACKEND = "selfassess.accounts.backends.SingleSignOnBackend"
METHODS = {PASSWORD_BACKEND: "password", LINK_BACKEND: "link", SSO_BACKEND: "single sign-on"}


class SignInRateLimitBackend:
    def authenticate(self, request, username=None, **credentials):
        if ratelimit.is_blocked(request, username):
            raise PermissionDenied("Too many failed sign-in attempts")
        return None


class _MarkerBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None


class SignInLinkBackend(_MarkerBackend):
    """Signed in by pressing "Sign in" on a one-time link's page."""


class SingleSignOnBackend(_MarkerBackend):
    """Signed in through an identity provider (Microsoft Entra ID, NHS CIS2)."""


def sign_in_method(request) -> str:
    """'password', 'link' or 'single sign-on' for the current session; '' when signed out."""
    return METHODS.get(request.session.get(BACKEND_SESSION_KEY, ""), "")


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    ratelimit.record_failure(request, credentials.get("username"))


@receiver(user_logged_in)
def _forget_failures(sender, request, user, **kwargs):
    ratelimit.clear_address(user.get_username())
