"""The assessment page as the facilitator's hub: the actions each status allows, completion
figures worked out by hand, and nothing to manage for viewers."""

import re
from html import unescape

import pytest
from django.utils import timezone

from selfassess.assessments.tests.conftest import group
from selfassess.assessments.tests.factories import ParticipantFactory
from selfassess.organisations.models import Role

pytestmark = pytest.mark.django_db

ACTIONS = {
    "open": "/open/",
    "settings": "/settings/",
    "close": "/close/",
    "extend": "/extend/",
    "reopen": "/reopen/",
    "complete": "/complete/",
    "invite": "/invite/",
    "links": "/links/",
    "join": "/join-code/",
    "remind": "/remind/",
    "people": "/people/",
}

EXPECTED = {
    "draft": {"open", "settings", "links", "join", "people"},
    "open": {"close", "extend", "invite", "links", "join", "remind", "people"},
    "closed": {"reopen", "complete"},
    "complete": set(),
}


def actions_on(html, assessment):
    base = f"/assessments/{assessment.pk}"
    return {name for name, tail in ACTIONS.items() if f'"{base}{tail}"' in html}


def move_to(assessment, status):
    path = {"draft": [], "open": ["open"], "closed": ["open", "closed"]}
    path["complete"] = [*path["closed"], "complete"]
    for step in path[status]:
        assessment.transition_to(step)


@pytest.mark.parametrize("status", ["draft", "open", "closed", "complete"])
def test_facilitators_see_the_actions_the_status_allows(facilitator, assessment, status):
    ParticipantFactory(assessment=assessment, group=group(assessment, "Board"), email="a@b.nhs.uk")
    move_to(assessment, status)
    html = facilitator.get(f"/assessments/{assessment.pk}/").content.decode()
    assert actions_on(html, assessment) == EXPECTED[status]


@pytest.mark.parametrize("status", ["draft", "open", "closed", "complete"])
def test_viewers_see_no_management_actions(client, member_of, assessment, status):
    move_to(assessment, status)
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    response = client.get(f"/assessments/{assessment.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert actions_on(html, assessment) == set()
    # The only form on the page is the header's sign-out form.
    assert html.count("<form") == 1
    assert 'class="nhsuk-header__account-form"' in html


def test_completion_counts_and_percentages(client, member_of, open_assessment):
    board, staff = group(open_assessment, "Board"), group(open_assessment, "Front-line staff")
    now = timezone.now()
    # Board: 4 invited, 3 started, 1 completed. Front-line staff: 2 invited, none started.
    for started, completed in [(now, now), (now, None), (now, None), (None, None)]:
        ParticipantFactory(
            assessment=open_assessment, group=board, started_at=started, completed_at=completed
        )
    for _ in range(2):
        ParticipantFactory(assessment=open_assessment, group=staff)
    client.force_login(member_of(open_assessment.organisation, Role.VIEWER))
    html = unescape(client.get(f"/assessments/{open_assessment.pk}/").content.decode())
    table = html.split("Completion by group</caption>")[1].split("</table>")[0]
    cells = [
        re.sub(r"\s+", " ", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)
    ]
    body = cells[4:]  # after the four column headers
    assert body == [
        "Board", "4", "3 (75%)", "1 (25%)",
        "Front-line staff", "2", "0 (0%)", "0 (0%)",
        "All groups", "6", "3 (50%)", "1 (17%)",
    ]  # fmt: skip


def test_no_percentages_for_a_group_nobody_was_invited_to(facilitator, assessment):
    html = unescape(facilitator.get(f"/assessments/{assessment.pk}/").content.decode())
    table = html.split("Completion by group</caption>")[1].split("</table>")[0]
    assert "%" not in table


def test_the_hub_links_to_the_results(client, member_of, assessment):
    from selfassess.assessments.models import Response

    # The link appears once a release shows figures: k = 3 people give a level.
    assessment.anonymity_threshold = 3
    assessment.save(update_fields=["anonymity_threshold"])
    for level in (2, 3, 4):
        person = ParticipantFactory(assessment=assessment, group=group(assessment, "Board"))
        Response.objects.create(participant=person, statement_id="a-1", level=level)
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f'href="/assessments/{assessment.pk}/results/"' in html


def test_reminder_count_is_people_with_email_not_finished_and_not_revoked(
    facilitator, open_assessment
):
    board = group(open_assessment, "Board")
    now = timezone.now()
    for email, completed, revoked in [
        ("one@example.nhs.uk", None, None),
        ("two@example.nhs.uk", None, None),
        ("done@example.nhs.uk", now, None),
        ("stopped@example.nhs.uk", None, now),
        ("", None, None),
    ]:
        ParticipantFactory(
            assessment=open_assessment,
            group=board,
            email=email,
            completed_at=completed,
            revoked_at=revoked,
        )
    html = unescape(facilitator.get(f"/assessments/{open_assessment.pk}/").content.decode())
    assert "2 people invited by email have not finished" in html
