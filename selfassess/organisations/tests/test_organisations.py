import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Membership, Organisation, Role
from selfassess.organisations.rules import is_admin, is_facilitator, is_member
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["RX1", "QWE", "A81001", "15N", " rx1 "])
def test_valid_ods_codes(code):
    organisation = OrganisationFactory.build(ods_code=code)
    organisation.full_clean()
    assert organisation.ods_code == code.strip().upper()


@pytest.mark.parametrize("code", ["R1", "RX1-01", "ABCDEFG", "R X1", "RX1!"])
def test_invalid_ods_codes_say_what_to_enter(code):
    organisation = OrganisationFactory.build(ods_code=code)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "3 to 6 capital letters and numbers" in str(error.value)


def test_ods_code_is_unique_when_given_but_may_be_blank_for_many():
    OrganisationFactory(ods_code="RX1")
    OrganisationFactory(ods_code="")
    OrganisationFactory(ods_code="")
    with pytest.raises(IntegrityError):
        OrganisationFactory(ods_code="RX1")


def test_one_role_per_person_per_organisation():
    organisation = OrganisationFactory()
    user = UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=Role.VIEWER)
    with pytest.raises(IntegrityError):
        Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)


@pytest.mark.parametrize(
    "role, member, facilitator, admin",
    [
        (None, False, False, False),
        (Role.VIEWER, True, False, False),
        (Role.FACILITATOR, True, True, False),
        (Role.ADMIN, True, True, True),
    ],
)
def test_role_rules(member_of, role, member, facilitator, admin):
    organisation = OrganisationFactory()
    user = member_of(organisation, role) if role else UserFactory()
    assert is_member(user, organisation) is member
    assert is_facilitator(user, organisation) is facilitator
    assert is_admin(user, organisation) is admin
    other = OrganisationFactory()
    assert not is_member(user, other)


def test_detail_for_a_member(client, member_of):
    organisation = OrganisationFactory(name="Riverside NHS Trust", ods_code="RX1")
    client.force_login(member_of(organisation, Role.VIEWER, user__email="viewer@example.nhs.uk"))
    response = client.get(reverse("organisations:detail", args=[organisation.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside NHS Trust" in html
    assert "RX1" in html
    assert "viewer@example.nhs.uk" in html


def test_detail_is_not_found_for_another_organisations_user(client, member_of):
    organisation = OrganisationFactory()
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    response = client.get(reverse("organisations:detail", args=[organisation.pk]))
    assert response.status_code == 404


def test_detail_asks_anonymous_users_to_sign_in(client):
    organisation = OrganisationFactory()
    response = client.get(reverse("organisations:detail", args=[organisation.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    "role, sees_survey, sees_data",
    [(Role.VIEWER, False, False), (Role.FACILITATOR, True, False), (Role.ADMIN, True, True)],
)
def test_detail_links_to_what_the_role_may_do(client, member_of, role, sees_survey, sees_data):
    organisation = OrganisationFactory()
    client.force_login(member_of(organisation, role))
    html = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert (reverse("cycles:survey", args=[organisation.pk]) in html) is sees_survey
    assert (reverse("reports:organisation_data", args=[organisation.pk]) in html) is sees_data


def test_detail_counts_each_assessments_completions(client, member_of):
    from django.utils import timezone

    from selfassess.assessments.tests.factories import (
        AssessmentFactory,
        ParticipantFactory,
        ParticipantGroupFactory,
    )

    organisation = OrganisationFactory()
    assessment = AssessmentFactory(organisation=organisation, cycle_label="2026/27")
    groups = [ParticipantGroupFactory(assessment=assessment) for _ in range(2)]
    # Three invited in two groups, two of them finished: the count must not multiply by group.
    for group, done in [(groups[0], True), (groups[0], False), (groups[1], True)]:
        ParticipantFactory(
            assessment=assessment, group=group, completed_at=timezone.now() if done else None
        )
    client.force_login(member_of(organisation, Role.VIEWER))
    html = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert "2 of 3" in html
