"""The count table every result derives from, built by one aggregate query.

Counting happens in the database (GROUP BY statement, group, level), so the cost of a
results page does not grow with the number of responses held in Python.
"""

from django.db.models import Count

from selfassess.analysis import DONT_KNOW, ComponentSpec, CountTable, analyse

from .models import Response


def count_rows(assessment):
    rows = (
        Response.objects.filter(participant__assessment=assessment)
        .values_list("statement_id", "participant__group_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for statement_id, group_id, level, n in rows:
        yield statement_id, str(group_id), DONT_KNOW if level is None else level, n


def count_table(assessment) -> CountTable:
    levels = assessment.framework.scale.values
    return CountTable.from_rows(levels, count_rows(assessment))


def analyse_assessment(assessment, groups):
    """Run the analysis for an assessment; `groups` are its ParticipantGroup rows in order."""
    framework = assessment.framework
    components = [
        ComponentSpec(c.id, tuple(s.id for s in c.statements)) for c in framework.components
    ]
    return analyse(
        count_table(assessment),
        components,
        [str(g.pk) for g in groups],
        assessment.anonymity_threshold,
    )
