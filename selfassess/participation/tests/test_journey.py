"""The whole journey with a personal link: intro, each section, check, submit, change."""

import re

import pytest
from django.urls import reverse

from selfassess.assessments.models import Participant, Response
from selfassess.participation.services import SESSION_KEY

from .conftest import answers_post, page_url

pytestmark = pytest.mark.django_db


def checked(html, statement_id):
    """The value of the radio ticked for a statement on a page, or None."""
    match = re.search(
        rf'name="answer-{statement_id}" type="radio" value="([^"]+)"[^>]*\schecked', html
    )
    return match.group(1) if match else None


def stored(participant):
    return {
        r.statement_id: (r.level, r.comment)
        for r in Response.objects.filter(participant=participant)
    }


def test_whole_journey(client, participant, token):
    # The link starts the journey at the introduction, under a token-free address.
    response = client.get(reverse("participation:start", args=[token]))
    assert response.status_code == 302
    assert response.url == reverse("participation:intro")
    assert client.session[SESSION_KEY] == participant.pk

    intro = client.get(response.url).content.decode()
    assert "We want to know how we are doing." in intro
    assert "Please answer honestly." in intro
    assert "A small framework for tests." in intro  # the framework's purpose
    # From the framework's words, counted by hand: purpose 5, titles and summaries 2 x (2 + 4),
    # the don't-know help ("Don't know": Not enough to judge.) 6 once per section, statements
    # 5 x 2, descriptors 25 x 4 and the "Don't know" answer 5 x 2: 149 words, 44.7 seconds
    # at 200 a minute, and 5 seconds to choose each of 5 answers: 69.7 seconds, 2 minutes.
    assert "There are 5 statements in 2 sections. It takes about 2 minutes." in intro
    assert "at least 6 people" in intro  # the assessment's anonymity threshold
    assert "Nobody sees your answers with your name on them." in intro
    assert "31 March 2099" in intro
    assert 'href="/take-part/answer/1/"' in intro

    first = client.get(page_url(1))
    html = first.content.decode()
    assert first.status_code == 200
    assert "Section 1 of 2" in html
    assert "You have answered 0 of 5 statements." in html
    assert "1. Statement a-1." in html
    assert "Descriptor 4 of a-2." in html
    # The "don't know" help is said once on the page, not under every statement.
    assert html.count("Not enough to judge.") == 1
    assert 'href="/take-part/about/"' in html  # back to the introduction
    assert token not in html

    response = client.post(
        page_url(1),
        answers_post(
            participant,
            {"a-1": ("2", "Good start"), "a-2": ("dont_know", ""), "a-3": ("5", "")},
        ),
    )
    assert response.status_code == 302
    assert response.url == page_url(2)
    participant.refresh_from_db()
    assert participant.started_at is not None
    assert participant.resume_component_id == "comp-b"

    second = client.get(page_url(2)).content.decode()
    assert "Section 2 of 2" in second
    assert "You have answered 3 of 5 statements." in second
    assert 'href="/take-part/answer/1/"' in second  # back link

    response = client.post(
        page_url(2), answers_post(participant, {"b-1": ("1", ""), "b-2": ("4", "Line one")})
    )
    assert response.url == reverse("participation:check")

    check = client.get(response.url).content.decode()
    for expected in (
        "Level 2: Emerging",
        "Don&#39;t know",
        "Level 5: Leading",
        "Level 1: Not started",
        "Level 4: Established",
        "Your comment: Good start",
    ):
        assert expected in check
    assert 'href="/take-part/answer/2/?from=check#answer-b-1"' in check  # a Change link
    assert "Not answered" not in check

    response = client.post(reverse("participation:check"))
    assert response.url == reverse("participation:done")
    participant.refresh_from_db()
    first_completion = participant.completed_at
    assert first_completion is not None
    assert SESSION_KEY not in client.session

    done = client.get(response.url).content.decode()
    assert "Your answers have been submitted" in done
    assert "until the assessment closes on 31 March 2099" in done

    assert stored(participant) == {
        "a-1": (2, "Good start"),
        "a-2": (None, ""),
        "a-3": (5, ""),
        "b-1": (1, ""),
        "b-2": (4, "Line one"),
    }

    # Changing an answer: the same link opens check-your-answers, every answer pre-filled.
    response = client.get(reverse("participation:start", args=[token]))
    assert response.url == reverse("participation:check")
    page = client.get(page_url(1)).content.decode()
    assert checked(page, "a-1") == "2"
    assert checked(page, "a-2") == "dont_know"
    assert checked(page, "a-3") == "5"
    assert "Good start</textarea>" in page
    client.post(
        page_url(1),
        answers_post(
            participant,
            {"a-1": ("3", "Better than I said"), "a-2": ("dont_know", ""), "a-3": ("5", "")},
        ),
    )
    client.post(reverse("participation:check"))
    participant.refresh_from_db()
    assert participant.completed_at == first_completion
    assert stored(participant)["a-1"] == (3, "Better than I said")
    assert Response.objects.filter(participant=participant).count() == 5


