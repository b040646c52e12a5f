"""Failed sign-ins are limited per email address (5) and per client (20) in 15 minutes,
on the service's sign-in page, the operator's admin sign-in and sign-in links alike."""

import pytest
from django.core.cache.backends import locmem
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

    class Later:
        @staticmethod
        def time():
            import time

            return time.time() + 15 * 60 + 1

    monkeypatch.setattr(locmem, "time", Later)
    assert signed_in(attempt(client, lead.email, PASSWORD))


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


def test_a_proxy_header_names_the_client_when_configured(rf, settings):
    settings.SELFASSESS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.client_of(request) == "10.0.0.1"
    settings.SELFASSESS_CLIENT_IP_HEADER = ""
    assert ratelimit.client_of(request) == "10.0.0.2"


def test_guessing_sign_in_links_is_limited_per_client(client, world):
    good = world.sign_in_link_kwargs()
    for number in range(20):
        bad = reverse("accounts:sign_in_link", args=[good["uidb64"], f"abc-{number}"])
        assert client.get(bad).status_code == 400
    response = client.get(reverse("accounts:sign_in_link", kwargs=good))
    assert response.status_code == 429
    assert not signed_in(response)
