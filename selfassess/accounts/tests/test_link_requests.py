"""Asking for a sign-in link: the same answer whether or not the address has an account."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from selfassess.accounts.models import SignInLink
from selfassess.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
KNOWN, UNKNOWN = "lead@example.nhs.uk", "nobody@example.nhs.uk"


def ask(email, ip="192.0.2.1"):
    client = Client()
    response = client.post(reverse("accounts:request_link"), {"email": email}, REMOTE_ADDR=ip)
    page = client.get(response["Location"]).content.decode()
    return response, page


def without_tokens(page, email):
    page = page.replace(email, "EMAIL")
    return re.sub(r'value="[A-Za-z0-9]{64}"', 'value="CSRF"', page)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account():
    UserFactory(email=KNOWN)
    known, known_page = ask(KNOWN)
    unknown, unknown_page = ask(UNKNOWN)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:check_email")
    assert without_tokens(known_page, KNOWN) == without_tokens(unknown_page, UNKNOWN)
    assert sorted(known.cookies) == sorted(unknown.cookies)
    # Each address gets one email: a link for the account, "no account" for the other.
    assert [m.to for m in mail.outbox] == [[KNOWN], [UNKNOWN]]
    assert "/sign-in/link/" in mail.outbox[0].body
    assert "/sign-in/link/" not in mail.outbox[1].body
    assert "has no account" in mail.outbox[1].body


def test_the_account_is_found_whatever_the_case_and_spaces():
    user = UserFactory(email=KNOWN)
    ask("  Lead@Example.NHS.uk ")
    assert SignInLink.objects.filter(user=user).count() == 1
    assert mail.outbox[0].to == [KNOWN]


def test_a_deactivated_account_is_answered_as_no_account():
    UserFactory(email=KNOWN, is_active=False)
    ask(KNOWN)
    assert not SignInLink.objects.exists()
    assert "has no account" in mail.outbox[0].body


def test_a_malformed_address_says_what_to_fix_and_sends_nothing(client):
    response = client.post(reverse("accounts:request_link"), {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()
    assert mail.outbox == []


def test_the_emailed_link_signs_the_person_in():
    user = UserFactory(email=KNOWN)
    ask(KNOWN)
    path = re.search(r"http://testserver(/sign-in/link/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    assert client.get(path).status_code == 200
    assert client.post(path).wsgi_request.user == user
    assert "within 15 minutes" in mail.outbox[0].body


def test_a_mail_server_that_refuses_gives_the_same_page(settings):
    """No 500, and nothing that tells an account holder's address from any other."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    UserFactory(email=KNOWN)
    known, known_page = ask(KNOWN)
    unknown, unknown_page = ask(UNKNOWN)
    assert known.status_code == unknown.status_code == 302
    assert without_tokens(known_page, KNOWN) == without_tokens(unknown_page, UNKNOWN)
