"""Single sign-on against a real OpenID Connect provider started on loopback (the npm
`oidc-provider` package, see tests/security/oidc): Microsoft Entra ID tenants with a client
secret, and CIS2 with a signed client key (private_key_jwt) and an assurance level.

No mocks: the service fetches the provider's discovery document and keys, exchanges the code
at its token endpoint and checks the ID token it gets back. Where a test needs a bad token
the provider itself alters the next one it issues.
"""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from selfassess.accounts import sso
from selfassess.accounts.models import SingleSignOnIdentity
from selfassess.accounts.tests.factories import UserFactory
from selfassess.audit.models import Action, AuditEvent
from selfassess.organisations.tests.factories import MembershipFactory

from .oidc import OTHER_TENANT, TENANT, ProviderBrowser, path_of, start_provider, stop_provider

pytestmark = pytest.mark.django_db
COLLEAGUE = "board.member@example.nhs.uk"


@pytest.fixture(scope="module")
def provider():
    running = start_provider()
    yield running
    stop_provider(running)


@pytest.fixture
def configured(provider, settings):
    settings.SELFASSESS_SSO = provider.sso_settings()
    sso._documents.clear()
    return provider


@pytest.fixture
def colleague():
    """Someone an admin has added (no password, no single sign-on yet)."""
    return MembershipFactory(user__email=COLLEAGUE, user__password=None).user


def sign_in(client, key, *, email=COLLEAGUE, tid=TENANT, acr="", browser=None, stay=False):
    """Press "Sign in with ..." here, sign in at the provider, and come back."""
    data = {"stay_signed_in": "on"} if stay else {}
    start = client.post(reverse("accounts:sso_start", kwargs={"key": key}), data)
    assert start.status_code == 302, start.content
    browser = browser or ProviderBrowser()
    back = browser.follow(start["Location"], form={"login": email, "tid": tid, "acr": acr})
    return client.get(path_of(back))


def signed_in_as(response):
    user = response.wsgi_request.user
    return user.email if user.is_authenticated else None


def refused_because(caplog, reason):
    return any(f": {reason}" in record.getMessage() for record in caplog.records)


def test_the_sign_in_page_offers_each_configured_provider(client, configured):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert "Sign in with NHSmail" in page
    assert "Sign in with NHS Care Identity Service" in page


def test_an_invited_colleague_signs_in_with_their_work_account(client, configured, colleague):
    response = sign_in(client, "entra-nhsmail")
    assert response.status_code == 302
    assert signed_in_as(response) == COLLEAGUE
    identity = SingleSignOnIdentity.objects.get(user=colleague)
    assert identity.issuer == f"{configured.base}/{TENANT}/v2.0"
    event = AuditEvent.objects.get(action=Action.SIGN_IN, actor=colleague)
    assert event.details == {"method": "single sign-on"}
    # The next time, the stored identity is used, and no second one is made.
    client.post(reverse("accounts:sign_out"))
    assert signed_in_as(sign_in(Client(), "entra-nhsmail")) == COLLEAGUE
    assert SingleSignOnIdentity.objects.filter(user=colleague).count() == 1


def test_single_sign_on_gives_no_account_and_no_membership(client, configured):
    response = sign_in(client, "entra-nhsmail", email="not.added@example.nhs.uk")
    assert response.status_code == 403
    assert "You do not have an account yet" in response.content.decode()
    assert signed_in_as(response) is None
    assert not get_user_model().objects.filter(email="not.added@example.nhs.uk").exists()


def test_a_tenant_the_operator_did_not_configure_is_refused(client, configured, colleague, caplog):
    caplog.set_level(logging.WARNING)
    response = sign_in(client, "entra-nhsmail", tid=OTHER_TENANT)
    assert response.status_code == 403
    assert "not set up to sign in to this service" in response.content.decode()
    assert signed_in_as(response) is None
    assert refused_because(caplog, "tenant")


