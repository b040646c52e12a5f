"""The demo plan mixes good and poor actions, so the checker has real findings to show."""

import pytest
from django.utils import timezone

from selfassess.assessments.tests.factories import AssessmentFactory
from selfassess.plans.demo import add_demo_plan
from selfassess.plans.review import review_plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # horizons count from when the actions were created


def test_the_demo_plan_shows_real_findings_and_leaves_good_actions_alone():
    assessment = AssessmentFactory()
    actions = add_demo_plan(assessment, None, today=TODAY)
    assert assessment.actions.count() == 7
    review = review_plan(assessment, actions, TODAY, ratings={})
    by_title = {a.title: sorted(f.code for f in review.by_action[a.pk]) for a in actions}
    assert by_title["Publish the board's three improvement priorities on the staff intranet"] == []
    assert by_title["Train 40 ward managers in improvement methods"] == []
    assert by_title["Appoint a patient partner to the improvement steering group"] == []
    assert by_title["Deliver a world-class, transformational culture of excellence"] == [
        "buzzwords",
        "grand-words",
        "no-date",
        "no-measure",
        "no-owner",
        "vague-promise",
    ]
    assert by_title["Hold monthly leadership walkabouts on every ward"] == ["date-past"]
    assert by_title["Add improvement measures to the monthly divisional performance reviews"] == [
        "horizon-mismatch"
    ]
    assert by_title["Commit to develop a leadership framework in the future"] == [
        "measure-output-only",
        "no-verb",
        "vague-promise",
    ]


def test_the_demo_plan_works_on_the_shipped_framework_and_can_be_made_again(library_loaded):
    snapshot = (
        library_loaded["nhs-impact"]
        if "nhs-impact" in library_loaded
        else next(iter(library_loaded.values()))
    )
    assessment = AssessmentFactory(framework_version=snapshot)
    add_demo_plan(assessment, None)
    add_demo_plan(assessment, None)
    statement_ids = {s.id for s in assessment.framework.statements()}
    assert assessment.actions.count() == 7
    assert all(set(a.statement_ids) <= statement_ids for a in assessment.actions.all())
    assert assessment.actions.get(status="done").notes.count() == 1
