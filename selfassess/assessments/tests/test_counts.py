"""The count table comes from one query and matches a count made independently."""

import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selfassess.analysis import DONT_KNOW
from selfassess.assessments.counts import count_table
from selfassess.assessments.models import Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    ParticipantGroupFactory,
)

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

    table = count_table(assessment)
    assert dict(table.cells) == {key: n for key, n in tally.items() if n}
    assert table.levels == (1, 2, 3, 4, 5)


def test_count_table_is_one_query_whatever_the_size():
    small = AssessmentFactory()
    fill(small, [ParticipantGroupFactory(assessment=small)], 2, seed=3)
    large = AssessmentFactory(framework_version=small.framework_version)
    fill(large, [ParticipantGroupFactory(assessment=large) for _ in range(4)], 15, seed=4)
    counts = []
    for assessment in (small, large):
        assessment = (
            type(assessment).objects.select_related("framework_version").get(pk=assessment.pk)
        )
        with CaptureQueriesContext(connection) as queries:
            count_table(assessment)
        counts.append(len(queries))
    assert counts == [1, 1]
