"""Tampered, repeated and oversized posts are refused with a clear message and change nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment, Response
from selfassess.participation import services
from selfassess.participation.services import Answer, Refused

from .conftest import answers_post, page_url

pytestmark = pytest.mark.django_db


def stored(participant):
    return sorted(
        Response.objects.filter(participant=participant).values_list(
            "statement_id", "level", "comment"
        )
    )


@pytest.mark.parametrize("bad", ["9", "0", "abc", "", "3.0", "-1"])
def test_a_level_off_the_scale_is_refused(in_journey, participant, bad):
    data = answers_post(participant, {"a-1": ("2", ""), "a-2": ("4", "")})
    data["answer-a-3"] = bad
    data["comment-a-3"] = "A comment"  # so an empty answer is an error too
    response = in_journey.post(page_url(1), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: " in html
    assert 'href="#answer-a-3"' in html  # the summary links to the first radio
    assert 'id="answer-a-3" name="answer-a-3"' in html
    assert "Statement 3: choose" in html
    assert stored(participant) == []
    participant.refresh_from_db()
    assert participant.started_at is None


def test_answers_for_statements_not_on_the_page_are_ignored(in_journey, participant):
    data = answers_post(participant, {"a-1": ("2", "")})
    data.update(
        {
            "answer-zzz-9": "3",  # not in the framework at all
            "comment-zzz-9": "Stray",
            "answer-b-1": "5",  # in the framework, but on the other page
            "answer-": "1",
        }
    )
    response = in_journey.post(page_url(1), data)
    assert response.status_code == 302
    assert stored(participant) == [("a-1", 2, "")]


def test_the_service_refuses_statements_and_levels_outside_the_framework(participant):
    with pytest.raises(ValueError, match="not a statement"):
        services.save_answers(participant, [Answer("a-1", 2, ""), Answer("zzz", 2, "")], "comp-a")
    with pytest.raises(ValueError, match="not on this framework's scale"):
        services.save_answers(participant, [Answer("a-1", 9, "")], "comp-a")
    with pytest.raises(ValueError, match="too long"):
        services.save_answers(participant, [Answer("a-1", 2, "x" * 2001)], "comp-a")
    with pytest.raises(ValueError, match="twice"):
        services.save_answers(participant, [Answer("a-1", 2, ""), Answer("a-1", 3, "")], "comp-a")
    assert stored(participant) == []


def test_closing_just_before_a_save_is_honoured(participant):
    # The participant was loaded while the assessment was open; it closes before the save.
    Assessment.objects.filter(pk=participant.assessment_id).update(status=Status.CLOSED)
    with pytest.raises(Refused):
        services.save_answers(participant, [Answer("a-1", 2, "")], "comp-a")
    with pytest.raises(Refused):
        services.submit(participant)
    assert stored(participant) == []
    participant.refresh_from_db()
    assert participant.started_at is None
    assert participant.completed_at is None


def test_the_same_page_posted_twice_leaves_one_response_each(in_journey, participant):
    data = answers_post(participant, {"a-1": ("2", "Once"), "a-2": ("dont_know", "")})
    assert in_journey.post(page_url(1), data).status_code == 302
    assert in_journey.post(page_url(1), data).status_code == 302
    assert stored(participant) == [("a-1", 2, "Once"), ("a-2", None, "")]


def test_a_double_submission_completes_once(in_journey, participant):
    every = {sid: ("3", "") for sid in ("a-1", "a-2", "a-3")}
    in_journey.post(page_url(1), answers_post(participant, every))
    in_journey.post(page_url(2), answers_post(participant, {"b-1": ("1", ""), "b-2": ("1", "")}))
    first = in_journey.post(reverse("participation:check"))
    participant.refresh_from_db()
    completed_at = participant.completed_at
    assert completed_at is not None

    # The second click arrives after the first ended the journey: it shows the same page.
    second = in_journey.post(reverse("participation:check"))
    assert first.url == second.url == reverse("participation:done")
    participant.refresh_from_db()
    assert participant.completed_at == completed_at
    assert Response.objects.filter(participant=participant).count() == 5
    # And submitting again through the service changes nothing either.
    assert services.submit(participant) is True
    participant.refresh_from_db()
    assert participant.completed_at == completed_at


def test_a_double_come_back_later_shows_the_saved_page(in_journey, participant):
    data = answers_post(participant, {"a-1": ("2", "")}, action="later")
    in_journey.post(page_url(1), data)
    again = in_journey.post(page_url(1), data)
    assert again.url == reverse("participation:saved")
    assert stored(participant) == [("a-1", 2, "")]


def test_comment_length_is_checked_on_the_server(in_journey, participant):
    too_long = answers_post(participant, {"a-1": ("2", "x" * 2001)})
    response = in_journey.post(page_url(1), too_long)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Statement 1: shorten your comment to 2,000 characters or fewer" in html
    assert 'href="#comment-a-1"' in html
    assert stored(participant) == []

    # A new line is one character, as the page counts it, even though browsers send two.
    just_fits = "x" * 1000 + "\r\n" + "y" * 999
    response = in_journey.post(page_url(1), answers_post(participant, {"a-1": ("2", just_fits)}))
    assert response.status_code == 302
    assert stored(participant) == [("a-1", 2, "x" * 1000 + "\n" + "y" * 999)]


def test_a_comment_needs_an_answer(in_journey, participant):
    response = in_journey.post(page_url(1), answers_post(participant, {"a-2": (None, "Hmm")}))
    assert response.status_code == 400
    assert "Statement 2: choose an answer, or Don&#39;t know, to save your comment" in (
        response.content.decode()
    )
    assert stored(participant) == []


@pytest.mark.parametrize("value", ["", "abc"])
def test_a_page_without_its_participant_is_not_saved(in_journey, participant, value):
    data = answers_post(participant, {"a-1": ("2", "")})
    data["participant"] = value
    response = in_journey.post(page_url(1), data)
    assert response.status_code == 400
    assert stored(participant) == []


def test_a_page_is_saved_in_one_insert_and_one_update(in_journey, participant):
    first = answers_post(participant, {"a-1": ("1", ""), "a-2": ("2", ""), "a-3": ("3", "")})
    with CaptureQueriesContext(connection) as queries:
        in_journey.post(page_url(1), first)
    writes = [q["sql"] for q in queries if '"assessments_response"' in q["sql"]]
    assert sum(sql.startswith("INSERT") for sql in writes) == 1
    assert not any(sql.startswith("UPDATE") for sql in writes)

    changed = answers_post(participant, {"a-1": ("5", ""), "a-2": ("5", ""), "a-3": ("3", "")})
    with CaptureQueriesContext(connection) as queries:
        in_journey.post(page_url(1), changed)
    writes = [q["sql"] for q in queries if '"assessments_response"' in q["sql"]]
    assert sum(sql.startswith("UPDATE") for sql in writes) == 1
    assert not any(sql.startswith("INSERT") for sql in writes)
    assert stored(participant) == [("a-1", 5, ""), ("a-2", 5, ""), ("a-3", 3, "")]
