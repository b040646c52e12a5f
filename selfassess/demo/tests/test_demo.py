"""The demo organisation has the structure every later page relies on."""

from collections import Counter, defaultdict
from statistics import median

import pytest
from django.core.management import call_command

from selfassess.assessments.models import Participant, Response
from selfassess.demo.generator import DEMO_ORGANISATION, create_demo
from selfassess.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def responses_of(assessment):
    return list(
        Response.objects.filter(participant__assessment=assessment).values_list(
            "participant__group__name", "statement_id", "level", "comment"
        )
    )


def test_demo_has_enough_people_in_every_default_group(demo):
    groups = Counter(
        Participant.objects.filter(assessment=demo.assessment).values_list("group__name", flat=True)
    )
    assert sum(groups.values()) >= 40
    assert len(groups) == 7
    assert demo.assessment.groups.count() == 7
    assert demo.assessment.participants.filter(completed_at__isnull=False).count() >= 40


def test_board_is_more_positive_than_the_front_line_on_some_statements(demo):
    by = defaultdict(list)
    for group, statement_id, level, _comment in responses_of(demo.assessment):
        if level is not None:
            by[(group, statement_id)].append(level)
    statements = {s for _g, s in by}
    gaps = [
        median(by[("Board", s)]) - median(by[("Front-line staff", s)])
        for s in statements
        if by[("Board", s)] and by[("Front-line staff", s)]
    ]
    assert sum(1 for gap in gaps if gap >= 1.5) >= 5
    assert sum(1 for gap in gaps if gap <= 0.5) >= 5


def test_demo_has_disagreement_dont_knows_and_comments(demo):
    rows = responses_of(demo.assessment)
    levels_by_statement = defaultdict(list)
    for _group, statement_id, level, _comment in rows:
        if level is not None:
            levels_by_statement[statement_id].append(level)
    wide = [s for s, levels in levels_by_statement.items() if max(levels) - min(levels) >= 4]
    assert len(wide) >= 3
    dont_know = sum(1 for row in rows if row[2] is None)
    assert 0.02 < dont_know / len(rows) < 0.2
    comments = [row[3] for row in rows if row[3]]
    assert len(comments) >= 20
    assert all(len(c) < 200 for c in comments)


def test_demo_is_deterministic_and_created_once(demo, library_loaded):
    first = sorted(responses_of(demo.assessment), key=repr)
    assert create_demo() is None
    Organisation.objects.filter(name=DEMO_ORGANISATION).delete()
    again = create_demo(today=demo.assessment.closes_on.replace(day=1))
    assert sorted(responses_of(again.assessment), key=repr) == first


def test_seed_command_is_idempotent(library_loaded, capsys):
    call_command("seed_demo")
    assert "Created" in capsys.readouterr().out
    call_command("seed_demo")
    assert Organisation.objects.filter(name=DEMO_ORGANISATION).count() == 1


def test_sign_in_command_prints_a_working_link(demo, client, capsys):
    call_command("demo_sign_in", "--base-url", "http://testserver")
    out = capsys.readouterr().out
    link = next(line.strip() for line in out.splitlines() if "/sign-in/link/" in line)
    assert client.get(link.removeprefix("http://testserver")).status_code == 200
    response = client.post(link.removeprefix("http://testserver"))  # the page's Sign in button
    assert response.status_code == 302
    assert response.wsgi_request.user.email == "facilitator@demo.invalid"


def test_every_demo_cycle_has_a_join_code_as_an_opened_assessment_does(demo):
    cycles = [demo.assessment, demo.assessment.previous, demo.assessment.previous.previous]
    codes = [cycle.join_code for cycle in cycles]
    assert all(codes) and len(set(codes)) == 3
