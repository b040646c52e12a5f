"""Opening, closing, reopening, extending and completing from the assessment page."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from selfassess.assessments import services
from selfassess.assessments.models import Assessment
from selfassess.assessments.tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def fresh(assessment):
    return Assessment.objects.get(pk=assessment.pk)


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def date_data(date):
    return {
        "closes_on[day]": str(date.day),
        "closes_on[month]": str(date.month),
        "closes_on[year]": str(date.year),
    }


def follow_message(client, response):
    return unescape(client.get(response["Location"]).content.decode())


def test_opening_makes_an_unambiguous_join_code(facilitator, assessment):
    response = facilitator.post(f"/assessments/{assessment.pk}/open/")
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assessment = fresh(assessment)
    assert assessment.status == "open"
    assert len(assessment.join_code) == 12
    assert set(assessment.join_code) <= set("ACDEFGHJKMNPQRTUVWXY34679")
    assert not set(assessment.join_code) & set("0O1IL5S2Z8B")
    assert "The assessment is open" in follow_message(facilitator, response)


def test_a_join_code_that_clashes_is_drawn_again(facilitator, assessment, monkeypatch):
    AssessmentFactory(join_code="TAKEN77")
    codes = iter(["TAKEN77", "FRESH99"])
    monkeypatch.setattr(services, "new_join_code", lambda: next(codes))
    facilitator.post(f"/assessments/{assessment.pk}/open/")
    assert fresh(assessment).join_code == "FRESH99"
    assert fresh(assessment).status == "open"


def test_reopening_keeps_the_join_code(facilitator, open_assessment):
    facilitator.post(f"/assessments/{open_assessment.pk}/close/")
    facilitator.post(f"/assessments/{open_assessment.pk}/reopen/", date_data(in_days(60)))
    assert fresh(open_assessment).status == "open"
    assert fresh(open_assessment).join_code == "ACDEFGH"


def test_closing_an_open_assessment(facilitator, open_assessment):
    response = facilitator.post(f"/assessments/{open_assessment.pk}/close/")
    assert fresh(open_assessment).status == "closed"
    assert "Nobody can answer until you reopen it" in follow_message(facilitator, response)


@pytest.mark.parametrize(
    "action, expected",
    [("close", "cannot become closed"), ("complete", "cannot become complete")],
)
def test_a_refused_transition_is_explained_and_changes_nothing(
    facilitator, assessment, action, expected
):
    response = facilitator.post(f"/assessments/{assessment.pk}/{action}/")
    assert response.status_code == 302
    assert fresh(assessment).status == "draft"
    assert expected in follow_message(facilitator, response)


def test_opening_twice_is_refused(facilitator, open_assessment):
    response = facilitator.post(f"/assessments/{open_assessment.pk}/open/")
    assert "An assessment that is open cannot become open" in follow_message(facilitator, response)
    assert fresh(open_assessment).join_code == "ACDEFGH"


def test_completing_asks_first_then_completes_a_closed_assessment(facilitator, open_assessment):
    open_assessment.transition_to("closed")
    url = f"/assessments/{open_assessment.pk}/complete/"
    page = facilitator.get(url).content.decode()
    assert "This cannot be undone" in page
    assert fresh(open_assessment).status == "closed"
    facilitator.post(url)
    assert fresh(open_assessment).status == "complete"
    # Complete is the end: it cannot be reopened.
    response = facilitator.post(
        f"/assessments/{open_assessment.pk}/reopen/", date_data(in_days(60))
    )
    assert response.status_code == 400
    assert "cannot become open" in unescape(response.content.decode())
    assert fresh(open_assessment).status == "complete"


def test_reopening_needs_a_later_closing_date(facilitator, open_assessment):
    open_assessment.transition_to("closed")
    url = f"/assessments/{open_assessment.pk}/reopen/"
    current = open_assessment.closes_on  # 30 days ahead
    for date, message in [
        (in_days(0), "must be in the future"),
        (in_days(-3), "must be in the future"),
        (current, "must be after the current one"),
    ]:
        response = facilitator.post(url, date_data(date))
        assert response.status_code == 400
        assert message in unescape(response.content.decode())
        assert fresh(open_assessment).status == "closed"
        assert fresh(open_assessment).closes_on == current
    response = facilitator.post(url, date_data(current + datetime.timedelta(days=1)))
    assert response.status_code == 302
    assert fresh(open_assessment).status == "open"
    assert fresh(open_assessment).closes_on == current + datetime.timedelta(days=1)


def test_reopening_after_the_closing_date_has_passed(facilitator, open_assessment):
    Assessment.objects.filter(pk=open_assessment.pk).update(closes_on=in_days(-10))
    open_assessment.transition_to("closed")
    facilitator.post(f"/assessments/{open_assessment.pk}/reopen/", date_data(in_days(7)))
    assert fresh(open_assessment).status == "open"
    assert fresh(open_assessment).closes_on == in_days(7)


def test_extending_an_open_assessment(facilitator, open_assessment):
    url = f"/assessments/{open_assessment.pk}/extend/"
    response = facilitator.post(url, date_data(open_assessment.closes_on))
    assert response.status_code == 400
    assert fresh(open_assessment).closes_on == in_days(30)
    response = facilitator.post(url, date_data(in_days(45)))
    assert response.status_code == 302
    assert fresh(open_assessment).closes_on == in_days(45)
    assert fresh(open_assessment).status == "open"


def test_only_an_open_assessment_can_be_extended(facilitator, assessment):
    response = facilitator.post(f"/assessments/{assessment.pk}/extend/", date_data(in_days(45)))
    assert response.status_code == 400
    assert "only be extended while the assessment is open" in unescape(response.content.decode())
    assert fresh(assessment).closes_on == in_days(30)


def test_a_drafts_settings_can_be_changed(facilitator, assessment):
    url = f"/assessments/{assessment.pk}/settings/"
    html = unescape(facilitator.get(url).content.decode())
    assert 'value="2026/27"' in html
    assert f'value="{in_days(30).day}"' in html
    data = {"cycle_label": "2027/28", "anonymity_threshold": "8", "introduction": "New words."}
    response = facilitator.post(url, {**data, **date_data(in_days(50))})
    assert response.status_code == 302
    assessment = fresh(assessment)
    assert (assessment.cycle_label, assessment.anonymity_threshold) == ("2027/28", 8)
    assert assessment.closes_on == in_days(50)
    assert assessment.introduction == "New words."


def test_bad_settings_change_nothing(facilitator, assessment):
    url = f"/assessments/{assessment.pk}/settings/"
    data = {"cycle_label": "2027/28", "anonymity_threshold": "2", **date_data(in_days(50))}
    response = facilitator.post(url, data)
    assert response.status_code == 400
    assert "must be 3 or more" in response.content.decode()
    assert fresh(assessment).cycle_label == "2026/27"
    assert fresh(assessment).anonymity_threshold == 5


def test_settings_are_fixed_once_open(facilitator, open_assessment):
    url = f"/assessments/{open_assessment.pk}/settings/"
    data = {"cycle_label": "Changed", "anonymity_threshold": "3", **date_data(in_days(50))}
    response = facilitator.post(url, data)
    assert response.status_code == 302
    assert fresh(open_assessment).cycle_label == "2026/27"
    assert fresh(open_assessment).anonymity_threshold == 5
    assert "only be changed while the assessment is a draft" in follow_message(
        facilitator, response
    )


def test_closing_asks_first_and_says_who_is_part_way(facilitator, open_assessment):
    from django.utils import timezone

    from selfassess.assessments.tests.conftest import group
    from selfassess.assessments.tests.factories import ParticipantFactory

    now = timezone.now()
    board, staff = group(open_assessment, "Board"), group(open_assessment, "Front-line staff")
    for grp, started, completed in [
        (board, now, None),
        (board, now, None),
        (board, now, now),  # finished: not part-way
        (staff, now, None),
        (staff, None, None),  # not started: not part-way
    ]:
        ParticipantFactory(
            assessment=open_assessment, group=grp, started_at=started, completed_at=completed
        )
    page = facilitator.get(f"/assessments/{open_assessment.pk}/close/")
    assert fresh(open_assessment).status == "open"  # asking changes nothing
    html = page.content.decode()
    assert "3 people are part-way through" in html
    assert "<li>Board: 2</li>" in html
    assert "<li>Front-line staff: 1</li>" in html
    assert "formaction" not in html and "Close the assessment\n" in html
