from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.accounts.tokens import SIGN_IN_LINK_SECONDS, sign_in_link_tokens, sign_in_path

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_password(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.post(
        reverse("accounts:sign_in"),
        {"username": "lead@example.nhs.uk", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_wrong_password_says_what_to_fix_and_signs_nobody_in(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.post(
        reverse("accounts:sign_in"), {"username": "lead@example.nhs.uk", "password": "nope"}
    )
    assert response.status_code == 400
    assert "Enter a correct email address and password" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


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


def test_sign_in_link_works_once(client):
    user = UserFactory()
    path = sign_in_path(user)
    first = client.get(path)
    assert first.status_code == 302
    assert first.wsgi_request.user == user
    client.post(reverse("accounts:sign_out"))
    second = client.get(path)
    assert second.status_code == 400
    assert "expired" in second.content.decode()
    assert not second.wsgi_request.user.is_authenticated


def test_sign_in_link_expires(client, monkeypatch):
    user = UserFactory()
    path = sign_in_path(user)
    later = datetime.now() + timedelta(seconds=SIGN_IN_LINK_SECONDS + 5)
    monkeypatch.setattr(sign_in_link_tokens, "_now", lambda: later)
    response = client.get(path)
    assert response.status_code == 400


def test_tampered_sign_in_link_is_refused(client):
    user = UserFactory()
    path = sign_in_path(user)
    response = client.get(path[:-3] + "abc/")
    assert response.status_code == 400
    response = client.get(reverse("accounts:sign_in_link", args=["bm90YW51bWJlcg", "x-y"]))
    assert response.status_code == 400


def test_sign_out_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    client.post(reverse("accounts:sign_out"))
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated
