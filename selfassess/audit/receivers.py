"""Failed sign-ins to an organisation's members, in that organisation's log.

A wrong password for a member's account is something the organisation's admins should be able
to see (someone may be guessing). Only accounts that exist and belong to an organisation are
logged, never the address that was typed, and at most as many rows per account in each
sign-in window as the sign-in limit allows failures: a blocked attacker who keeps trying
cannot fill the log.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from selfassess.accounts import ratelimit

from .models import Action
from .services import record


def _within_quota(user) -> bool:
    key = f"audit:failed-sign-in:{user.pk}"
    cache.add(key, 0, timeout=ratelimit.WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=ratelimit.WINDOW_SECONDS)
        count = 1
    return count <= ratelimit.PASSWORD.per_address


@receiver(user_login_failed, dispatch_uid="audit-failed-sign-in")
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or credentials.get("email")
    if not username:
        return
    user = get_user_model()._default_manager.filter(email__iexact=str(username)[:254]).first()
    if user is None:
        return
    organisations = [m.organisation for m in user.memberships.select_related("organisation")]
    if not organisations or not _within_quota(user):
        return
    for organisation in organisations:
        record(
            organisation=organisation,
            actor=None,
            actor_label="someone at the sign-in page",
            action=Action.SIGN_IN_FAILED,
            summary=f"A password sign-in to {user.email}'s account was refused",
            details={"account": user.pk},
        )
