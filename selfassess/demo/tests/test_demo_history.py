"""The demo organisation's history: two earlier cycles, consensus, plans and survey figures."""

from collections import defaultdict
from statistics import median

import pytest

from selfassess.assessments.models import ConsensusRating, Response
from selfassess.cycles.loading import answered_chain
from selfassess.cycles.models import StaffSurveyIndicator
from selfassess.demo.generator import create_demo
from selfassess.plans.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(library_loaded):
    return create_demo()


def statement_medians(assessment):
    levels = defaultdict(list)
    for statement_id, level in Response.objects.filter(
        participant__assessment=assessment, level__isnull=False
    ).values_list("statement_id", "level"):
        levels[statement_id].append(level)
    return {sid: median(values) for sid, values in levels.items()}


def test_two_earlier_completed_cycles_lead_to_the_current_one(demo):
    chain = answered_chain(demo.assessment)
    assert [a.status for a in chain] == ["complete", "complete", "open"]
    assert chain[-1] == demo.assessment
    assert chain[0].created_at < chain[1].created_at < chain[2].created_at
    assert len({a.cycle_label for a in chain}) == 3


def test_medians_mostly_rise_with_some_statements_falling(demo):
    oldest, previous, current = (statement_medians(a) for a in answered_chain(demo.assessment))
    rises = sum(1 for sid in current if current[sid] > oldest[sid])
    falls = sum(1 for sid in current if current[sid] < previous[sid])
    assert rises >= len(current) // 2
    assert falls >= 1
    assert sum(current.values()) > sum(previous.values()) > sum(oldest.values())


def test_consensus_plans_and_survey_figures(demo):
    previous = demo.assessment.previous
    statements = len(demo.assessment.framework.statements())
    for earlier in answered_chain(demo.assessment)[:2]:
        assert ConsensusRating.objects.filter(assessment=earlier).count() == statements
    current = ConsensusRating.objects.filter(assessment=demo.assessment).count()
    assert statements // 2 < current < statements
    assert Action.objects.filter(assessment=demo.assessment).exists()
    done = Action.objects.filter(assessment=previous, status="done").count()
    assert done > Action.objects.filter(assessment=previous).count() // 2
    years = set(
        StaffSurveyIndicator.objects.filter(organisation=demo.organisation).values_list(
            "year", flat=True
        )
    )
    assert len(years) == 3
