"""Peer statistics: quartiles against independently computed values, and the rule that no
sequence of shown comparisons lets a viewer tell one peer's figure apart from others'."""

import statistics
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.analysis import peers
from selfassess.analysis.peers import (
    ABOVE,
    BELOW,
    BETWEEN,
    MIN_PEERS,
    REASON_DIFFERENCING,
    REASON_TOO_FEW,
    compare,
    refusal,
    round_half,
    spread_of,
)


def independent_quartiles(values):
    """Type 7 quartiles by the standard library ("inclusive" is Hyndman & Fan type 7)."""
    return statistics.quantiles(sorted(values), n=4, method="inclusive")


def nearest_half(x):
    """Round to the nearest half, ties up, computed a different way from round_half."""
    doubled = Fraction(x) * 2
    whole = doubled.numerator // doubled.denominator
    return (whole + (1 if doubled - whole >= Fraction(1, 2) else 0)) / 2


# -- the figures ---------------------------------------------------------------------------------


def test_five_peers_quartiles_by_hand():
    # Sorted 1, 2, 3, 4, 5: type 7 positions 1, 2, 3 (0-based) give 2, 3 and 4.
    spread = spread_of([3, 1, 5, 2, 4])
    assert (spread.peers, spread.q1, spread.median, spread.q3) == (5, 2.0, 3.0, 4.0)


def test_six_peers_quartiles_by_hand_are_rounded_to_half_a_level():
    # Sorted 1, 2, 2, 3, 4, 5: h = 1.25 -> 2; h = 2.5 -> 2.5; h = 3.75 -> 3.75 -> 4.0.
    spread = spread_of([5, 2, 1, 4, 2, 3])
    assert (spread.q1, spread.median, spread.q3) == (2.0, 2.5, 4.0)


def test_rounding_by_hand():
    assert [round_half(Fraction(v)) for v in ("2.24", "2.25", "2.74", "2.75", "3")] == [
        2.0,
        2.5,
        2.5,
        3.0,
        3.0,
    ]


@given(st.lists(st.integers(1, 5) | st.sampled_from([1.5, 2.5, 3.5, 4.5]), min_size=2))
def test_quartiles_match_the_standard_library(values):
    q1, median, q3 = independent_quartiles([Fraction(v) for v in values])
    spread = spread_of(values)
    assert (spread.q1, spread.median, spread.q3) == (
        nearest_half(q1),
        nearest_half(median),
        nearest_half(q3),
    )
    assert spread.peers == len(values)


def test_own_position_against_the_shown_quartiles():
    shown = spread_of([2, 2, 3, 4, 4])  # q1 2, q3 4
    assert peers.position_of(1, shown) == BELOW
    assert peers.position_of(2, shown) == BETWEEN
    assert peers.position_of(4, shown) == BETWEEN
    assert peers.position_of(4.5, shown) == ABOVE
    assert peers.position_of(None, shown) is None


def test_fewer_than_five_peers_are_never_shown():
    four = {f"share-{i}": i for i in range(1, 5)}
    result = compare(3, four, shown=[])
    assert result.spread is None and result.reason == REASON_TOO_FEW and result.position is None
    five = {**four, "share-5": 5}
    assert compare(3, five, shown=[]).spread == spread_of([1, 2, 3, 4, 5])


# -- differencing --------------------------------------------------------------------------------


def members(*names):
    return frozenset(names)


BASE = members("a", "b", "c", "d", "e", "f")


def test_the_same_set_again_is_shown():
    assert refusal(BASE, [BASE]) is None


def test_one_peer_more_or_less_is_refused():
    assert refusal(BASE | {"g"}, [BASE]) == REASON_DIFFERENCING
    assert refusal(BASE - {"a"}, [BASE]) == REASON_DIFFERENCING


def test_a_peer_sharing_a_newer_assessment_is_refused():
    # The same organisation, a new share: one share leaves and one joins.
    assert refusal((BASE - {"a-2025"}) | {"a-2026"}, [BASE | {"a-2025"}]) == REASON_DIFFERENCING


