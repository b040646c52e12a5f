"""A release freezes counts that match a tally made independently, and reading a release
costs the same few queries whatever the size of the assessment."""

import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selfassess.analysis import DONT_KNOW
from selfassess.assessments.models import Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    ParticipantGroupFactory,
)
from selfassess.disclosure import gate
from selfassess.disclosure.tests.helpers import release_now

pytestmark = pytest.mark.django_db

STATEMENTS = ["a-1", "a-2", "a-3", "b-1", "b-2"]


def fill(assessment, groups, people_per_group, seed):
    """Random answers; returns the independent tally of what was written."""
    rng = random.Random(seed)
    tally = Counter()
    rows = []
    for group in groups:
        for _ in range(people_per_group):
            participant = ParticipantFactory(assessment=assessment, group=group)
            for statement_id in STATEMENTS:
                level = rng.choice([1, 2, 3, 4, 5, None])
                rows.append(
                    Response(participant=participant, statement_id=statement_id, level=level)
                )
                tally[(statement_id, str(group.pk), DONT_KNOW if level is None else level)] += 1
    Response.objects.bulk_create(rows)
    return tally


def test_count_table_equals_an_independent_tally():
    assessment = AssessmentFactory()
    groups = [ParticipantGroupFactory(assessment=assessment) for _ in range(3)]
    tally = fill(assessment, groups, 6, seed=1)
    other = AssessmentFactory()
    fill(other, [ParticipantGroupFactory(assessment=other)], 4, seed=2)

    release = release_now(assessment)
    frozen = {
        (sid, group, DONT_KNOW if answer == DONT_KNOW else int(answer)): n
        for sid, by_group in release.counts.items()
        for group, by_answer in by_group.items()
        for answer, n in by_answer.items()
    }
    assert frozen == {key: n for key, n in tally.items() if n}
    assert release.people == 18


def test_later_answers_do_not_change_a_release():
    assessment = AssessmentFactory()
    groups = [ParticipantGroupFactory(assessment=assessment) for _ in range(2)]
    fill(assessment, groups, 6, seed=5)
    release = release_now(assessment)
    before = gate.analysis_of(assessment, release)
    fill(assessment, groups, 1, seed=6)
    assert gate.analysis_of(assessment, gate.latest_release(assessment)) == before


def test_reading_a_release_costs_the_same_whatever_the_size():
    small = AssessmentFactory()
    fill(small, [ParticipantGroupFactory(assessment=small)], 2, seed=3)
    large = AssessmentFactory(framework_version=small.framework_version)
    fill(large, [ParticipantGroupFactory(assessment=large) for _ in range(4)], 15, seed=4)
    counts = []
    for assessment in (small, large):
        release_now(assessment)
        assessment = (
            type(assessment).objects.select_related("framework_version").get(pk=assessment.pk)
        )
        with CaptureQueriesContext(connection) as queries:
            gate.analysis_of(assessment, gate.latest_release(assessment))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2
