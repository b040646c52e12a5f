"""Free text typed by anyone (an organisation's name, a cycle label, an introduction, a
participant's comment) comes back escaped on every page that shows it, whatever it holds."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from selfassess.assessments.models import Response

from .world import FACILITATOR, PARTICIPANT

# Any printable text, then markup that would run or restyle the page if it were not escaped.
fuzz = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30
).map(lambda text: f"{text.strip()}<script>alert(1)</script><b onclick='x'>\"&amp;")

# The introduction is laid out in paragraphs, which rewrites whitespace; its fuzz has none.
fuzz_without_spaces = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Z")), max_size=30
).map(lambda text: f"{text}<script>alert(1)</script><b/onclick='x'>\"&amp;")

# A cycle label holds at most 40 characters (PostgreSQL enforces it), so its fuzz is shorter.
short_fuzz = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=10
).map(lambda text: f'{text.strip()}<script>alert(1)</script>"&')

FUZZ_SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_escaped(html, value):
    assert "<script>alert(1)" not in html
    assert "<b onclick" not in html and "<b/onclick" not in html
    assert str(escape(value)) in html


@FUZZ_SETTINGS
@given(name=fuzz)
def test_an_organisation_name(world, name):
    world.home.organisation.name = name
    world.home.organisation.save()
    client = world.client_for(FACILITATOR)
    html = client.get(reverse("organisations:detail", args=[world.home.organisation.pk]))
    assert_escaped(html.content.decode(), name)


@FUZZ_SETTINGS
@given(label=short_fuzz)
def test_a_cycle_label(world, label):
    assessment = world.home.assessment
    assessment.cycle_label = label
    assessment.save()
    client = world.client_for(FACILITATOR)
    for url in (
        reverse("assessments:overview", args=[assessment.pk]),
        reverse("results:overview", args=[assessment.pk]),
    ):
        assert_escaped(client.get(url).content.decode(), label)


@FUZZ_SETTINGS
@given(introduction=fuzz_without_spaces)
def test_an_assessment_introduction(world, introduction):
    assessment = world.home.assessment
    assessment.introduction = introduction
    assessment.save()
    html = world.client_for(PARTICIPANT).get(reverse("participation:intro")).content.decode()
    assert_escaped(html, introduction)


@FUZZ_SETTINGS
@given(comment=fuzz)
def test_a_participants_comment(world, comment, release_current_answers):
    """The comment reaches the page through a release of the answers as they stand."""
    Response.objects.filter(
        statement_id="a-1", participant__assessment=world.home.assessment
    ).update(comment=comment)
    client = world.client_for(FACILITATOR)
    url = reverse("results:component", args=[world.home.assessment.pk, "comp-a"])
    assert_escaped(client.get(url).content.decode(), comment)


def test_the_payload_would_be_caught_if_it_were_not_escaped():
    """Guard the check itself: unescaped markup fails it."""
    with pytest.raises(AssertionError):
        assert_escaped("<p><script>alert(1)</script></p>", "<script>alert(1)</script>")