def test_five_peers_more_is_shown():
    assert refusal(BASE | {"g", "h", "i", "j", "k"}, [BASE]) is None


def test_disjoint_sets_are_shown():
    assert refusal(members("v", "w", "x", "y", "z"), [BASE]) is None


def test_pairwise_differences_are_not_enough():
    """R+U+V+x, R+U, R+V, R: every pair differs by at least five, yet the first minus the
    second minus the third plus the fourth is x alone. The atoms rule refuses already the
    third, which would leave x in an atom of its own."""
    r = members(*"abcde")
    u = members(*"fghij")
    v = members(*"klmno")
    sets = [r | u | v | {"x"}, r | u, r | v, r]
    assert all(len(a ^ b) >= 5 for a in sets for b in sets if a != b)
    assert refusal(sets[1], sets[:1]) is None
    assert refusal(sets[2], sets[:2]) == REASON_DIFFERENCING
    assert refusal(sets[3], sets[:2]) is None


# -- the property: no sequence of shown comparisons isolates one peer ----------------------------


def isolated_peers(shown_sets, values):
    """Peers the viewer can tell apart from all but fewer than four others, found by
    exchanging figures and recomputing every shown set's multiset."""
    everyone = set().union(*shown_sets) if shown_sets else set()
    found = []
    for member in everyone:
        twins = 0
        for other in everyone - {member}:
            swapped = dict(values)
            swapped[member], swapped[other] = values[other], values[member]
            if all(
                sorted(values[m] for m in s) == sorted(swapped[m] for m in s) for s in shown_sets
            ):
                twins += 1
        if twins < MIN_PEERS - 1:
            found.append(member)
    return found


UNIVERSE = [f"org-{i}" for i in range(14)]
requests = st.lists(
    st.frozensets(st.sampled_from(UNIVERSE), min_size=0, max_size=len(UNIVERSE)),
    min_size=1,
    max_size=12,
)


def run_viewer(requested, rule):
    """A viewer asks for each set in turn; what the rule lets through is remembered."""
    shown = []
    for wanted in requested:
        if rule(wanted, shown) is None:
            shown.append(wanted)
    return shown


@settings(max_examples=300, deadline=None)
@given(requests, st.permutations(range(len(UNIVERSE))))
def test_no_sequence_of_shown_comparisons_isolates_one_peer(requested, order):
    values = {member: Fraction(rank, 3) for member, rank in zip(UNIVERSE, order, strict=True)}
    shown = run_viewer(requested, refusal)
    assert all(len(s) >= MIN_PEERS for s in shown)
    assert isolated_peers(shown, values) == []


def test_the_property_check_finds_an_isolated_peer_under_a_pairwise_rule():
    """The property above can fail: a rule that only compares pairs of sets lets the
    four-set attack through, and the check names the isolated organisation."""

    def pairwise_rule(candidate, shown):
        if len(candidate) < MIN_PEERS:
            return REASON_TOO_FEW
        if any(0 < len(candidate ^ s) < MIN_PEERS for s in shown):
            return REASON_DIFFERENCING
        return None

    r, u, v = set(UNIVERSE[0:4]), set(UNIVERSE[4:9]), set(UNIVERSE[9:14])
    x = UNIVERSE[0]
    r.discard(x)
    r |= {"org-r1", "org-r2"}
    everyone = sorted(r | u | v | {x})
    values = {m: Fraction(i) for i, m in enumerate(everyone)}
    requested = [frozenset(r | u | v | {x}), frozenset(r | u), frozenset(r | v), frozenset(r)]
    assert isolated_peers(run_viewer(requested, pairwise_rule), values) == [x]
    assert x not in isolated_peers(run_viewer(requested, refusal), values)


@pytest.mark.parametrize("k", [3, 5, 7])
def test_the_threshold_is_a_parameter(k):
    base = frozenset(range(k))
    assert refusal(base, [], k) is None
    assert refusal(frozenset(range(k - 1)), [], k) == REASON_TOO_FEW
    assert refusal(base | {k}, [base], k) == REASON_DIFFERENCING
