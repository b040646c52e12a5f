"""Every page that shows a framework works for one of any size: 1, 5, 27 and 40 components
on 2, 5, 7 and 10 levels, with long names and text in several scripts. Each page answers
200 with every component (or statement) named, and nothing is escaped twice or shown as a
template object. The participant's answer page shows every level of the scale."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from selfassess.assessments.models import Participant

from .builders import answered_assessment, synthetic_snapshot

CASES = [
    pytest.param(1, 2, {}, id="1x2"),
    pytest.param(5, 5, {"long_names": True}, id="5x5-long"),
    pytest.param(27, 7, {"mixed_titles": True}, id="27x7-mixed"),
    pytest.param(40, 10, {"mixed_titles": True, "long_names": True}, id="40x10-mixed-long"),
]


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    html = response.content.decode()
    for marker in ("&lt;Macro ", "Undefined", "<bound method", "&amp;amp;"):
        assert marker not in html, (name, marker)
    return unescape(html)


@pytest.mark.parametrize("components, levels, options", CASES)
def test_pages_name_every_component(db, facilitator_of, components, levels, options):
    assessment = answered_assessment(
        synthetic_snapshot(components, levels, **options), people=3, actions=True
    )
    framework = assessment.framework
    client = facilitator_of(assessment.organisation)
    pk = assessment.pk
    titles = [component.title for component in framework.components]
    for name in ("results:overview", "results:groups", "workshop:summary", "plans:plan"):
        html = page(client, name, pk)
        missing = [title for title in titles if title not in html]
        assert not missing, (name, missing[:3])
    page(client, "results:discussion", pk)
    page(client, "reports:board", pk)
    page(client, "plans:priorities", pk)
    last = framework.components[-1]
    html = page(client, "results:component", pk, last.id)
    assert all(statement.text in html for statement in last.statements)
    statement = last.statements[-1]
    html = page(client, "workshop:record", pk, statement.id)
    assert all(f"{level.value} {level.name}" in html for level in framework.scale.levels)


@pytest.mark.parametrize("components, levels, options", CASES)
def test_the_answer_page_offers_every_level(db, components, levels, options):
    assessment = answered_assessment(
        synthetic_snapshot(components, levels, **options), people=1, agreed=False, actions=False
    )
    assessment.transition_to("open")
    group = assessment.groups.first()
    _participant, token = Participant.invite(assessment, group)
    browser = Client()
    browser.get(reverse("participation:start", args=[token]))
    framework = assessment.framework
    html = page(browser, "participation:component", len(framework.components))
    for statement in framework.components[-1].statements:
        for value in framework.scale.values:
            assert f'name="answer-{statement.id}" type="radio" value="{value}"' in html
        assert statement.descriptors[framework.scale.values[-1]] in html
