"""A member's admin shares through the pages: preview first, then share, then withdraw."""

import pytest
from django.urls import reverse

from selfassess.audit.models import Action, AuditEvent
from selfassess.core import limits
from selfassess.disclosure.tests.helpers import release_now
from selfassess.organisations.models import Role
from selfassess.systems import services
from selfassess.systems.models import LearningNote, Share

from .factories import SystemFactory, answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(member_of):
    system = SystemFactory()
    assessment = answered_assessment(
        answers={"a-1": [2, 3, 4, 4, 5]},
        positions={"a-1": (3, 4, "PRIVATE-RATIONALE"), "a-2": (2, 3, "")},
    )
    release_now(assessment)
    link = services.invite(system=system, organisation=assessment.organisation, actor=None)
    services.accept(link, actor=None)
    admin = member_of(assessment.organisation, Role.ADMIN)
    return system, assessment, admin


def _url(assessment, system, name="systems:share"):
    return reverse(name, args=[assessment.pk, f"system-{system.pk}"])


def test_preview_then_share_then_withdraw(client, member):
    system, assessment, admin = member
    client.force_login(admin)
    url = _url(assessment, system)
    preview = client.post(url, {"scope": "survey"})
    text = preview.content.decode()
    assert preview.status_code == 200 and Share.objects.count() == 0
    assert "What " + system.name + " will see" in text
    assert "PRIVATE-RATIONALE" not in text  # not chosen, so not previewed
    assert "Private comment" not in text and "Board" not in text.split("will see")[1]
    shared = client.post(url, {"scope": "survey", "confirm": "yes"})
    assert shared.status_code == 302
    share = Share.objects.get()
    assert share.survey and not share.rationale and share.release_number == 1
    assert AuditEvent.objects.filter(action=Action.SHARED).count() == 2  # member and system
    ask = client.post(url, {"scope": "nothing"})
    assert "Withdraw it" in ask.content.decode() and Share.objects.exists()
    client.post(url, {"scope": "nothing", "confirm": "yes"})
    assert not Share.objects.exists()
    assert AuditEvent.objects.filter(action=Action.SHARE_WITHDRAWN).count() == 2


def test_bad_choices_are_messages_and_change_nothing(client, member):
    system, assessment, admin = member
    client.force_login(admin)
    url = _url(assessment, system)
    assert client.post(url, {"scope": "everything", "confirm": "yes"}).status_code == 400
    assert client.get(reverse("systems:share", args=[assessment.pk, "system-x"])).status_code == 404
    other = SystemFactory()  # not a member of it
    assert client.get(_url(assessment, other)).status_code == 404
    assert not Share.objects.exists()


def test_survey_needs_a_release(client, member_of):
    system = SystemFactory()
    assessment = answered_assessment(positions={"a-1": (3, 4, "")})
    services.accept(
        services.invite(system=system, organisation=assessment.organisation, actor=None),
        actor=None,
    )
    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    response = client.post(_url(assessment, system), {"scope": "survey", "confirm": "yes"})
    assert response.status_code == 400
    assert "no released survey figures" in response.content.decode()
    assert not Share.objects.exists()


def test_learning_notes_need_a_contact_and_fit_the_limits(client, member, member_of):
    system, assessment, admin = member
    client.force_login(admin)
    client.post(_url(assessment, system), {"scope": "positions", "confirm": "yes"})
    url = _url(assessment, system, "systems:notes")
    facilitator = member_of(assessment.organisation, Role.FACILITATOR)
    client.force_login(facilitator)
    assert client.post(url, {"note-a-1": "Coaching."}).status_code == 400
    too_long = "x" * (limits.LEARNING_NOTE_CHARS_MAX + 1)
    assert client.post(url, {"note-a-1": too_long, "contact-a-1": "QI"}).status_code == 400
    assert not LearningNote.objects.exists()
    assert (
        client.post(url, {"note-a-1": " Coaching. ", "contact-a-1": "QI lead"}).status_code == 302
    )
    note = LearningNote.objects.get()
    assert (note.statement_id, note.text, note.contact_role) == ("a-1", "Coaching.", "QI lead")
    client.post(url, {"note-a-1": "", "contact-a-1": ""})
    assert not LearningNote.objects.exists()
