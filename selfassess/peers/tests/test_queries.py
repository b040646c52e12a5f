"""A peer comparison makes the same, fixed number of queries however many peers there are
(the benchmark, ``bench/peer_comparison.py``, times it over 250)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.peer_comparison import create_peers
from selfassess.peers import services

pytestmark = pytest.mark.django_db

#: Lock the viewer's row, read the local peer shares, the received shares and the memory of
#: shown sets, and write the newly shown sets; plus the transaction's savepoint and release.
QUERIES = 7


def queries_for(organisations):
    viewer, share, _ = create_peers(organisations, seed=organisations)
    with CaptureQueriesContext(connection) as first:
        page = services.build_page(viewer, share, {})
    assert page.peers == organisations and page.anything_shown
    with CaptureQueriesContext(connection) as again:
        services.build_page(viewer, share, {})
    return len(first), len(again)


@pytest.mark.parametrize("organisations", [6, 40])
def test_the_query_count_does_not_grow_with_the_peers(organisations):
    first, again = queries_for(organisations)
    assert first == QUERIES
    assert again == QUERIES - 1  # the same reads; nothing new to remember, so no write