def test_come_back_later_saves_and_resumes_where_they_were(client, participant, token):
    client.get(reverse("participation:start", args=[token]))
    client.post(page_url(1), answers_post(participant, {"a-1": ("4", ""), "a-2": ("2", "")}))
    response = client.post(
        page_url(2), answers_post(participant, {"b-1": ("3", "Half done")}, action="later")
    )
    assert response.url == reverse("participation:saved")
    saved = client.get(response.url).content.decode()
    assert "Your answers have been saved" in saved
    assert "Your personal link is the only way back" in saved
    assert "31 March 2099" in saved
    assert stored(participant) == {"a-1": (4, ""), "a-2": (2, ""), "b-1": (3, "Half done")}

    # The browser no longer holds the answers: only the link opens them again.
    assert client.get(page_url(2)).status_code == 403

    # The link reopens at the first statement not yet answered (a-3, skipped on the first
    # page), not at the last section saved.
    response = client.get(reverse("participation:start", args=[token]))
    assert response.url == page_url(1) + "#answer-a-3"
    page = client.get(page_url(2)).content.decode()
    assert checked(page, "b-1") == "3"
    assert checked(page, "b-2") is None
    assert "Half done</textarea>" in page
    assert "You have answered 3 of 5 statements." in page


def test_check_lists_unanswered_and_submit_waits_for_them(in_journey, participant):
    client = in_journey
    client.post(page_url(1), answers_post(participant, {"a-1": ("1", "")}))
    client.post(page_url(2), answers_post(participant, {"b-2": ("dont_know", "")}))
    page = client.get(reverse("participation:check")).content.decode()
    assert page.count("Not answered") == 3  # a-2, a-3, b-1
    assert "You have not answered 3 of the statements yet." in page

    response = client.post(reverse("participation:check"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Check your answers" in html
    # The error summary links to each question itself, which then saves back to this page.
    assert 'href="/take-part/answer/1/?from=check#answer-a-2"' in html
    assert 'href="/take-part/answer/2/?from=check#answer-b-1"' in html
    assert "Section 2, statement 1 is not answered" in html
    participant.refresh_from_db()
    assert participant.completed_at is None


def test_back_link_and_unknown_section(in_journey):
    assert in_journey.get(page_url(3)).status_code == 404
    assert in_journey.get(page_url(0)).status_code == 404


def test_guidance_and_tips_of_a_shipped_framework(client, library_loaded, group):
    assessment = group.assessment
    assessment.framework_version = library_loaded["nhs-impact"]
    assessment.save()
    _participant, token = Participant.invite(assessment, group)
    framework = assessment.framework
    client.get(reverse("participation:start", args=[token]))

    intro = client.get(reverse("participation:intro")).content.decode()
    assert "Tips for answering" in intro
    assert framework.tips[0].replace("'", "&#39;") in intro
    # 35 statements at 30 seconds is 17.5 minutes: 18, rounded up to 20.
    assert "It takes about 20 minutes." in intro

    component = framework.components[0]
    with_guidance = [s for s in component.statements if s.guidance]
    page = client.get(page_url(1)).content.decode()
    assert "Help with this statement" in page
    assert page.count("Help with this statement") == len(with_guidance)
    assert f"Section 1 of {len(framework.components)}" in page


def test_every_page_has_one_main_heading_and_labelled_answers(in_journey, participant):
    client = in_journey
    pages = [reverse("participation:intro"), page_url(1), page_url(2)]
    for url in pages:
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        # Every answer group is a fieldset whose legend is the statement.
        assert html.count("<fieldset") == html.count("<legend"), url
    for position, ids in ((1, ("a-1", "a-2", "a-3")), (2, ("b-1", "b-2"))):
        client.post(page_url(position), answers_post(participant, {i: ("3", "") for i in ids}))
    check = client.get(reverse("participation:check")).content.decode()
    assert len(re.findall(r"<h1[\s>]", check)) == 1
    done = client.get(client.post(reverse("participation:check")).url).content.decode()
    assert len(re.findall(r"<h1[\s>]", done)) == 1


def test_change_from_the_check_page_returns_to_it(in_journey, participant):
    client = in_journey
    client.post(page_url(1), answers_post(participant, {"a-1": ("1", ""), "a-2": ("2", "")}))
    client.post(page_url(2), answers_post(participant, {"b-1": ("3", ""), "b-2": ("4", "")}))
    change = client.get(page_url(1) + "?from=check").content.decode()
    assert '<input type="hidden" name="from" value="check">' in change
    assert "Save and go back to check your answers" in change
    assert 'href="/take-part/check/"' in change  # the back link goes back there too
    data = answers_post(participant, {"a-1": ("5", ""), "a-2": ("2", ""), "a-3": ("1", "")})
    response = client.post(page_url(1), {**data, "from": "check"})
    assert response.status_code == 302
    assert response.url == reverse("participation:check")  # not on to section 2
    assert stored(participant)["a-1"] == (5, "")
    # Without it, saving the first section goes on to the second as before.
    response = client.post(page_url(1), data)
    assert response.url == page_url(2)
