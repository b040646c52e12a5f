"""One-time sign-in links: issued, looked at, and spent.

The secret in a link is 32 random bytes; only its SHA-256 hash is stored, so a copy of the
database holds no way in. Looking at a link (`link_for`) changes nothing, which is what lets a
mail system's link scanner open it harmlessly; only `redeem`, called from the "Sign in"
button's POST, spends it, with one conditional UPDATE so two presses (or two browsers) can
never both succeed.

Lifetimes differ by how the link was sent: a link the person asked for themselves is short
lived, because they are waiting for it; the one in a "you have been added" email lasts a day,
because a busy colleague may read it hours later (and an expired one lets them ask for
another in one step).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from .models import SignInLink

Purpose = SignInLink.Purpose

LIFETIMES = {
    Purpose.REQUESTED: timedelta(minutes=15),
    Purpose.ADDED: timedelta(hours=24),
    Purpose.RESENT: timedelta(hours=24),
    Purpose.COMMAND: timedelta(hours=1),
}
# The shortest lifetime, which pages quote when they say how long a link lasts.
SIGN_IN_LINK_SECONDS = int(LIFETIMES[Purpose.COMMAND].total_seconds())


def minutes_valid(purpose) -> int:
    return int(LIFETIMES[purpose].total_seconds() // 60)


def lifetime_words(purpose) -> str:
    """'15 minutes' or '24 hours', for emails and pages."""
    minutes = minutes_valid(purpose)
    if minutes % 60 == 0 and minutes >= 120:
        return f"{minutes // 60} hours"
    if minutes == 60:
        return "1 hour"
    return f"{minutes} minutes"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user, *, purpose) -> str:
    """Make a new link for `user` and return its secret (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user,
        token_hash=_hash(token),
        purpose=purpose,
        expires_at=timezone.now() + LIFETIMES[purpose],
    )
    return token


def path_for(token: str) -> str:
    return reverse("accounts:sign_in_link", kwargs={"token": token})


def sign_in_path(user, *, purpose=Purpose.COMMAND) -> str:
    """The path of a new one-time link for `user` (the command line and tests use this)."""
    return path_for(issue(user, purpose=purpose))


def link_for(token: str) -> SignInLink | None:
    """The unspent, unexpired link with this secret, for an active account; or None.

    Reads only: opening a link must never spend it."""
    if not token or len(token) > 100:
        return None
    return (
        SignInLink.objects.select_related("user")
        .filter(
            token_hash=_hash(token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def redeem(token: str):
    """Spend the link and return its user, or None if it is unknown, spent or expired."""
    link = link_for(token)
    if link is None:
        return None
    now = timezone.now()
    spent = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    return link.user if spent == 1 else None
