"""What the operator does in the admin is logged against the organisation and emailed to its
admins; an open assessment's locked settings stay locked in the admin too."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from selfassess.accounts.tests.factories import UserFactory
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.audit.models import Action, AuditEvent
from selfassess.organisations.models import Membership, Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(name="Riverside NHS Trust", organisation_type="acute_trust")
    MembershipFactory(
        organisation=organisation, role=Role.ADMIN, user__email="admin@example.nhs.uk"
    )
    return organisation


@pytest.fixture
def operator():
    return UserFactory(email="operator@example.nhs.uk", is_staff=True, is_superuser=True)


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


def operator_events(organisation):
    return list(AuditEvent.objects.filter(organisation=organisation, action=Action.OPERATOR))


def _organisation_form(organisation, memberships):
    data = {
        "name": organisation.name,
        "ods_code": organisation.ods_code,
        "organisation_type": organisation.organisation_type,
        "region": organisation.region,
        "workforce_band": organisation.workforce_band,
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, membership in enumerate(memberships):
        for key, value in membership.items():
            data[f"memberships-{index}-{key}"] = value
        data[f"memberships-{index}-organisation"] = str(organisation.pk)
    return data


def test_the_operator_joining_an_organisation_is_logged_and_emailed(
    operator_client, operator, organisation, django_capture_on_commit_callbacks
):
    existing = organisation.memberships.get()
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    form = _organisation_form(
        organisation,
        [
            {"id": str(existing.pk), "user": str(existing.user_id), "role": "admin"},
            {"id": "", "user": str(operator.pk), "role": "admin"},
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.filter(organisation=organisation, user=operator).exists()
    [event] = operator_events(organisation)
    assert event.actor == operator
    assert "membership" in event.summary and "operator@example.nhs.uk" in event.summary
    [email] = mail.outbox
    assert email.to == ["admin@example.nhs.uk"]
    assert "operator@example.nhs.uk" in email.body
    assert f"/organisations/{organisation.pk}/audit/" in email.body


def test_an_open_assessments_locked_settings_cannot_be_changed_in_the_admin(
    operator_client, organisation, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(
        organisation=organisation, anonymity_threshold=5, cycle_label="2026/27"
    )
    ParticipantGroupFactory(assessment=assessment, name="Board")
    assessment.join_code = "ACDEFGH"
    assessment.save(update_fields=["join_code"])
    assessment.transition_to("open")
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    page = operator_client.get(url).content.decode()
    assert 'name="anonymity_threshold"' not in page
    forged = {
        "cycle_label": "changed",
        "anonymity_threshold": "3",
        "introduction": "changed",
        "organisation": str(OrganisationFactory().pk),
        "groups-TOTAL_FORMS": "0",
        "groups-INITIAL_FORMS": "0",
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(url, forged)
    assessment.refresh_from_db()
    assert assessment.anonymity_threshold == 5
    assert assessment.cycle_label == "2026/27"
    assert assessment.organisation == organisation
    assert assessment.groups.count() == 1


def test_a_drafts_settings_can_be_changed_and_the_change_is_told(
    operator_client, organisation, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=organisation, anonymity_threshold=5)
    url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
    form = {
        "cycle_label": assessment.cycle_label,
        "anonymity_threshold": "7",
        "introduction": "",
        "closes_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "groups-TOTAL_FORMS": "0",
        "groups-INITIAL_FORMS": "0",
        "groups-MIN_NUM_FORMS": "0",
        "groups-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment.refresh_from_db()
    assert assessment.anonymity_threshold == 7
    [event] = operator_events(organisation)
    assert "Anonymity threshold" in event.summary or "anonymity" in event.summary.lower()
    assert [email.to for email in mail.outbox] == [["admin@example.nhs.uk"]]


def test_deleting_an_assessment_in_the_admin_is_told(
    operator_client, organisation, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(organisation=organisation)
    url = reverse("admin:assessments_assessment_delete", args=[assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(url, {"post": "yes"})
    [event] = operator_events(organisation)
    assert event.summary.startswith("The operator: Deleted the assessment")
    assert len(mail.outbox) == 1


def test_changing_a_members_password_in_the_admin_is_told(
    operator_client, organisation, django_capture_on_commit_callbacks
):
    member = organisation.memberships.get().user
    url = reverse("admin:auth_user_password_change", args=[member.pk])
    new = "a long new passphrase for this test 1"
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url, {"password1": new, "password2": new})
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = operator_events(organisation)
    assert "password" in event.summary.lower()


def test_deleting_an_organisation_in_the_admin_still_tells_its_admins(
    operator_client, organisation, django_capture_on_commit_callbacks
):
    url = reverse("admin:organisations_organisation_delete", args=[organisation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(url, {"post": "yes"})
    [event] = AuditEvent.objects.filter(action=Action.OPERATOR)
    assert event.organisation is None
    assert [email.to for email in mail.outbox] == [["admin@example.nhs.uk"]]
