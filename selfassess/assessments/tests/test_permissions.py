"""Every facilitator page, for every kind of visitor: anonymous people are sent to sign in,
another organisation's members find nothing (404), viewers are refused (403), and nobody
refused changes anything."""

import pytest
from django.core import mail
from django.urls import resolve, reverse

from selfassess.assessments.models import Assessment, Participant
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantFactory
from selfassess.assessments.urls import urlpatterns
from selfassess.organisations.models import Role

pytestmark = pytest.mark.django_db

POST_DATA = {
    "cycle_label": "2027/28",
    "anonymity_threshold": "5",
    "closes_on[day]": "1",
    "closes_on[month]": "1",
    "closes_on[year]": "2099",
    "rows": "someone@example.nhs.uk,Board",
    "groups": ["Board"],
}


def pages(assessment, participant):
    """(method, url) for every page that needs the facilitator role."""
    pk = assessment.pk
    urls = [
        ("get", reverse("assessments:create", args=[assessment.organisation_id])),
        ("post", reverse("assessments:create", args=[assessment.organisation_id])),
        ("revoke", reverse("assessments:revoke", args=[pk, participant.pk])),
        ("revoke", reverse("assessments:resend", args=[pk, participant.pk])),
    ]
    for name in (
        "edit",
        "reopen",
        "extend",
        "complete",
        "close",
        "invite",
        "links_csv",
        "join_limit",
    ):
        urls += [("get", reverse(f"assessments:{name}", args=[pk]))]
        urls += [("post", reverse(f"assessments:{name}", args=[pk]))]
    for name in ("join", "join_qr", "participants"):
        urls += [("get", reverse(f"assessments:{name}", args=[pk]))]
    for name in ("open", "remind", "resend_failed"):
        urls += [("post", reverse(f"assessments:{name}", args=[pk]))]
    return [("post" if method == "revoke" else method, url) for method, url in urls]


def snapshot(assessment):
    assessment = Assessment.objects.get(pk=assessment.pk)
    return (
        Assessment.objects.count(),
        assessment.status,
        assessment.cycle_label,
        assessment.closes_on,
        assessment.joiners_per_group,
        Participant.objects.count(),
        Participant.objects.filter(revoked_at__isnull=False).count(),
        len(mail.outbox),
    )


@pytest.fixture
def participant(assessment):
    assessment.join_code = "ACDEFGH"
    assessment.save(update_fields=["join_code"])
    return ParticipantFactory(
        assessment=assessment, group=assessment.groups.first(), email="p@example.nhs.uk"
    )


def test_there_are_no_unchecked_pages(assessment, participant):
    """A new page added to urls.py must be added here too."""
    covered = {resolve(url).url_name for _method, url in pages(assessment, participant)}
    assert covered == {p.name for p in urlpatterns} - {"overview"}


def test_anonymous_visitors_are_sent_to_sign_in(client, assessment, participant):
    before = snapshot(assessment)
    for method, url in pages(assessment, participant):
        response = getattr(client, method)(url, POST_DATA)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in/?next="), url
    assert snapshot(assessment) == before


def test_viewers_are_refused(client, member_of, assessment, participant):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    before = snapshot(assessment)
    for method, url in pages(assessment, participant):
        assert getattr(client, method)(url, POST_DATA).status_code == 403, url
    assert snapshot(assessment) == before


@pytest.mark.parametrize("role", [Role.VIEWER, Role.FACILITATOR, Role.ADMIN])
def test_another_organisations_members_find_nothing(
    client, member_of, assessment, participant, role
):
    client.force_login(member_of(AssessmentFactory().organisation, role))
    before = snapshot(assessment)
    for method, url in pages(assessment, participant):
        assert getattr(client, method)(url, POST_DATA).status_code == 404, url
    assert client.get(reverse("assessments:overview", args=[assessment.pk])).status_code == 404
    assert snapshot(assessment) == before


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.ADMIN])
def test_facilitators_and_admins_reach_every_page(client, member_of, assessment, participant, role):
    client.force_login(member_of(assessment.organisation, role))
    for method, url in pages(assessment, participant):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_changes_are_post_only(facilitator, assessment, participant):
    # Closing asks first (a GET shows the page that says who is part-way through).
    for name in ("open", "remind", "resend_failed"):
        url = reverse(f"assessments:{name}", args=[assessment.pk])
        assert facilitator.get(url).status_code == 405, url
    url = reverse("assessments:revoke", args=[assessment.pk, participant.pk])
    assert facilitator.get(url).status_code == 405
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"
