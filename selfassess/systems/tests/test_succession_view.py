"""After a merger, the predecessor's shared cycles carry on its successor's system views."""

import pytest
from django.urls import reverse

from selfassess.organisations.models import Membership, Role
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience, SystemRoleName
from selfassess.systems.picture import system_picture

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db


def _member(system, name, cycle, levels):
    organisation = OrganisationFactory(name=name)
    services.accept(
        services.invite(system=system, organisation=organisation, actor=None), actor=None
    )
    assessment = answered_assessment(
        organisation,
        cycle_label=cycle,
        positions={sid: (level, 5, "") for sid, level in levels.items()},
    )
    sharing.share(
        assessment, audience=Audience.SYSTEM, system=system, scope=sharing.Scope(), actor=None
    )
    return organisation


def test_a_merged_trusts_cycles_carry_on_under_its_successor(client, django_user_model, member_of):
    system = SystemFactory()
    old = _member(system, "Old Town NHS Trust", "2025/26", {"a-1": 2, "a-2": 2, "a-3": 2})
    new = _member(system, "New City NHS Trust", "2026/27", {"a-1": 4, "a-2": 4, "a-3": 3})
    admin = member_of(old, Role.ADMIN)
    Membership.objects.create(organisation=new, user=admin, role=Role.ADMIN)
    services.make_successor(predecessor=old, successor=new, actor=admin)

    picture = system_picture(system)
    assert picture.members == ["New City NHS Trust"]
    assert picture.latest["New City NHS Trust"].cycle == "2026/27"
    labels, rows = picture.trend
    # comp-a: Old Town's 2, 2, 2 -> 2 in 2025/26; New City's 4, 4, 3 -> 4 in 2026/27.
    assert labels == ["2025/26", "2026/27"] and rows["comp-a"] == [2.0, 4.0]
    assert picture.joins == [("New City NHS Trust", "Old Town NHS Trust", "2025/26")]

    lead = django_user_model.objects.create_user(email="lead@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=None)
    client.force_login(lead)
    page = client.get(reverse("systems:view", args=[system.pk])).content.decode()
    assert "2025/26 of New City NHS Trust is the cycle Old Town NHS Trust shared" in page


def test_an_admin_of_both_names_the_successor_on_the_page(client, member_of):
    old, new, elsewhere = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    admin = member_of(old, Role.ADMIN)
    Membership.objects.create(organisation=new, user=admin, role=Role.ADMIN)
    client.force_login(admin)
    url = reverse("systems:successor", args=[old.pk])
    page = client.get(url).content.decode()
    assert new.name in page and elsewhere.name not in page
    assert client.post(url, {"successor": str(elsewhere.pk)}).status_code == 400
    assert client.post(url, {"successor": "9" * 40}).status_code == 400
    assert client.post(url, {"successor": str(new.pk)}).status_code == 302
    assert old.succeeded_by.successor == new
