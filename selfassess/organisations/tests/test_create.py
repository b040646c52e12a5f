"""Setting up an organisation: anyone signed in, and they become its first admin."""

from html import unescape

import pytest
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Membership, Organisation, Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/organisations/new/"

GOOD = {
    "name": "  Riverside Community NHS Trust ",
    "ods_code": " rx9 ",
    "organisation_type": "community_trust",
    "region": "north_west",
    "workforce_band": "3000_7999",
}


def test_the_url_name_is_stable():
    assert reverse("organisations:create") == URL


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    assert not Organisation.objects.exists()


def test_the_form_shows_every_field(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for field_id in ("id_name", "id_ods_code", "id_organisation_type", "id_region"):
        assert f'id="{field_id}"' in html
    assert "Integrated care board" in html
    assert "500 to 2,999 staff" in html


def test_the_creator_becomes_the_only_admin(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, GOOD)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{organisation.pk}/"
    assert organisation.name == "Riverside Community NHS Trust"
    assert organisation.ods_code == "RX9"
    assert organisation.region == "north_west"
    assert list(organisation.memberships.values_list("user", "role")) == [(user.pk, Role.ADMIN)]
    # The new organisation's page now shows the admin-only link to manage people.
    html = client.get(response["Location"]).content.decode()
    assert f"/organisations/{organisation.pk}/people/" in html


def test_the_home_page_links_to_set_up(client):
    client.force_login(UserFactory())
    assert URL in client.get("/").content.decode()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": "  "}, "name", "Enter the organisation's name"),
        ({"ods_code": "R1"}, "ods_code", "3 to 6 capital letters and numbers"),
        ({"organisation_type": ""}, "organisation_type", "Select the type of organisation"),
        (
            {"organisation_type": "castle"},
            "organisation_type",
            "Select a type of organisation from the list",
        ),
        ({"region": ""}, "region", "Select the region"),
        ({"workforce_band": ""}, "workforce_band", "Select how many staff"),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(client, changes, field, message):
    client.force_login(UserFactory())
    response = client.post(URL, {**GOOD, **changes})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "There is a problem" in html
    assert f'href="#id_{field}"' in html
    assert message in html
    assert "<title>Error: " in html
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_an_ods_code_already_in_use_is_refused(client):
    OrganisationFactory(ods_code="RX9")
    client.force_login(UserFactory())
    response = client.post(URL, GOOD)
    assert response.status_code == 400
    assert "An organisation with ODS code RX9 is already set up" in response.content.decode()
    assert Organisation.objects.count() == 1
