import pytest
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["core:home", "core:about", "core:privacy", "core:accessibility"])
def test_public_pages_render_with_the_nhs_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "nhsuk-header" in html
    assert "/static/nhsuk/nhsuk-frontend.min.css" in html


def test_home_lists_only_the_users_organisations(client, member_of):
    mine = OrganisationFactory(name="Mine NHS Trust")
    OrganisationFactory(name="Someone Else NHS Trust")
    client.force_login(member_of(mine, Role.VIEWER))
    html = client.get(reverse("core:home")).content.decode()
    assert "Mine NHS Trust" in html
    assert "Someone Else NHS Trust" not in html
    assert "Viewer" in html


def test_home_for_a_user_without_organisations(client):
    client.force_login(UserFactory())
    html = client.get(reverse("core:home")).content.decode()
    assert "not a member of any organisation" in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
