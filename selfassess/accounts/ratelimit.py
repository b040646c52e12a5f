"""Limits on sign-in attempts and link requests, per email address and per client.

Two counters for each limit, because each stops a different attack: many machines against
one address (per address), and one machine against many addresses (per client).

The counts live in Django's cache, which is the database by default (Redis where
SELFASSESS_CACHE says so), so every worker process and every app server shares one count.
The database cache has no atomic increment, so a count is kept as numbered slots: a failure
claims the lowest free slot with `cache.add`, which only one process can win. The limit is
reached when the last slot is taken; each slot expires WINDOW_SECONDS after it was claimed,
so a locked address waits that long after its last counted failure.

The client's address comes from the connection, or from the proxy's forwarded header only
when the connection comes from a proxy the operator listed in SELFASSESS_TRUSTED_PROXIES:
anyone can write that header, so believing it from anyone would let an attacker pick a new
address for every guess.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


@dataclass(frozen=True)
class Limit:
    name: str
    per_address: int
    per_client: int


PASSWORD = Limit("sign-in-failures", per_address=5, per_client=20)
LINK_REQUESTS = Limit("link-requests", per_address=3, per_client=10)
LINK_GUESSES = Limit("link-guesses", per_address=0, per_client=20)

# The names earlier code and the README quote.
MAX_FAILURES_PER_ADDRESS = PASSWORD.per_address
MAX_FAILURES_PER_CLIENT = PASSWORD.per_client


def window_minutes() -> int:
    return WINDOW_SECONDS // 60


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in spec)


def _trusted(address: str) -> bool:
    networks = _networks(tuple(getattr(settings, "SELFASSESS_TRUSTED_PROXIES", ())))
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_of(request) -> str:
    """The client's IP address.

    From a trusted proxy, the forwarded header is read from the right (the entry the nearest
    proxy added) past any further trusted proxies; the first address not a trusted proxy is
    the client. From anyone else the header is ignored."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    header = getattr(settings, "SELFASSESS_CLIENT_IP_HEADER", "") or "HTTP_X_FORWARDED_FOR"
    if not _trusted(remote) or not request.META.get(header):
        return remote
    for entry in reversed(request.META[header].split(",")):
        entry = entry.strip()
        if not entry:
            continue
        if not _trusted(entry):
            try:
                return str(ipaddress.ip_address(entry))
            except ValueError:
                return remote
    return remote


def _address_key(limit: Limit, address: str) -> str:
    # Hashed, so the cache holds no email addresses.
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return f"{limit.name}:address:{digest}"


def _client_key(limit: Limit, client: str) -> str:
    return f"{limit.name}:client:{client}"


def _full(key: str, maximum: int) -> bool:
    return maximum > 0 and cache.get(f"{key}:{maximum - 1}") is not None


def _claim(key: str, maximum: int) -> None:
    """Take the lowest free slot. The hint saves trying the slots already taken."""
    start = min(cache.get(f"{key}:next", 0), maximum)
    for slot in range(start, maximum):
        if cache.add(f"{key}:{slot}", 1, timeout=WINDOW_SECONDS):
            cache.set(f"{key}:next", slot + 1, timeout=WINDOW_SECONDS)
            return
    if start:  # the hint was stale (earlier slots expired): look again from the start
        for slot in range(start):
            if cache.add(f"{key}:{slot}", 1, timeout=WINDOW_SECONDS):
                cache.set(f"{key}:next", slot + 1, timeout=WINDOW_SECONDS)
                return


def _clear(key: str, maximum: int) -> None:
    cache.delete_many([f"{key}:next", *(f"{key}:{slot}" for slot in range(maximum))])


def is_limited(limit: Limit, request, address: str | None = None) -> bool:
    """True while the client, or the address, has used up its attempts under `limit`."""
    if request is not None and _full(_client_key(limit, client_of(request)), limit.per_client):
        return True
    return bool(address) and _full(_address_key(limit, address), limit.per_address)


def count(limit: Limit, request, address: str | None = None) -> None:
    if request is not None and limit.per_client:
        _claim(_client_key(limit, client_of(request)), limit.per_client)
    if address and limit.per_address:
        _claim(_address_key(limit, address), limit.per_address)


def forget_address(limit: Limit, address: str) -> None:
    _clear(_address_key(limit, address), limit.per_address)


# -- the password limit, as the authentication backend and sign-in page use it -------------


def is_blocked(request, address: str | None = None) -> bool:
    return is_limited(PASSWORD, request, address)


def record_failure(request, address: str | None = None) -> None:
    count(PASSWORD, request, address)


def clear_address(address: str) -> None:
    forget_address(PASSWORD, address)
