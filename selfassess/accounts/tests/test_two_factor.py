"""Two factors: who is asked, setting up an authenticator, recovery codes, and an
organisation's requirement."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from selfassess.accounts import tokens, two_factor
from selfassess.accounts.models import OrganisationSignInPolicy
from selfassess.accounts.tests.factories import UserFactory
from selfassess.audit.models import AuditEvent
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """django-otp makes a device wait after a wrong code; these tests give a right one next."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    totp.time += offset
    return f"{totp.token():06d}"


def password_sign_in(client, user):
    return client.post(reverse("accounts:sign_in"), {"username": user.email, "password": PASSWORD})


def with_authenticator(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    two_factor.new_recovery_codes(user=user)
    return device


@pytest.fixture
def admin():
    return MembershipFactory(role=Role.ADMIN, user__email="admin@example.nhs.uk").user


def test_an_admin_with_a_password_must_set_up_two_factors_before_anything_else(client, admin):
    password_sign_in(client, admin)
    response = client.get(
        reverse("organisations:detail", args=[admin.memberships.get().organisation_id])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and 'id="totp-key"' in page
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    # The same QR code on reload: the pending authenticator is kept.
    client.get(reverse("accounts:two_factor_setup"))
    assert TOTPDevice.objects.filter(user=admin).count() == 1
    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "The code is not right" in wrong.content.decode()
    done = client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT == 10
    assert client.get(reverse("core:home")).status_code == 200


def test_an_admin_with_an_authenticator_gives_a_code_after_the_password(client, admin):
    device = with_authenticator(admin)
    response = password_sign_in(client, admin)
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:two_factor"))
    wrong = client.post(reverse("accounts:two_factor"), {"code": "123456"})
    assert wrong.status_code == 400
    right = client.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    assert right.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert response.wsgi_request.user == admin


def test_a_recovery_code_works_once_in_place_of_the_app(client, admin):
    with_authenticator(admin)
    recovery = two_factor.new_recovery_codes(user=admin)
    password_sign_in(client, admin)
    assert client.post(reverse("accounts:two_factor"), {"code": recovery[0]}).status_code == 302
    assert two_factor.recovery_codes_left(admin) == 9
    other = Client()
    password_sign_in(other, admin)
    assert other.post(reverse("accounts:two_factor"), {"code": recovery[0]}).status_code == 400


def test_wrong_codes_are_limited(client, admin):
    device = with_authenticator(admin)
    password_sign_in(client, admin)
    for _ in range(5):
        assert client.post(reverse("accounts:two_factor"), {"code": "111111"}).status_code == 400
    assert (
        client.post(reverse("accounts:two_factor"), {"code": code_for(device)}).status_code == 429
    )


def test_the_operator_is_asked_for_a_code_on_the_admin_site(client):
    operator = UserFactory(email="operator@example.nhs.uk", is_staff=True, is_superuser=True)
    device = with_authenticator(operator)
    client.post(reverse("admin:login"), {"username": operator.email, "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    client.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_viewer_with_a_password_is_not_asked_unless_they_chose_it(client):
    viewer = MembershipFactory(role=Role.VIEWER).user
    password_sign_in(client, viewer)
    assert client.get(reverse("core:home")).status_code == 200


def test_links_ask_only_people_who_turned_it_on_or_whose_organisation_requires_it(client, admin):
    client.post(tokens.sign_in_path(admin))
    assert client.get(reverse("core:home")).status_code == 200  # an admin by link: no code
    device = with_authenticator(admin)
    other = Client()
    other.post(tokens.sign_in_path(admin))
    assert other.get(reverse("core:home")).status_code == 302
    other.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    assert other.get(reverse("core:home")).status_code == 200


def test_an_organisation_admin_can_require_two_factors_for_every_member(client, admin):
    organisation = admin.memberships.get().organisation
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER).user
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=Role.VIEWER).user
    client.force_login(admin)
    url = reverse("accounts:organisation_policy", args=[organisation.pk])
    assert client.post(url, {"require_two_factor": "on"}).status_code == 302
    assert OrganisationSignInPolicy.objects.get(organisation=organisation).require_two_factor
    assert AuditEvent.objects.filter(organisation=organisation, summary__contains="two factors")
    member = Client()
    member.post(tokens.sign_in_path(viewer))
    assert member.get(reverse("core:home"))["Location"].startswith(
        reverse("accounts:two_factor_setup")
    )
    elsewhere = Client()
    elsewhere.post(tokens.sign_in_path(outsider))
    assert elsewhere.get(reverse("core:home")).status_code == 200


def test_only_an_admin_may_change_the_requirement(client, admin):
    organisation = admin.memberships.get().organisation
    facilitator = MembershipFactory(organisation=organisation, role=Role.FACILITATOR).user
    client.force_login(facilitator)
    url = reverse("accounts:organisation_policy", args=[organisation.pk])
    assert client.post(url, {"require_two_factor": "on"}).status_code == 403
    assert not OrganisationSignInPolicy.objects.filter(require_two_factor=True).exists()


def test_single_sign_on_never_asks():
    admin = MembershipFactory(role=Role.ADMIN).user
    with_authenticator(admin)
    assert not two_factor.second_factor_needed(admin, "single sign-on")
    assert two_factor.second_factor_needed(admin, "password")


def test_an_admin_cannot_turn_two_factors_off_but_a_viewer_can(client, admin):
    with_authenticator(admin)
    client.force_login(admin)
    client.post(reverse("accounts:two_factor_turn_off"))
    assert two_factor.has_authenticator(admin)
    viewer = MembershipFactory(role=Role.VIEWER).user
    client.force_login(viewer)  # signed in before turning it on, so no code is owed
    with_authenticator(viewer)
    client.post(reverse("accounts:two_factor_turn_off"))
    assert not two_factor.has_authenticator(viewer)


def test_new_recovery_codes_replace_the_old_ones(client):
    viewer = MembershipFactory(role=Role.VIEWER).user
    client.force_login(viewer)
    with_authenticator(viewer)
    old = set(two_factor.new_recovery_codes(user=viewer))
    page = client.post(reverse("accounts:two_factor_recovery_codes")).content.decode()
    new = set(re.findall(r"<li><code>(\w+)</code></li>", page))
    assert len(new) == 10 and not old & new
    assert two_factor.recovery_codes_left(viewer) == 10
