"""Every plan page for every kind of visitor: anonymous people are sent to sign in, another
organisation's facilitators find nothing (404), viewers read but cannot change (403), and
nobody refused changes anything."""

import pytest
from django.urls import resolve, reverse

from selfassess.plans.models import Action, ActionChange, ActionNote
from selfassess.plans.tests.factories import ActionFactory
from selfassess.plans.urls import urlpatterns

pytestmark = pytest.mark.django_db

POST_DATA = {
    "title": "Run a course",
    "horizon": "short",
    "priority": "high",
    "status": "done",
    "version": "1",
    "text": "A note.",
}


def pages(assessment, action):
    """(method, url, needs facilitator) for every page."""
    pk, apk = assessment.pk, action.pk
    return [
        ("get", reverse("plans:plan", args=[pk]), False),
        ("get", reverse("plans:priorities", args=[pk]), False),
        ("get", reverse("plans:action", args=[pk, apk]), False),
        ("get", reverse("plans:create", args=[pk]), True),
        ("post", reverse("plans:create", args=[pk]), True),
        ("get", reverse("plans:edit", args=[pk, apk]), True),
        ("post", reverse("plans:edit", args=[pk, apk]), True),
        ("post", reverse("plans:status", args=[pk, apk]), True),
        ("post", reverse("plans:note", args=[pk, apk]), True),
    ]


def snapshot():
    return (
        list(Action.objects.values_list("pk", "title", "status", "version")),
        ActionChange.objects.count(),
        ActionNote.objects.count(),
    )


@pytest.fixture
def action(assessment):
    return ActionFactory(assessment=assessment, title="Hold weekly huddles")


def test_there_are_no_unchecked_pages(assessment, action):
    """A new page added to urls.py must be added here too."""
    covered = {resolve(url).url_name for _m, url, _f in pages(assessment, action)}
    assert covered == {p.name for p in urlpatterns}


def test_anonymous_visitors_are_sent_to_sign_in(client, assessment, action):
    before = snapshot()
    for method, url, _needs in pages(assessment, action):
        response = getattr(client, method)(url, POST_DATA)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in/?next="), url
    assert snapshot() == before


def test_another_organisations_facilitator_finds_nothing(outsider, assessment, action):
    before = snapshot()
    for method, url, _needs in pages(assessment, action):
        assert getattr(outsider, method)(url, POST_DATA).status_code == 404, url
    assert snapshot() == before


def test_viewers_read_the_plan_but_cannot_change_it(viewer, assessment, action):
    before = snapshot()
    for method, url, needs_facilitator in pages(assessment, action):
        response = getattr(viewer, method)(url, POST_DATA)
        assert response.status_code == (403 if needs_facilitator else 200), url
    assert snapshot() == before
    page = viewer.get(reverse("plans:action", args=[assessment.pk, action.pk])).content.decode()
    assert "Change the status" not in page
    assert "Add the note" not in page


def test_facilitators_reach_every_page(facilitator, assessment, action):
    for method, url, _needs in pages(assessment, action):
        if method == "get":
            assert facilitator.get(url).status_code == 200, url


def test_an_action_of_another_assessment_is_not_found_through_this_one(facilitator, assessment):
    elsewhere = ActionFactory()  # another organisation's assessment
    own_assessment_url = reverse("plans:action", args=[assessment.pk, elsewhere.pk])
    assert facilitator.get(own_assessment_url).status_code == 404
    edit = reverse("plans:edit", args=[assessment.pk, elsewhere.pk])
    assert facilitator.post(edit, POST_DATA).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.title != "Run a course"
