"""Limits on failed sign-in attempts, per email address and per client, in Django's cache.

Two counters, because each stops a different attack: guessing one person's password from
many machines (per address), and trying many addresses from one machine (per client). The
counters live in the cache so every app server sees the same counts when the cache is shared
(Redis or the database cache, see settings); with the default local-memory cache each
process counts on its own, which still limits an attacker, only less tightly.

Fixed windows: the first failure starts a window of WINDOW_SECONDS; when it ends the count
starts again. A successful sign-in clears its address's count (not the client's, so one
good password does not reset an attack from the same machine on other addresses).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 5
MAX_FAILURES_PER_CLIENT = 20


def window_minutes() -> int:
    return WINDOW_SECONDS // 60


def client_of(request) -> str:
    """The client's IP address. Behind a proxy, SELFASSESS_CLIENT_IP_HEADER names the
    request header (as in META) the proxy sets; its last entry is the one the proxy saw."""
    header = getattr(settings, "SELFASSESS_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def _address_key(address: str) -> str:
    # Hashed, so the cache holds no email addresses.
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return f"sign-in-failures:address:{digest}"


def _client_key(client: str) -> str:
    return f"sign-in-failures:client:{client}"


def _count(key: str) -> int:
    return cache.get(key, 0)


def _increment(key: str) -> None:
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)


def is_blocked(request, address: str | None = None) -> bool:
    """True while the client, or the address, has used up its failed attempts."""
    if request is not None and _count(_client_key(client_of(request))) >= MAX_FAILURES_PER_CLIENT:
        return True
    return bool(address) and _count(_address_key(address)) >= MAX_FAILURES_PER_ADDRESS


def record_failure(request, address: str | None = None) -> None:
    if request is not None:
        _increment(_client_key(client_of(request)))
    if address:
        _increment(_address_key(address))


def clear_address(address: str) -> None:
    cache.delete(_address_key(address))
