"""The system view costs the same number of queries whatever the number of members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfassess.disclosure.tests.helpers import release_now
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience, LearningNote, SystemRoleName

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db

MOST_QUERIES = 12  # session, user, role checks, members, successions, shares, notes


def _system_of(members, django_user_model):
    system = SystemFactory()
    lead = django_user_model.objects.create_user(email=f"lead{members}@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=None)
    for index in range(members):
        organisation = OrganisationFactory(name=f"Member {index:02d} NHS Trust")
        services.accept(
            services.invite(system=system, organisation=organisation, actor=None), actor=None
        )
        assessment = answered_assessment(
            organisation,
            answers={"a-1": [1 + index % 5, 2, 3]},
            positions={"a-1": (1 + index % 5, 5, "Why"), "b-1": (2, 3, "")},
        )
        release_now(assessment)
        share = sharing.share(
            assessment,
            audience=Audience.SYSTEM,
            system=system,
            scope=sharing.Scope(rationale=True, survey=True),
            actor=None,
        )
        LearningNote.objects.create(
            share=share, statement_id="a-1", text="What worked", contact_role="QI lead"
        )
    return system, lead


@pytest.mark.parametrize(
    "name", ["systems:view", "systems:exchange", "systems:xlsx", "systems:component"]
)
def test_queries_do_not_grow_with_members(client, django_user_model, name):
    counts = []
    for members in (2, 7):
        system, lead = _system_of(members, django_user_model)
        client.force_login(lead)
        args = [system.pk, "comp-a"] if name == "systems:component" else [system.pk]
        url = reverse(name, args=args)
        client.get(url)  # warm: the session is read and saved once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        if name != "systems:xlsx":  # the pages name every member that shared
            assert f"Member {members - 1:02d} NHS Trust" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= MOST_QUERIES
