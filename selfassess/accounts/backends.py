"""A guard in front of every password check, wherever it happens (our sign-in page, the
operator's admin sign-in, anything later that calls `authenticate`).

It never signs anyone in: it only refuses, by raising PermissionDenied, which makes Django
stop trying the other backends. Listed first in AUTHENTICATION_BACKENDS. It has no
`get_user`, so no session is ever tied to it.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from . import ratelimit


class SignInRateLimitBackend:
    def authenticate(self, request, username=None, **credentials):
        if ratelimit.is_blocked(request, username):
            raise PermissionDenied("Too many failed sign-in attempts")
        return None


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    ratelimit.record_failure(request, credentials.get("username"))


@receiver(user_logged_in)
def _forget_failures(sender, request, user, **kwargs):
    ratelimit.clear_address(user.get_username())
