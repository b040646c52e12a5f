"""Whatever a viewer does (changing the peers chosen, peers sharing, re-sharing, withdrawing),
the comparisons it is shown never let it tell one peer's figure apart from four others'."""

from fractions import Fraction

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from selfassess.analysis.tests.test_peers import isolated_peers
from selfassess.organisations.models import Deprivation, Region
from selfassess.peers import services
from selfassess.peers.models import ShownPeerSet
from selfassess.systems import sharing

from .helpers import peer, viewer

pytestmark = pytest.mark.django_db

REGIONS = [Region.LONDON, Region.NORTH_WEST]
DEPRIVATION = [Deprivation.MOST, Deprivation.LESS]

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("view"),
            st.sets(st.sampled_from(REGIONS)),
            st.sets(st.sampled_from(DEPRIVATION)),
        ),
        st.tuples(st.just("join"), st.sampled_from(REGIONS), st.sampled_from(DEPRIVATION)),
        st.tuples(st.just("withdraw"), st.integers(0, 50), st.none()),
    ),
    min_size=1,
    max_size=10,
)


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(REGIONS), st.sampled_from(DEPRIVATION)), min_size=4, max_size=12
    ),
    steps,
)
def test_no_sequence_of_pages_isolates_one_peer(start, actions):
    with transaction.atomic():
        counter = iter(range(1000))
        shares = []

        def join(region, deprivation):
            n = next(counter)
            shares.append(
                peer(
                    f"Peer {n} NHS Trust",
                    {"a-1": (1 + n % 5, 5)},
                    region=region,
                    deprivation=deprivation,
                )[1]
            )

        for region, deprivation in start:
            join(region, deprivation)
        organisation, own, _ = viewer({"a-1": (3, 4)})
        shown = []
        for kind, first, second in actions:
            if kind == "join":
                join(first, second)
            elif kind == "withdraw" and shares:
                sharing.withdraw(shares.pop(first % len(shares)), actor=None)
            elif kind == "view":
                chosen = {k: v for k, v in (("region", first), ("deprivation", second)) if v}
                page = services.build_page(organisation, own, chosen)
                row = next(r for r in page.components[0].rows if r.scope == "s:a-1")
                comparison = row.comparisons["current"]
                if comparison.shown:
                    shown.append(comparison.members)
        remembered = [
            frozenset(s.members)
            for s in ShownPeerSet.objects.filter(
                viewer=organisation, scope__endswith="|current|s:a-1"
            )
        ]
        assert set(shown) <= set(remembered)
        everyone = frozenset().union(*remembered) if remembered else frozenset()
        # Distinct stand-in figures, so only the sets matter (see the analysis property).
        values = {key: Fraction(i) for i, key in enumerate(sorted(everyone))}
        assert isolated_peers(remembered, values) == []
        transaction.set_rollback(True)
