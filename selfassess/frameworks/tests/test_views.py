import pytest
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_list_shows_each_framework_once(client, library_loaded):
    client.force_login(UserFactory())
    html = client.get(reverse("frameworks:list")).content.decode()
    assert html.count("NHS IMPACT organisation and system self-assessment") == 1
    assert "Large-scale improvement programme design" in html
    assert "Board improvement leadership" in html


def test_detail_shows_every_statement_and_descriptor(client, library_loaded):
    client.force_login(UserFactory())
    snapshot = library_loaded["nhs-impact"]
    response = client.get(reverse("frameworks:detail", args=[snapshot.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    from markupsafe import escape

    for statement in snapshot.framework.statements():
        assert escape(statement.text) in html
        for descriptor in statement.descriptors.values():
            assert escape(descriptor) in html
    for entry in snapshot.framework.glossary:
        assert escape(entry.term) in html


def test_frameworks_need_sign_in(client, library_loaded):
    response = client.get(reverse("frameworks:list"))
    assert response.status_code == 302
