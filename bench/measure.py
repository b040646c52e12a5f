"""What is timed, and the floor it is compared with.

* ``release``: ``gate.make_release`` for the assessment, as closing it does: reading every
  answer, deciding which cells to show (primary, complementary and cross-release suppression)
  and freezing the release. Each run is rolled back, so every run makes the first release.
* ``results``: ``results_for`` the assessment, reading its latest (frozen) release and
  analysing it (summaries, agreement, pooling of shown cells, gaps) in Python.
* ``results_page``: a signed-in viewer's GET of the results overview page, end to end through
  Django (session, permission check, reading the release, analysis, chart, template).
* the floor: the cheapest way to get the same information out of the database at all, one raw
  ``SELECT statement_id, group_id, level, COUNT(*) ... GROUP BY ...`` over the same responses,
  fetched into Python. Nothing that reads the responses can be faster than this.

Each figure is the median of several runs after one warm-up run, with ``time.perf_counter``.
The ratio (measurement / floor) is what to compare between machines and over time: it says
how much the service adds on top of counting, independent of how fast the machine is.
"""

import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from selfassess.assessments.models import Participant, Response
from selfassess.disclosure import gate
from selfassess.disclosure.models import ReleaseKind
from selfassess.results.services import results_for


def median_ms(run, repeat: int) -> float:
    run()  # warm-up: caches, prepared statements, imports
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def floor_query(assessment_pk: int):
    response, participant = Response._meta.db_table, Participant._meta.db_table
    sql = (
        f"SELECT r.statement_id, p.group_id, r.level, COUNT(*) "  # noqa: S608 - table names only
        f"FROM {response} r JOIN {participant} p ON p.id = r.participant_id "
        f"WHERE p.assessment_id = %s GROUP BY r.statement_id, p.group_id, r.level"
    )

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [assessment_pk])
            return cursor.fetchall()

    return run


def measure(assessment, viewer, repeat: int) -> dict[str, tuple[float, float]]:
    """{name: (median_ms, floor_ms)} for making a release, the results and the results page."""
    floor = median_ms(floor_query(assessment.pk), repeat)

    def make_release():
        with transaction.atomic():
            gate.make_release(assessment, kind=ReleaseKind.CLOSING, actor=None)
            transaction.set_rollback(True)

    release = median_ms(make_release, repeat)
    # The release the results and the page read; kept, unlike the timed ones.
    gate.make_release(assessment, kind=ReleaseKind.CLOSING, actor=None)
    results = median_ms(lambda: results_for(assessment), repeat)

    client = Client()
    client.force_login(viewer)
    url = reverse("results:overview", args=[assessment.pk])

    def get_page():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    page = median_ms(get_page, repeat)
    return {
        "release": (release, floor),
        "results": (results, floor),
        "results_page": (page, floor),
    }
