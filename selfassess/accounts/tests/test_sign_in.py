"""Signing in with a password, and with a one-time link whose page only shows a button."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from selfassess.accounts import tokens
from selfassess.accounts.models import SignInLink
from selfassess.accounts.tests.factories import UserFactory
from selfassess.audit.models import Action, AuditEvent
from selfassess.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def signed_in(response):
    return response.wsgi_request.user.is_authenticated


def test_sign_in_with_email_and_password(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.post(
        reverse("accounts:sign_in"),
        {"username": "lead@example.nhs.uk", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert signed_in(response)


def test_wrong_password_says_what_to_fix_and_signs_nobody_in(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.post(
        reverse("accounts:sign_in"), {"username": "lead@example.nhs.uk", "password": "nope"}
    )
    assert response.status_code == 400
    assert "Enter a correct email address and password" in response.content.decode()
    assert not signed_in(response)


def test_sign_in_ignores_an_off_site_next(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.post(
        reverse("accounts:sign_in"),
        {
            "username": "lead@example.nhs.uk",
            "password": "correct horse battery staple",
            "next": "https://elsewhere.example/steal",
        },
    )
    assert response["Location"] == reverse("core:home")


def test_the_sign_in_page_offers_a_link_first(client):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert page.index("Email me a sign-in link") < page.index("Sign in with a password")
    assert 'action="/sign-in/email-link/"' in page


def test_opening_a_link_spends_nothing_and_shows_a_sign_in_button(client):
    """A mail system's scanner fetches the link (and anything it links to); the link still
    works for the person afterwards."""
    user = UserFactory()
    path = tokens.sign_in_path(user)
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200
        assert not signed_in(response)
    page = response.content.decode()
    assert user.email in page and 'method="post"' in page
    assert SignInLink.objects.get(user=user).used_at is None
    assert signed_in(client.post(path))


def test_a_link_works_once(client):
    user = UserFactory()
    path = tokens.sign_in_path(user)
    first = client.post(path)
    assert first.status_code == 302
    assert first.wsgi_request.user == user
    client.post(reverse("accounts:sign_out"))
    again = client.post(path)
    assert again.status_code == 400
    assert "expired" in again.content.decode()
    assert not signed_in(again)
    assert client.get(path).status_code == 400


def test_a_link_replayed_from_another_browser_is_refused(client, django_user_model):
    from django.test import Client

    user = UserFactory()
    path = tokens.sign_in_path(user)
    assert signed_in(client.post(path))
    other = Client()
    response = other.post(path)
    assert response.status_code == 400
    assert not signed_in(response)


@pytest.mark.parametrize(
    ("purpose", "lifetime"),
    [
        (tokens.Purpose.REQUESTED, timedelta(minutes=15)),
        (tokens.Purpose.ADDED, timedelta(hours=24)),
        (tokens.Purpose.COMMAND, timedelta(hours=1)),
    ],
)
def test_a_link_expires_after_its_lifetime(client, purpose, lifetime):
    user = UserFactory()
    token = tokens.issue(user, purpose=purpose)
    link = SignInLink.objects.get(user=user)
    assert abs((link.expires_at - link.created_at) - lifetime) < timedelta(seconds=5)
    SignInLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(tokens.path_for(token))
    assert response.status_code == 400
    assert not signed_in(response)


def test_only_a_hash_of_the_link_is_stored(client):
    user = UserFactory()
    token = tokens.issue(user, purpose=tokens.Purpose.REQUESTED)
    stored = SignInLink.objects.get(user=user).token_hash
    assert token not in stored and len(stored) == 64


def test_a_deactivated_account_cannot_use_its_link(client):
    user = UserFactory()
    path = tokens.sign_in_path(user)
    user.is_active = False
    user.save()
    assert client.post(path).status_code == 400


def test_tampered_links_are_refused(client):
    user = UserFactory()
    path = tokens.sign_in_path(user)
    assert client.post(path[:-4] + "abc/").status_code == 400
    assert client.post(reverse("accounts:sign_in_link", args=["x" * 500])).status_code == 400


def test_the_expired_page_asks_for_a_new_link_in_one_step(client):
    page = client.get(reverse("accounts:sign_in_link", args=["not-a-link"])).content.decode()
    assert "Email me a new sign-in link" in page
    assert 'action="/sign-in/email-link/"' in page


def test_sign_out_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    client.post(reverse("accounts:sign_out"))
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


def test_each_organisation_sees_a_sign_in_in_its_audit_log(client):
    membership = MembershipFactory()
    second = MembershipFactory(user=membership.user)
    client.post(tokens.sign_in_path(membership.user))
    events = AuditEvent.objects.filter(action=Action.SIGN_IN, actor=membership.user)
    assert {e.organisation_id for e in events} == {
        membership.organisation_id,
        second.organisation_id,
    }
    assert {e.details["method"] for e in events} == {"link"}
