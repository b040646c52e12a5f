"""Two factors: who must give a code, setting up an authenticator app, and recovery codes.

The rule (`second_factor_needed`), decided once when someone signs in and kept in the
session:
- single sign-on never asks: the identity provider applies its own second factor (NHSmail
  and CIS2 both do), and asking twice would only teach people to click through;
- a password sign-in asks admins of any organisation, the operator (staff), anyone who
  has turned two factors on, and every member of an organisation whose admin requires it;
- a link sign-in asks anyone who has turned two factors on and every member of an
  organisation whose admin requires it (the link proves the mailbox, the code the phone).

Someone who must give a code but has no authenticator yet is taken to set one up before
anything else. Codes come from django-otp's TOTP devices; recovery codes are its static
tokens, each usable once.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .backends import sign_in_method
from .models import OrganisationSignInPolicy

NEEDED_KEY = "_second_factor_needed"
RECOVERY_CODE_COUNT = 10
# Pages a person part-way through signing in may still reach.
OPEN_VIEWS = {
    "accounts:two_factor",
    "accounts:two_factor_setup",
    "accounts:sign_out",
    "admin:logout",
    "core:about",
    "core:privacy",
    "core:accessibility",
}


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def required_by_organisation(user) -> bool:
    return OrganisationSignInPolicy.objects.filter(
        organisation__memberships__user=user, require_two_factor=True
    ).exists()


def _is_admin_anywhere(user) -> bool:
    from selfassess.organisations.models import Role

    return user.memberships.filter(role=Role.ADMIN).exists()


def second_factor_needed(user, method: str) -> bool:
    if method == "password":
        return (
            user.is_staff
            or user.is_superuser
            or _is_admin_anywhere(user)
            or has_authenticator(user)
            or required_by_organisation(user)
        )
    if method == "link":
        return has_authenticator(user) or required_by_organisation(user)
    return False


def may_turn_off(user) -> bool:
    """Nobody may turn off what the rules require of them on a password sign-in."""
    return not (
        user.is_staff
        or user.is_superuser
        or _is_admin_anywhere(user)
        or required_by_organisation(user)
    )


@receiver(user_logged_in)
def _decide_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[NEEDED_KEY] = second_factor_needed(user, sign_in_method(request))


def is_pending(request) -> bool:
    """Signed in, but still owes a code."""
    user = request.user
    return (
        user.is_authenticated
        and request.session.get(NEEDED_KEY, False)
        and not (hasattr(user, "is_verified") and user.is_verified())
    )


class TwoFactorMiddleware:
    """After OTPMiddleware: until the code is given, every page leads to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_pending(request) and not self._open(request):
            target = "accounts:two_factor"
            if not has_authenticator(request.user):
                target = "accounts:two_factor_setup"
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        from django.conf import settings

        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_VIEWS
        except Resolver404:
            return False


# -- setting up and recovery codes ---------------------------------------------------------


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up, made on first use and kept until
    confirmed, so reloading the page does not change the QR code under the person."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirm_authenticator(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the new authenticator if `code` is right, and return fresh recovery codes."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=device.user)


def new_recovery_codes(*, user) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Recovery codes"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def turn_off(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def after_code(request, default="core:home"):
    from .views import safe_next

    return redirect(safe_next(request, default))
