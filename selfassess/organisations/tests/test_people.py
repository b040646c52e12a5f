"""Managing people: admins only; accounts without passwords; never losing the last admin."""

import re
from html import unescape

import pytest
from django.core import mail

from selfassess.accounts.models import User
from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Membership, Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Riverside NHS Trust")


@pytest.fixture
def admin(organisation, member_of):
    return member_of(organisation, Role.ADMIN, user__email="admin@example.nhs.uk")


def people_url(organisation):
    return f"/organisations/{organisation.pk}/people/"


def person_url(membership):
    return f"/organisations/{membership.organisation_id}/people/{membership.pk}/"


def role_of(organisation, email):
    return Membership.objects.get(organisation=organisation, user__email=email).role


# Who may reach each page ------------------------------------------------------------------


def _all_urls(organisation, membership):
    return [
        ("get", people_url(organisation)),
        ("post", people_url(organisation)),
        ("get", person_url(membership)),
        ("post", person_url(membership)),
        ("post", person_url(membership) + "remove/"),
        ("post", person_url(membership) + "sign-in-link/"),
    ]


def test_anonymous_people_are_sent_to_sign_in(client, organisation, admin):
    membership = Membership.objects.get(user=admin)
    for method, url in _all_urls(organisation, membership):
        response = getattr(client, method)(url, {"email": "x@example.nhs.uk", "role": "viewer"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in/"), url
    assert Membership.objects.count() == 1
    assert role_of(organisation, "admin@example.nhs.uk") == Role.ADMIN


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FACILITATOR])
def test_members_below_admin_are_refused(client, member_of, organisation, admin, role):
    client.force_login(member_of(organisation, role))
    membership = Membership.objects.get(user=admin)
    for method, url in _all_urls(organisation, membership):
        response = getattr(client, method)(url, {"email": "x@example.nhs.uk", "role": "viewer"})
        assert response.status_code == 403, url
    assert Membership.objects.count() == 2
    assert role_of(organisation, "admin@example.nhs.uk") == Role.ADMIN
    assert mail.outbox == []


def test_another_organisations_admin_finds_nothing(client, member_of, organisation, admin):
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    membership = Membership.objects.get(user=admin)
    for method, url in _all_urls(organisation, membership):
        response = getattr(client, method)(url, {"email": "x@example.nhs.uk", "role": "viewer"})
        assert response.status_code == 404, url
    assert role_of(organisation, "admin@example.nhs.uk") == Role.ADMIN


def test_a_membership_of_another_organisation_is_not_found_through_mine(
    client, member_of, organisation, admin
):
    other = MembershipFactory(role=Role.ADMIN)
    client.force_login(admin)
    response = client.post(
        person_url(other).replace(
            f"/organisations/{other.organisation_id}/", f"/organisations/{organisation.pk}/"
        ),
        {"role": "viewer"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.role == Role.ADMIN


# Adding people ------------------------------------------------------------------------------


def test_the_people_page_lists_everyone(client, member_of, organisation, admin):
    member_of(organisation, Role.VIEWER, user__email="board.member@example.nhs.uk")
    member_of(OrganisationFactory(), Role.VIEWER, user__email="elsewhere@example.nhs.uk")
    client.force_login(admin)
    response = client.get(people_url(organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "board.member@example.nhs.uk" in html
    assert "admin@example.nhs.uk" in html
    assert "elsewhere@example.nhs.uk" not in html


def test_adding_a_new_person_creates_an_account_without_a_password(client, organisation, admin):
    client.force_login(admin)
    response = client.post(
        people_url(organisation), {"email": " New.Colleague@Example.NHS.uk ", "role": "facilitator"}
    )
    assert response.status_code == 302
    assert response["Location"] == people_url(organisation)
    user = User.objects.get(email="new.colleague@example.nhs.uk")
    assert not user.has_usable_password()
    assert role_of(organisation, user.email) == Role.FACILITATOR

    # The one-time sign-in link goes to the new colleague, not to the admin's screen.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.colleague@example.nhs.uk"]
    link = re.search(r"http://testserver(/sign-in/link/\S+/)", message.body).group(1)
    page = unescape(client.get(response["Location"]).content.decode())
    assert link not in page
    assert "We have emailed them a one-time sign-in link" in page

    # The link's page has a Sign in button, which signs the colleague in once.
    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    assert client.get(link).status_code == 400


def test_adding_someone_who_already_has_an_account_keeps_it(client, organisation, admin):
    existing = UserFactory(email="existing@example.nhs.uk")
    client.force_login(admin)
    client.post(people_url(organisation), {"email": "existing@example.nhs.uk", "role": "viewer"})
    existing.refresh_from_db()
    assert existing.has_usable_password()
    assert role_of(organisation, "existing@example.nhs.uk") == Role.VIEWER
    assert User.objects.filter(email="existing@example.nhs.uk").count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "", "role": "viewer"}, "Enter the person's email address"),
        ({"email": "not-an-email", "role": "viewer"}, "Enter an email address in the correct"),
        ({"email": "a@example.nhs.uk", "role": ""}, "Select a role"),
        ({"email": "a@example.nhs.uk", "role": "owner"}, "Select admin, facilitator or viewer"),
        (
            {"email": "ADMIN@example.nhs.uk", "role": "viewer"},
            "admin@example.nhs.uk already has a role in this organisation",
        ),
    ],
)
def test_bad_additions_are_explained_and_change_nothing(client, organisation, admin, data, message):
    client.force_login(admin)
    response = client.post(people_url(organisation), data)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert Membership.objects.count() == 1
    assert role_of(organisation, "admin@example.nhs.uk") == Role.ADMIN
    assert User.objects.count() == 1
    assert mail.outbox == []


