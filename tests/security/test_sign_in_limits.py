"""Failed sign-ins are limited per email address (5) and per client (20) in 15 minutes,
on the service's sign-in page, the operator's admin sign-in and sign-in links alike; links
asked for by email are limited too, and a link that was sent always works for its owner."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache.backends import db as database_cache
from django.test import Client as client_class
from django.urls import reverse

from selfassess.accounts import ratelimit
from selfassess.accounts.tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # the factory's password


@pytest.fixture
def lead(world):
    return UserFactory(email="lead@example.nhs.uk")


def attempt(client, email, password, ip="192.0.2.1"):
    return client.post(
        reverse("accounts:sign_in"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(response):
    return response.wsgi_request.user.is_authenticated


def test_the_limits_are_the_documented_ones():
    assert ratelimit.MAX_FAILURES_PER_ADDRESS == 5
    assert ratelimit.MAX_FAILURES_PER_CLIENT == 20
    assert ratelimit.WINDOW_SECONDS == 15 * 60


def test_five_wrong_passwords_lock_the_address_even_for_the_right_one(client, lead):
    for _ in range(5):
        assert attempt(client, lead.email, "wrong guess").status_code == 400
    response = attempt(client, lead.email, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(response)
    assert "Wait 15 minutes" in response.content.decode()
    # From another machine too: the limit is on the address.
    assert attempt(client, lead.email, PASSWORD, ip="198.51.100.7").status_code == 429


def test_the_address_is_matched_whatever_its_case(client, lead):
    for _ in range(5):
        attempt(client, "Lead@Example.NHS.uk", "wrong guess")
    assert attempt(client, lead.email, PASSWORD).status_code == 429


def test_four_failures_then_success_clears_the_address(client, lead):
    for _ in range(4):
        attempt(client, lead.email, "wrong guess")
    assert signed_in(attempt(client, lead.email, PASSWORD))
    client.post(reverse("accounts:sign_out"))
    for _ in range(4):
        attempt(client, lead.email, "wrong guess")
    assert signed_in(attempt(client, lead.email, PASSWORD))


def test_twenty_failures_from_one_client_block_it_for_every_address(client, lead):
    for number in range(20):
        attempt(client, f"guess{number}@example.nhs.uk", "wrong guess")
    assert attempt(client, lead.email, PASSWORD).status_code == 429
    # Another client is not affected.
    assert signed_in(attempt(client, lead.email, PASSWORD, ip="198.51.100.7"))


def test_the_window_ends_after_fifteen_minutes(client, lead, monkeypatch):
    for _ in range(5):
        attempt(client, lead.email, "wrong guess")
    assert attempt(client, lead.email, PASSWORD).status_code == 429
    later = database_cache.tz_now() + datetime.timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(database_cache, "tz_now", lambda: later)
    assert signed_in(attempt(client, lead.email, PASSWORD))


def test_the_counts_live_in_the_database_cache_by_default(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("db.DatabaseCache")


def test_the_operators_admin_sign_in_is_limited_too(client, world):
    operator = world.operator
    login = reverse("admin:login")
    control = client_class()
    assert signed_in(control.post(login, {"username": operator.email, "password": PASSWORD}))
    for _ in range(5):
        client.post(login, {"username": operator.email, "password": "wrong guess"})
    response = client.post(login, {"username": operator.email, "password": PASSWORD})
    assert not signed_in(response)
    assert client.get(reverse("admin:index")).status_code == 302


def test_guessing_sign_in_links_is_limited_per_client(client, world):
    for number in range(20):
        bad = reverse("accounts:sign_in_link", args=[f"guess-{number}"])
        assert client.post(bad).status_code == 400
    assert client.post(reverse("accounts:sign_in_link", args=["one-more"])).status_code == 429


def test_a_link_that_was_sent_works_for_its_owner_through_every_lockout(client, world, lead):
    """Password failures on the address, password failures from the client, link guesses from
    the client: none stops a real link."""
    for _ in range(5):
        attempt(client, lead.email, "wrong guess")
    for number in range(20):
        attempt(client, f"guess{number}@example.nhs.uk", "wrong guess")
        client.post(reverse("accounts:sign_in_link", args=[f"guess-{number}"]))
    assert attempt(client, lead.email, PASSWORD).status_code == 429
    response = client.post(
        reverse("accounts:request_link"), {"email": lead.email}, REMOTE_ADDR="192.0.2.1"
    )
    assert response.status_code == 302
    link = re.search(r"http://testserver(/sign-in/link/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302
    assert signed_in(response)


def ask(client, email, ip="192.0.2.1"):
    return client.post(reverse("accounts:request_link"), {"email": email}, REMOTE_ADDR=ip)


def test_asking_for_links_is_limited_per_address(client, world, lead):
    for _ in range(3):
        assert ask(client, lead.email).status_code == 302
    response = ask(client, lead.email, ip="198.51.100.7")
    assert response.status_code == 429
    assert "Wait 15 minutes" in response.content.decode()
    assert len(mail.outbox) == 3


def test_asking_for_links_is_limited_per_client(client, world):
    for number in range(10):
        assert ask(client, f"person{number}@example.nhs.uk").status_code == 302
    assert ask(client, "person99@example.nhs.uk").status_code == 429
    assert ask(client, "person99@example.nhs.uk", ip="198.51.100.7").status_code == 302
    assert len(mail.outbox) == 11


# -- whose address is the client's -----------------------------------------------------------


def test_the_forwarded_header_is_ignored_from_a_client_that_is_no_proxy(rf, settings):
    settings.SELFASSESS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="198.51.100.20")
    assert ratelimit.client_of(request) == "198.51.100.20"


def test_the_forwarded_header_is_believed_from_a_trusted_proxy(rf, settings):
    settings.SELFASSESS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client wrote a fake entry first; the proxy appended the address it saw.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.client_of(request) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(rf, settings):
    settings.SELFASSESS_TRUSTED_PROXIES = ["10.0.0.0/8", "172.16.0.1"]
    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9, 172.16.0.1", REMOTE_ADDR="10.0.0.2"
    )
    assert ratelimit.client_of(request) == "203.0.113.9"


def test_a_named_header_is_read_only_from_a_trusted_proxy(rf, settings):
    settings.SELFASSESS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SELFASSESS_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.9", REMOTE_ADDR="127.0.0.1")
    assert ratelimit.client_of(request) == "203.0.113.9"
    settings.SELFASSESS_TRUSTED_PROXIES = []
    assert ratelimit.client_of(request) == "127.0.0.1"


def test_rubbish_in_the_header_falls_back_to_the_connection(rf, settings):
    settings.SELFASSESS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.client_of(request) == "10.0.0.2"


def test_behind_a_trusted_proxy_one_attacker_does_not_lock_everybody_out(client, lead, settings):
    """The issue's failure: behind a proxy every request came from the proxy's address, so
    twenty failures locked out everyone. With the proxy trusted, each client counts alone."""
    settings.SELFASSESS_TRUSTED_PROXIES = ["10.0.0.2"]
    for number in range(20):
        client.post(
            reverse("accounts:sign_in"),
            {"username": f"guess{number}@example.nhs.uk", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    blocked = client.post(
        reverse("accounts:sign_in"),
        {"username": lead.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert blocked.status_code == 429
    response = client.post(
        reverse("accounts:sign_in"),
        {"username": lead.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert signed_in(response)


@pytest.mark.django_db
def test_the_counts_survive_a_flood_of_other_clients(settings):
    """Failing from many addresses must not make the cache cull the counts it keeps (Django's
    database cache culls a third of its entries at 300 by default)."""
    from django.core.cache import cache

    assert settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 100_000
    cache.clear()

    class Visitor:
        def __init__(self, address):
            self.META = {"REMOTE_ADDR": address}

    target = Visitor("10.77.0.1")
    for _ in range(ratelimit.LINK_GUESSES.per_client):
        ratelimit.count(ratelimit.LINK_GUESSES, target)
    assert ratelimit.is_limited(ratelimit.LINK_GUESSES, target)
    for number in range(400):  # more entries than Django's default cache holds
        ratelimit.count(ratelimit.LINK_GUESSES, Visitor(f"10.78.{number // 250}.{number % 250}"))
    assert ratelimit.is_limited(ratelimit.LINK_GUESSES, target)
