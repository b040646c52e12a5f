"""Starting the next cycle: same organisation, groups, settings and email list, new tokens,
no answers, linked to the last cycle; refused while the last one is still running."""

import datetime

import pytest
from django.utils import timezone

from selfassess.assessments.models import Assessment, Participant, Response
from selfassess.assessments.tests.factories import (
    FrameworkVersionFactory,
    ParticipantFactory,
    small_framework,
)
from selfassess.cycles.next_cycle import suggested_label
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/assessments/{assessment.pk}/cycles/next/"


def form(**changes):
    closes = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "cycle_label": "2025/26",
        "anonymity_threshold": "7",
        "closes_on[day]": str(closes.day),
        "closes_on[month]": str(closes.month),
        "closes_on[year]": str(closes.year),
        "introduction": "Second time round.",
    }
    return {**data, **changes}


@pytest.fixture
def facilitator(client, member_of, organisation):
    client.force_login(member_of(organisation, Role.FACILITATOR))
    return client


@pytest.fixture
def invited(earlier):
    """Three people invited by email (one stopped, one twice in another case) in `earlier`."""
    group = earlier.groups.get()
    keep = ParticipantFactory(assessment=earlier, group=group, email="lead@example.nhs.uk")
    ParticipantFactory(assessment=earlier, group=group, email="LEAD@example.nhs.uk")
    ParticipantFactory(
        assessment=earlier, group=group, email="gone@example.nhs.uk", revoked_at=timezone.now()
    )
    ParticipantFactory(assessment=earlier, group=group, email="nurse@example.nhs.uk")
    return keep


def test_suggested_labels():
    assert suggested_label("2024/25") == "2025/26"
    assert suggested_label("2099/00") == "2100/01"
    assert suggested_label("2025") == "2026"
    assert suggested_label("Spring review") == ""


def test_the_form_is_prefilled_from_the_last_cycle(facilitator, earlier, invited):
    page = facilitator.get(url(earlier)).content.decode()
    assert 'value="2025/26"' in page
    assert "2 people from the last cycle" in page
    assert "Everyone" in page


def test_the_next_cycle_copies_groups_settings_and_people_but_no_answers(
    facilitator, earlier, invited
):
    response = facilitator.post(url(earlier), form())
    new = Assessment.objects.get(previous=earlier)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{new.pk}/"
    assert new.status == "draft"
    assert new.organisation == earlier.organisation
    assert new.framework_version == earlier.framework_version
    assert (new.cycle_label, new.anonymity_threshold) == ("2025/26", 7)
    assert new.introduction == "Second time round."
    assert list(new.groups.values_list("name", flat=True)) == ["Everyone"]
    people = list(new.participants.order_by("email"))
    assert [p.email for p in people] == ["lead@example.nhs.uk", "nurse@example.nhs.uk"]
    old_hashes = set(earlier.participants.values_list("token_hash", flat=True))
    assert not old_hashes & {p.token_hash for p in people}
    assert all(p.group.assessment == new for p in people)
    assert not Response.objects.filter(participant__assessment=new).exists()
    assert "2 people from the last cycle" in facilitator.get(response["Location"]).content.decode()


def test_the_next_cycle_uses_the_latest_version_of_the_same_framework(
    facilitator, earlier, invited
):
    newer = FrameworkVersionFactory(framework=small_framework(version="2"))
    FrameworkVersionFactory(framework=small_framework(framework_id="something-else"))
    facilitator.post(url(earlier), form())
    assert Assessment.objects.get(previous=earlier).framework_version == newer


def test_bad_input_changes_nothing(facilitator, earlier):
    response = facilitator.post(url(earlier), form(cycle_label="2024/25", anonymity_threshold="2"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cycle label must be different from the last cycle" in page
    assert "Anonymity threshold must be 3 or more" in page
    assert Assessment.objects.count() == 1


def test_refused_while_the_last_cycle_is_open_or_already_followed(
    facilitator, organisation, earlier, later
):
    # `later` is closed and follows `earlier`: earlier cannot start a second next cycle.
    response = facilitator.post(url(earlier), form(cycle_label="2026/27"))
    assert response.status_code == 302
    assert Assessment.objects.filter(previous=earlier).count() == 1
    later.transition_to("open")
    response = facilitator.get(url(later), follow=True)
    assert "only start from a cycle that is closed or complete" in response.content.decode()
    assert facilitator.post(url(later), form(cycle_label="2026/27")).status_code == 302
    assert not Assessment.objects.filter(previous=later).exists()


def test_viewers_get_403_and_other_organisations_404(client, member_of, earlier, invited):
    client.force_login(member_of(earlier.organisation, Role.VIEWER))
    assert client.get(url(earlier)).status_code == 403
    assert client.post(url(earlier), form()).status_code == 403
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert client.get(url(earlier)).status_code == 404
    assert client.post(url(earlier), form()).status_code == 404
    assert Participant.objects.exclude(email="").count() == 4
    assert not Assessment.objects.filter(previous=earlier).exists()
