"""The small rules behind the pages, checked against values worked out by hand."""

import pytest

from selfassess.assessments import join_codes
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
    assert join_codes.normalise(typed) == normal


@pytest.mark.django_db
def test_resume_point_is_the_first_unanswered_statement(participant):
    # Nothing answered: the first statement of the first page.
    assert services.resume_point(participant) == (1, "a-1")
    # a-1 answered and the last page saved was comp-b: a-2 is still the first unanswered,
    # so the participant goes back to it, not on to the last section they saved.
    Response.objects.create(participant=participant, statement_id="a-1", level=2)
    participant.resume_component_id = "comp-b"
    assert services.resume_point(participant) == (1, "a-2")
    # "Don't know" is an answer.
    for statement_id in ("a-2", "a-3"):
        Response.objects.create(participant=participant, statement_id=statement_id, level=None)
    assert services.resume_point(participant) == (2, "b-1")
    Response.objects.create(participant=participant, statement_id="b-1", level=5)
    assert services.resume_point(participant) == (2, "b-2")
    Response.objects.create(participant=participant, statement_id="b-2", level=5)
    assert services.resume_point(participant) is None


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