def test_an_address_outside_the_tenants_domains_is_refused(client, configured, caplog):
    UserFactory(email="someone@elsewhere.example")
    caplog.set_level(logging.WARNING)
    response = sign_in(client, "entra-nhsmail", email="someone@elsewhere.example")
    assert response.status_code == 403
    assert signed_in_as(response) is None
    assert refused_because(caplog, "domain")


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("audience", "audience"), ("expired", "expired"), ("tamper", "signature")],
)
def test_an_id_token_that_fails_a_check_signs_nobody_in(
    client, configured, colleague, caplog, mode, reason
):
    caplog.set_level(logging.WARNING)
    configured.set_mode(mode)
    response = sign_in(client, "entra-nhsmail")
    assert response.status_code == 403
    assert "could not be checked" in response.content.decode()
    assert signed_in_as(response) is None
    assert refused_because(caplog, reason)
    assert not SingleSignOnIdentity.objects.exists()


def test_a_callback_this_browser_did_not_start_is_refused(client, configured, colleague):
    """A code and state from someone else's sign-in (login CSRF) do nothing here."""
    start = Client().post(reverse("accounts:sso_start", kwargs={"key": "entra-nhsmail"}))
    back = ProviderBrowser().follow(start["Location"], form={"login": COLLEAGUE, "tid": TENANT})
    response = client.get(path_of(back))
    assert response.status_code == 400
    assert signed_in_as(response) is None


def test_a_code_works_once(client, configured, colleague):
    start = client.post(reverse("accounts:sso_start", kwargs={"key": "entra-nhsmail"}))
    back = ProviderBrowser().follow(start["Location"], form={"login": COLLEAGUE, "tid": TENANT})
    assert signed_in_as(client.get(path_of(back))) == COLLEAGUE
    replay = Client()
    session = replay.session
    session[sso.PENDING_KEY] = dict(client.session.get(sso.PENDING_KEY) or {})
    session.save()
    assert signed_in_as(replay.get(path_of(back))) is None


def test_sign_out_signs_out_at_the_provider_too(client, configured, colleague):
    browser = ProviderBrowser()
    assert signed_in_as(sign_in(client, "entra-nhsmail", browser=browser)) == COLLEAGUE
    response = client.post(reverse("accounts:sign_out"))
    assert signed_in_as(client.get(reverse("core:home"))) is None
    end_session = sso.metadata(sso.providers()["entra-nhsmail"])["end_session_endpoint"]
    assert response["Location"].startswith(end_session)
    assert "id_token_hint=" in response["Location"]
    back = browser.follow(response["Location"], form={"logout": "yes"})
    assert back == "http://testserver/"
    # The provider's own session has ended: signing in again asks for the account again.
    start = client.post(reverse("accounts:sso_start", kwargs={"key": "entra-nhsmail"}))
    page = browser.follow(start["Location"])
    assert "Sign in to the test provider" in page.text


def test_cis2_signs_in_with_a_signed_client_key_at_the_asked_for_level(
    client, configured, colleague
):
    response = sign_in(client, "cis2", acr="AAL3_ANY")
    assert signed_in_as(response) == COLLEAGUE
    assert SingleSignOnIdentity.objects.get(user=colleague).provider == "cis2"


def test_cis2_below_the_asked_for_level_is_refused(client, configured, colleague, caplog):
    caplog.set_level(logging.WARNING)
    response = sign_in(client, "cis2", acr="AAL1_USERPASS")
    assert response.status_code == 403
    assert "not at the level this service needs" in response.content.decode()
    assert refused_because(caplog, "assurance")


def test_the_assurance_level_is_configurable(client, provider, settings, colleague):
    settings.SELFASSESS_SSO = provider.sso_settings(acr_values="AAL1_USERPASS")
    assert signed_in_as(sign_in(client, "cis2", acr="AAL1_USERPASS")) == COLLEAGUE


def test_the_cis2_public_key_is_published_for_the_provider(client, configured):
    from joserfc import jwk

    keys = client.get(reverse("accounts:cis2_jwks")).json()["keys"]
    private = jwk.RSAKey.import_key(configured.cis2_private_key)
    assert keys[0]["n"] == private.as_dict(private=False)["n"]
    assert "d" not in keys[0]
    assert keys[0]["kid"] == private.thumbprint()


def test_a_provider_that_cannot_be_reached_gets_a_clear_page(client, settings, provider):
    config = provider.sso_settings()
    config["entra"]["authority"] = "http://127.0.0.1:9"
    settings.SELFASSESS_SSO = config
    sso._documents.clear()
    response = client.post(reverse("accounts:sso_start", kwargs={"key": "entra-nhsmail"}))
    assert response.status_code == 502
    assert "could not be reached" in response.content.decode()