# Changing and removing ----------------------------------------------------------------------


def test_an_admin_changes_a_role(client, member_of, organisation, admin):
    member_of(organisation, Role.VIEWER, user__email="viewer@example.nhs.uk")
    membership = Membership.objects.get(user__email="viewer@example.nhs.uk")
    client.force_login(admin)
    assert client.get(person_url(membership)).status_code == 200
    response = client.post(person_url(membership), {"role": "facilitator"})
    assert response.status_code == 302
    assert role_of(organisation, "viewer@example.nhs.uk") == Role.FACILITATOR


def test_an_admin_removes_someone(client, member_of, organisation, admin):
    member_of(organisation, Role.FACILITATOR, user__email="leaver@example.nhs.uk")
    membership = Membership.objects.get(user__email="leaver@example.nhs.uk")
    client.force_login(admin)
    response = client.post(person_url(membership) + "remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(email="leaver@example.nhs.uk").exists()


def test_the_last_admin_cannot_step_down(client, organisation, admin):
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    response = client.post(person_url(membership), {"role": "viewer"})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "must always have at least one admin" in html
    assert role_of(organisation, "admin@example.nhs.uk") == Role.ADMIN


def test_the_last_admin_cannot_be_removed(client, organisation, admin):
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    response = client.post(person_url(membership) + "remove/")
    assert response.status_code == 400
    assert "must always have at least one admin" in unescape(response.content.decode())
    assert Membership.objects.filter(pk=membership.pk, role=Role.ADMIN).exists()


def test_with_a_second_admin_an_admin_may_step_down(client, member_of, organisation, admin):
    member_of(organisation, Role.ADMIN, user__email="second.admin@example.nhs.uk")
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    response = client.post(person_url(membership), {"role": "viewer"})
    # No longer an admin, so the people page is out of reach: back to the organisation.
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{organisation.pk}/"
    assert role_of(organisation, "admin@example.nhs.uk") == Role.VIEWER


def test_an_admin_may_remove_themselves_when_another_admin_remains(
    client, member_of, organisation, admin
):
    member_of(organisation, Role.ADMIN)
    client.force_login(admin)
    response = client.post(person_url(Membership.objects.get(user=admin)) + "remove/")
    assert response["Location"] == "/"
    assert not Membership.objects.filter(user=admin).exists()


def test_a_new_sign_in_link_is_emailed_to_the_person(client, member_of, organisation, admin):
    member_of(organisation, Role.VIEWER, user__email="viewer@example.nhs.uk")
    membership = Membership.objects.get(user__email="viewer@example.nhs.uk")
    client.force_login(admin)
    response = client.post(person_url(membership) + "sign-in-link/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["viewer@example.nhs.uk"]]
    assert "/sign-in/link/" in mail.outbox[0].body


def test_state_changes_need_post(client, organisation, admin):
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    assert client.get(person_url(membership) + "remove/").status_code == 405
    assert client.get(person_url(membership) + "sign-in-link/").status_code == 405
