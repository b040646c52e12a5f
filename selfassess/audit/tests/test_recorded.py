"""Each change an admin should be able to see is in the organisation's audit log."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.audit.models import Action, AuditEvent
from selfassess.organisations.models import Membership, Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Riverside NHS Trust")


@pytest.fixture
def admin_client(client, organisation, member_of):
    client.force_login(member_of(organisation, Role.ADMIN, user__email="admin@example.nhs.uk"))
    return client


def events(organisation, action):
    return list(AuditEvent.objects.filter(organisation=organisation, action=action))


def test_adding_changing_and_removing_a_person_is_logged(admin_client, organisation):
    admin_client.post(
        f"/organisations/{organisation.pk}/people/",
        {"email": "new.colleague@example.nhs.uk", "role": "viewer"},
    )
    [added] = events(organisation, Action.PERSON_ADDED)
    assert "new.colleague@example.nhs.uk" in added.summary and "viewer" in added.summary
    assert added.actor_label == "admin@example.nhs.uk"

    membership = Membership.objects.get(user__email="new.colleague@example.nhs.uk")
    person = f"/organisations/{organisation.pk}/people/{membership.pk}/"
    admin_client.post(person, {"role": "facilitator"})
    [changed] = events(organisation, Action.ROLE_CHANGED)
    assert "from viewer to facilitator" in changed.summary

    admin_client.post(person + "remove/")
    [removed] = events(organisation, Action.PERSON_REMOVED)
    assert "new.colleague@example.nhs.uk" in removed.summary


def test_setting_up_an_organisation_is_logged(client):
    client.force_login(UserFactory())
    client.post(
        "/organisations/new/",
        {
            "name": "Newly set up NHS Trust",
            "organisation_type": "acute_trust",
            "region": "london",
            "workforce_band": "under_500",
        },
    )
    [event] = AuditEvent.objects.filter(action=Action.PERSON_ADDED)
    assert event.organisation.name == "Newly set up NHS Trust"


def test_deleting_an_assessment_is_logged(admin_client, organisation):
    assessment = AssessmentFactory(organisation=organisation, cycle_label="2026/27")
    url = reverse("reports:delete_assessment", args=[assessment.pk])
    admin_client.post(url, {"confirmation": "2026/27"})
    [deleted] = events(organisation, Action.DELETED)
    assert "2026/27" in deleted.summary


def test_deleting_the_organisation_is_kept_in_the_service_wide_log(admin_client, organisation):
    url = reverse("reports:organisation_data", args=[organisation.pk])
    admin_client.post(url, {"confirmation": "Riverside NHS Trust"})
    [deleted] = AuditEvent.objects.filter(action=Action.DELETED)
    assert deleted.organisation is None
    assert "Riverside NHS Trust" in deleted.summary


@pytest.mark.parametrize("name", ["reports:xlsx", "reports:json", "reports:pdf"])
def test_downloads_of_results_are_logged(admin_client, organisation, name):
    assessment = AssessmentFactory(organisation=organisation)
    assert admin_client.get(reverse(name, args=[assessment.pk])).status_code == 200
    [exported] = events(organisation, Action.EXPORTED)
    assert str(assessment) in exported.summary


def test_personal_links_are_logged_without_their_tokens(admin_client, organisation):
    assessment = AssessmentFactory(organisation=organisation)
    board = ParticipantGroupFactory(assessment=assessment, name="Board")
    response = admin_client.post(
        reverse("assessments:links_csv", args=[assessment.pk]), {f"group_{board.pk}": "2"}
    )
    body = response.content.decode()
    [exported] = events(organisation, Action.EXPORTED)
    assert "Made 2 personal links" in exported.summary
    tokens = [line.rsplit("/", 2)[-2] for line in body.splitlines() if "/" in line]
    assert tokens
    logged = exported.summary + str(exported.details)
    assert not any(token in logged for token in tokens)


def test_a_wrong_password_for_a_member_is_logged_a_bounded_number_of_times(
    organisation, member_of, rf
):
    member_of(organisation, Role.VIEWER, user__email="viewer@example.nhs.uk")
    request = rf.post("/sign-in/")
    for _attempt in range(12):
        authenticate(request, username="viewer@example.nhs.uk", password="wrong")
    failed = events(organisation, Action.SIGN_IN_FAILED)
    assert 1 <= len(failed) <= 5
    assert "viewer@example.nhs.uk" in failed[0].summary
    assert failed[0].actor is None


def test_a_wrong_password_for_an_unknown_address_is_not_logged(rf):
    authenticate(rf.post("/sign-in/"), username="nobody@example.nhs.uk", password="wrong")
    assert not AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).exists()


def test_importing_staff_survey_figures_is_logged(admin_client, organisation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "year,indicator code,label,percentage positive\n2024,q2a,I look forward to work,55\n"
    admin_client.post(
        f"/organisations/{organisation.pk}/staff-survey/",
        {"file": SimpleUploadedFile("s.csv", text.encode(), content_type="text/csv")},
    )
    [imported] = events(organisation, Action.IMPORTED)
    assert "Imported 1 staff survey figures" in imported.summary
