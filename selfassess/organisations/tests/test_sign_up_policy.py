"""Who may set up an organisation is the operator's choice: open, limited to named email
domains, or open but approved by the operator before the organisation can send email. A name
with a line break is refused at the form."""

import io
from html import unescape

import pytest
from django.core.management import call_command

from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Organisation

pytestmark = pytest.mark.django_db

URL = "/organisations/new/"
GOOD = {
    "name": "Riverside Community NHS Trust",
    "organisation_type": "community_trust",
    "region": "north_west",
    "workforce_band": "3000_7999",
}


def signed_in(client, email):
    client.force_login(UserFactory(email=email))
    return client


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("lead@nhs.net", True),
        ("lead@riverside.nhs.uk", True),
        ("lead@NHS.UK", True),
        ("lead@example.com", False),
        ("lead@notnhs.net", False),
        ("lead@nhs.uk.example.com", False),
    ],
)
def test_domains_lets_in_only_the_named_domains(client, settings, email, allowed):
    settings.SELFASSESS_ORGANISATION_SIGN_UP = "domains"
    settings.SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS = ["nhs.net", "nhs.uk"]
    client = signed_in(client, email)
    page = client.get(URL)
    response = client.post(URL, GOOD)
    if allowed:
        assert page.status_code == 200
        assert response.status_code == 302
        assert Organisation.objects.count() == 1
    else:
        assert page.status_code == 403
        text = unescape(page.content.decode())
        assert "only people with an email address at nhs.net, nhs.uk" in text
        assert response.status_code == 403
        assert not Organisation.objects.exists()


def test_approval_creates_an_organisation_that_waits_for_the_operator(client, settings):
    settings.SELFASSESS_ORGANISATION_SIGN_UP = "approval"
    client = signed_in(client, "lead@example.com")
    response = client.post(URL, GOOD)
    organisation = Organisation.objects.get()
    assert organisation.awaiting_approval
    page = unescape(client.get(response["Location"]).content.decode())
    assert "the service's operator must approve it" in page

    out = io.StringIO()
    call_command("approve_organisation", "--list", stdout=out)
    assert "Riverside Community NHS Trust" in out.getvalue()
    call_command("approve_organisation", str(organisation.pk), stdout=io.StringIO())
    organisation.refresh_from_db()
    assert not organisation.awaiting_approval


def test_open_sign_up_needs_no_approval(client, settings):
    settings.SELFASSESS_ORGANISATION_SIGN_UP = "open"
    signed_in(client, "lead@example.com").post(URL, GOOD)
    assert not Organisation.objects.get().awaiting_approval


def test_an_unknown_setting_is_treated_as_approval(client, settings):
    settings.SELFASSESS_ORGANISATION_SIGN_UP = "opne"
    signed_in(client, "lead@example.com").post(URL, GOOD)
    assert Organisation.objects.get().awaiting_approval


@pytest.mark.parametrize("name", ["Riverside\r\nBcc: x@example.com", "River\nside", "Tab\there"])
def test_a_name_must_be_one_line(client, name):
    response = signed_in(client, "lead@example.com").post(URL, {**GOOD, "name": name})
    assert response.status_code == 400
    assert "must be on one line" in unescape(response.content.decode())
    assert not Organisation.objects.exists()


def test_a_line_break_in_a_name_does_not_break_the_added_colleague_email(client, mailoutbox):
    client = signed_in(client, "lead@example.com")
    client.post(URL, GOOD)
    organisation = Organisation.objects.get()
    Organisation.objects.filter(pk=organisation.pk).update(name="Riverside\r\nTrust")
    response = client.post(
        f"/organisations/{organisation.pk}/people/",
        {"email": "colleague@example.com", "role": "viewer"},
    )
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.subject.endswith("for Riverside Trust")
    assert "Riverside\r" not in message.body
