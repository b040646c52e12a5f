"""The small rules behind the pages, checked against values worked out by hand."""

import pytest

from selfassess.assessments.models import Response
from selfassess.participation import services
from selfassess.participation.presenters import paragraphs


def test_paragraphs_split_at_blank_lines():
    text = "First line\r\ncontinues.\r\n\r\n\r\nSecond.\n\n  \n"
    assert paragraphs(text) == ["First line continues.", "Second."]
    assert paragraphs("") == []


@pytest.mark.parametrize(
    ("typed", "normal"), [("k7px4q", "K7PX4Q"), (" K7-PX 4Q ", "K7PX4Q"), ("--", "")]
)
def test_normalise_code(typed, normal):
    assert services.normalise_code(typed) == normal


@pytest.mark.django_db
def test_resume_position(participant):
    # Nothing answered and nowhere to resume: the first page.
    assert services.resume_position(participant) == 1
    Response.objects.create(participant=participant, statement_id="a-1", level=2)
    participant.resume_component_id = "comp-b"
    assert services.resume_position(participant) == 2
    # An id that is not in the framework: the first page with something unanswered.
    for statement_id in ("a-2", "a-3"):
        Response.objects.create(participant=participant, statement_id=statement_id, level=None)
    participant.resume_component_id = "gone"
    assert services.resume_position(participant) == 2
    for statement_id in ("b-1", "b-2"):
        Response.objects.create(participant=participant, statement_id=statement_id, level=5)
    assert services.resume_position(participant) is None


@pytest.mark.django_db
def test_responses_to_statements_outside_the_framework_are_not_counted(participant):
    Response.objects.create(participant=participant, statement_id="a-1", level=2)
    Response.objects.create(participant=participant, statement_id="old-statement", level=2)
    assert set(services.answers_by_statement(participant)) == {"a-1"}
    assert [s.id for s in services.unanswered_statements(participant)] == [
        "a-2",
        "a-3",
        "b-1",
        "b-2",
    ]
