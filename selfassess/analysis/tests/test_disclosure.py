"""Which cells a release may show: hand-worked cases, then properties on random histories.

The properties check ``withheld_cells`` against an independent brute-force reading of the rule
in ``disclosure``'s docstring: list every element (person, answer) of every release, give it
the set of shown cells that contain it (its signature), group the elements by signature
(atoms) and require each atom to hold 0 or at least k unknown people and 0 or at least k rated
answers from unknown people.
"""

from collections import Counter, defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.analysis import (
    DONT_KNOW,
    OVERALL,
    REASON_COMPLEMENTARY,
    REASON_DIFFERENCING,
    REASON_NO_ANSWERS,
    REASON_NO_RESPONDENTS,
    REASON_TOO_FEW,
    REASON_TOO_FEW_RATED,
    StatementRelease,
    suppressed_groups,
    withheld_cells,
)
from selfassess.analysis.disclosure import withheld_cells_from_counts

# No example database: nothing is written to the working tree; no deadline: CI machines vary.
PROPERTY = settings(max_examples=150, deadline=None, database=None)

AB = ("A", "B")
ABC = ("A", "B", "C")


def people(prefix, group_id, answers):
    """``{person: (group_id, answer)}`` for one group, people named prefix0, prefix1, ..."""
    return {f"{prefix}{i}": (group_id, answer) for i, answer in enumerate(answers)}


def group_counts(groups, current):
    """``{group_id: {answer: count}}`` of a release, for ``withheld_cells_from_counts``."""
    per_group = {group_id: Counter() for group_id in groups}
    for group_id, answer in current.values():
        per_group[group_id][answer] += 1
    return {group_id: dict(counts) for group_id, counts in per_group.items()}


def release(groups, current, withheld):
    """The ``StatementRelease`` that showed every cell of ``current`` not in ``withheld``."""
    return StatementRelease(current, frozenset({OVERALL, *groups}) - set(withheld))


# Independent checker -------------------------------------------------------------------------


def broken_atoms(k, releases, known=frozenset()):
    """Atoms (signature -> elements) that break the rule, found element by element.

    ``releases`` is a list of ``(answers, shown)``: ``answers`` maps person to
    ``(group_id, answer)``, ``shown`` is the set of shown cells of that release.
    """
    signatures = {}
    for index, (answers, shown) in enumerate(releases):
        for person, (group_id, answer) in answers.items():
            signature = signatures.setdefault((person, answer), set())
            for cell in (OVERALL, group_id):
                if cell in shown:
                    signature.add((index, cell))
    atoms = defaultdict(list)
    for element, signature in signatures.items():
        if signature:  # in no shown cell: nobody can see it
            atoms[frozenset(signature)].append(element)
    broken = {}
    for signature, elements in atoms.items():
        unknown = [(person, answer) for person, answer in elements if person not in known]
        if not unknown:
            continue
        unknown_people = {person for person, _ in unknown}
        rated = sum(1 for _, answer in unknown if answer != DONT_KNOW)
        if len(unknown_people) < k or 0 < rated < k:
            broken[signature] = elements
    return broken


def run_history(k, groups, history, known=frozenset()):
    """Build each release with ``withheld_cells`` against the earlier ones; return
    ``[(answers, withheld)]``."""
    earlier = []
    out = []
    for current in history:
        withheld = withheld_cells(k, groups, current, earlier=list(earlier), known=known)
        earlier.append(release(groups, current, withheld))
        out.append((current, withheld))
    return out


def shown_of(groups, withheld):
    return {OVERALL, *groups} - set(withheld)


# A single release: the thresholds --------------------------------------------------------------


@pytest.mark.parametrize("k", [3, 5, 7])
def test_one_group_at_k_minus_one_k_and_k_plus_one(k):
    # One group: the group is everyone, so both cells stand or fall together.
    below = people("p", "A", [3] * (k - 1))
    assert withheld_cells(k, ["A"], below) == {
        OVERALL: REASON_TOO_FEW_RATED,
        "A": REASON_TOO_FEW_RATED,
    }
    assert withheld_cells(k, ["A"], people("p", "A", [3] * k)) == {}
    assert withheld_cells(k, ["A"], people("p", "A", [3] * (k + 1))) == {}


@pytest.mark.parametrize("k", [3, 5, 7])
def test_a_small_group_beside_a_large_one_at_k_minus_one_k_and_k_plus_one(k):
    big = people("q", "B", [4] * (2 * k))
    # k - 1 in A: withheld; everyone minus B would give A's k - 1 answers, so B goes too.
    current = {**people("p", "A", [2] * (k - 1)), **big}
    assert withheld_cells(k, AB, current) == {
        "A": REASON_TOO_FEW_RATED,
        "B": REASON_COMPLEMENTARY,
    }
    for n in (k, k + 1):
        assert withheld_cells(k, AB, {**people("p", "A", [2] * n), **big}) == {}


def test_no_answers():
    assert withheld_cells(5, AB, {}) == {
        OVERALL: REASON_NO_ANSWERS,
        "A": REASON_NO_ANSWERS,
        "B": REASON_NO_ANSWERS,
    }
    # An empty group holds no one: it is withheld but needs no complement.
    assert withheld_cells(5, AB, people("q", "B", [1] * 5)) == {"A": REASON_NO_ANSWERS}


def test_dont_know_does_not_count_towards_k():
    # A: 5 answers, 4 of them don't know: 1 rated < 5, withheld. Everyone minus B would give
    # A's answers, 5 of them but with 1 rated (0 < 1 < 5): B is withheld too.
    current = {**people("p", "A", [3, *[DONT_KNOW] * 4]), **people("q", "B", [4] * 10)}
    assert withheld_cells(5, AB, current) == {
        "A": REASON_TOO_FEW_RATED,
        "B": REASON_COMPLEMENTARY,
    }
    # A: 5 rated and 4 don't know: shown.
    current = {**people("p", "A", [3] * 5 + [DONT_KNOW] * 4), **people("q", "B", [4] * 10)}
    assert withheld_cells(5, AB, current) == {}
    # A: 5 don't know, no rated answer: withheld, but the residual holds 5 answers and no
    # rated one (0 or >= k both ways), so B stays shown.
    current = {**people("p", "A", [DONT_KNOW] * 5), **people("q", "B", [4] * 10)}
    assert withheld_cells(5, AB, current) == {"A": REASON_TOO_FEW_RATED}
    # Everyone said don't know: nothing has a level to show.
    current = people("p", "A", [DONT_KNOW] * 10)
    assert withheld_cells(5, ["A"], current) == {
        OVERALL: REASON_TOO_FEW_RATED,
        "A": REASON_TOO_FEW_RATED,
    }


def test_complementary_hides_the_smallest_shown_group():
    # A 3 < 5 withheld; residual 3: hide the smallest shown group, B (6): residual 9.
    current = {
        **people("a", "A", [1] * 3),
        **people("b", "B", [2] * 6),
        **people("c", "C", [3] * 8),
    }
    assert withheld_cells(5, ABC, current) == {
        "A": REASON_TOO_FEW_RATED,
        "B": REASON_COMPLEMENTARY,
    }


def test_small_groups_that_together_reach_k_need_no_complement():
    # 2 + 3 = 5 >= 5 answers and rated: the residual protects them.
    current = {
        **people("a", "A", [1] * 2),
        **people("b", "B", [2] * 3),
        **people("c", "C", [3] * 10),
    }
    assert withheld_cells(5, ABC, current) == {
        "A": REASON_TOO_FEW_RATED,
        "B": REASON_TOO_FEW_RATED,
    }


def test_complementary_ties_go_to_the_earliest_group_and_size_is_rated_answers():
    # B 2 withheld. A and C both have 6 rated answers: A comes first.
    current = {
        **people("a", "A", [1] * 6),
        **people("b", "B", [2] * 2),
        **people("c", "C", [3] * 6),
    }
    assert withheld_cells(5, ABC, current) == {
        "A": REASON_COMPLEMENTARY,
        "B": REASON_TOO_FEW_RATED,
    }
    # A has 10 answers but only 6 rated, C 7 rated: A is the smaller by rated answers.
    current = {
        **people("a", "A", [1] * 6 + [DONT_KNOW] * 4),
        **people("b", "B", [2] * 2),
        **people("c", "C", [3] * 7),
    }
    assert withheld_cells(5, ABC, current) == {
        "A": REASON_COMPLEMENTARY,
        "B": REASON_TOO_FEW_RATED,
    }


def test_from_counts_gives_the_same_cells_by_hand():
    current = {
        **people("a", "A", [1] * 3),
        **people("b", "B", [2] * 6 + [DONT_KNOW]),
        **people("c", "C", [3] * 8),
    }
    assert withheld_cells_from_counts(5, ABC, group_counts(ABC, current)) == {
        "A": REASON_TOO_FEW_RATED,
        "B": REASON_COMPLEMENTARY,
    }
    per_group = {"A": {1: 3}, "B": {2: 6, DONT_KNOW: 1}, "C": {3: 8, 4: 0}}  # a zero count
    assert withheld_cells_from_counts(5, ABC, per_group) == withheld_cells(5, ABC, current)
    with pytest.raises(ValueError, match="not in groups"):
        withheld_cells_from_counts(5, AB, {"Z": {1: 5}})
    with pytest.raises(ValueError, match="not in groups"):
        withheld_cells(5, AB, {"z0": ("Z", 1)})


# Known (imported) people --------------------------------------------------------------------


def test_known_people_do_not_count_towards_k():
    # A: 4 real + 1 imported (5 rated answers, but 4 people the reader does not know): it
    # must not be shown. B: 5 real + 3 imported: 5 unknown people, shown.
    current = {
        **people("a", "A", [3] * 4),
        "ia": ("A", 3),
        **people("b", "B", [4] * 5),
        **people("ib", "B", [4] * 3),
    }
    known = {"ia", "ib0", "ib1", "ib2"}
    withheld = withheld_cells(5, AB, current, known=known)
    assert "A" in withheld and "B" not in withheld
    # By the greedy search: withholding A alone leaves everyone minus B = A's 4 real people;
    # no single cell fixes it, so everyone's cell goes first, then A.
    assert withheld == {OVERALL: REASON_COMPLEMENTARY, "A": REASON_COMPLEMENTARY}
    assert not broken_atoms(5, [(current, shown_of(AB, withheld))], frozenset(known))
    # Without the imports known, the same table shows everything.
    assert withheld_cells(5, AB, current) == {}


def test_padding_a_small_group_with_imports_never_opens_it():
    current = {**people("a", "A", [2] * 4), **people("i", "A", [2] * 20)}
    known = {f"i{i}" for i in range(20)}
    withheld = withheld_cells(5, ["A"], current, known=known)
    assert set(withheld) == {OVERALL, "A"}


def test_a_group_of_only_imports_may_be_shown():
    # Five imported answers protect no one, but reveal nothing the reader does not know.
    current = {**people("i", "A", [2] * 5), **people("b", "B", [4] * 5)}
    assert withheld_cells(5, AB, current, known={f"i{i}" for i in range(5)}) == {}


# Differencing across releases ----------------------------------------------------------------


def first_release():
    # A: p0..p4, B: q0..q4, k = 5: everything shown.
    current = {**people("p", "A", [3, 3, 4, 4, 5]), **people("q", "B", [2, 2, 3, 3, 3])}
    assert withheld_cells(5, AB, current) == {}
    return current, release(AB, current, {})


def test_one_person_added_to_a_shown_group_is_not_given_away():
    before, shown_before = first_release()
    after = {**before, "p5": ("A", 1)}
    # On its own the second release would show everything ...
    assert withheld_cells(5, AB, after) == {}
    # ... but A then minus A before is p5's answer. Withholding A alone leaves everyone minus
    # B (p0..p5); withholding everyone alone leaves A: both must go. B is unchanged.
    withheld = withheld_cells(5, AB, after, earlier=[shown_before])
    assert withheld == {OVERALL: REASON_DIFFERENCING, "A": REASON_DIFFERENCING}
    releases = [(before, shown_before.shown), (after, shown_of(AB, withheld))]
    assert not broken_atoms(5, releases)
    # The checker does see the leak if the second release showed everything.
    leaked = broken_atoms(5, [(before, shown_before.shown), (after, {OVERALL, "A", "B"})])
    assert list(leaked.values()) == [[("p5", 1)]]


def test_one_person_changing_their_answer_is_not_given_away():
    before, shown_before = first_release()
    after = {**before, "p0": ("A", 1)}  # p0 goes from 3 to 1
    withheld = withheld_cells(5, AB, after, earlier=[shown_before])
    assert withheld == {OVERALL: REASON_DIFFERENCING, "A": REASON_DIFFERENCING}
    assert not broken_atoms(5, [(before, shown_before.shown), (after, shown_of(AB, withheld))])
    leaked = broken_atoms(5, [(before, shown_before.shown), (after, {OVERALL, "A", "B"})])
    assert sorted(map(tuple, leaked.values())) == [
        (("p0", 1),),
        (("p0", 3),),
        (("p1", 3), ("p2", 4), ("p3", 4), ("p4", 5)),
    ]


def test_one_person_leaving_is_not_given_away():
    before = {**people("p", "A", [3, 3, 4, 4, 5, 2]), **people("q", "B", [2, 2, 3, 3, 3])}
    assert withheld_cells(5, AB, before) == {}
    shown_before = release(AB, before, {})
    after = dict(before)
    del after["p5"]  # A still has 5 rated answers
    withheld = withheld_cells(5, AB, after, earlier=[shown_before])
    assert withheld == {OVERALL: REASON_DIFFERENCING, "A": REASON_DIFFERENCING}


def test_k_people_added_are_shown():
    before, shown_before = first_release()
    after = {**before, **people("n", "A", [1, 2, 3, 4, 5])}
    assert withheld_cells(5, AB, after, earlier=[shown_before]) == {}
    # k people but one of them don't know: their 4 rated answers would be singled out.
    after = {**before, **people("n", "A", [1, 2, 3, 4, DONT_KNOW])}
    withheld = withheld_cells(5, AB, after, earlier=[shown_before])
    assert withheld == {OVERALL: REASON_DIFFERENCING, "A": REASON_DIFFERENCING}


def test_an_imported_answer_added_between_releases_needs_no_protection():
    # The reader already knows the imported answer, so the difference tells them nothing.
    before, shown_before = first_release()
    after = {**before, "i0": ("A", 1)}
    assert withheld_cells(5, AB, after, earlier=[shown_before], known={"i0"}) == {}


def test_an_earlier_release_that_showed_nothing_is_ignored():
    before, _ = first_release()
    nothing = StatementRelease(before, frozenset())
    after = {**before, "p5": ("A", 1)}
    assert withheld_cells(5, AB, after, earlier=[nothing]) == withheld_cells(5, AB, after) == {}


def test_an_unchanged_release_shows_what_it_showed_before():
    before, shown_before = first_release()
    assert withheld_cells(5, AB, dict(before), earlier=[shown_before]) == {}


# Properties on random histories --------------------------------------------------------------

ANSWERS = st.sampled_from([1, 2, 3, DONT_KNOW])


@st.composite
def histories(draw):
    """k, groups, a list of releases (each ``{person: (group, answer)}``) and known people.

    Each release after the first adds people (one by one, or k at once into one group),
    changes some answers and removes some people.
    """
    k = draw(st.integers(3, 5))
    groups = tuple(f"g{i}" for i in range(draw(st.integers(1, 4))))
    group = st.sampled_from(groups)
    next_id = 0

    def add(current, group_ids):
        nonlocal next_id
        for group_id in group_ids:
            current[f"p{next_id}"] = (group_id, draw(ANSWERS))
            next_id += 1

    first = {}
    add(first, draw(st.lists(group, max_size=16)))
    history = [first]
    for _ in range(draw(st.integers(0, 3))):
        current = dict(history[-1])
        add(current, draw(st.lists(group, max_size=4)))
        if draw(st.booleans()):
            add(current, [draw(group)] * k)
        if current:
            names = sorted(current)
            for person in draw(st.lists(st.sampled_from(names), max_size=3)):
                current[person] = (current[person][0], draw(ANSWERS))
            for person in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
                del current[person]
        history.append(current)
    known = frozenset()
    if next_id and draw(st.booleans()):
        known = frozenset(
            f"p{i}" for i in draw(st.sets(st.integers(0, next_id - 1), max_size=next_id // 3))
        )
    return k, groups, history, known


def tallies(groups, current):
    answered = dict.fromkeys((OVERALL, *groups), 0)
    rated = dict.fromkeys((OVERALL, *groups), 0)
    for group_id, answer in current.values():
        for cell in (OVERALL, group_id):
            answered[cell] += 1
            rated[cell] += answer != DONT_KNOW
    return answered, rated


@PROPERTY
@given(histories())
def test_every_release_keeps_every_atom_at_k_or_more(history):
    k, groups, releases, known = history
    built = run_history(k, groups, releases, known)
    seen = []
    for index, (current, withheld) in enumerate(built):
        assert set(withheld) <= {OVERALL, *groups}
        shown = shown_of(groups, withheld)
        seen.append((current, shown))
        assert not broken_atoms(k, seen, known), (index, withheld)
        answered, rated = tallies(groups, current)
        for cell in (OVERALL, *groups):
            if answered[cell] == 0:
                assert withheld[cell] == REASON_NO_ANSWERS
            elif rated[cell] < k:
                assert withheld[cell] == REASON_TOO_FEW_RATED
            elif cell in withheld:
                expected = {REASON_COMPLEMENTARY}
                if index:
                    expected.add(REASON_DIFFERENCING)
                assert withheld[cell] in expected
            else:
                assert rated[cell] >= k  # every shown cell has k rated answers


@PROPERTY
@given(histories())
def test_from_counts_equals_withheld_cells_for_a_first_release(history):
    k, groups, releases, _ = history
    current = releases[0]
    by_people = withheld_cells(k, groups, current)
    by_counts = withheld_cells_from_counts(k, groups, group_counts(groups, current))
    assert list(by_counts.items()) == list(by_people.items())


@PROPERTY
@given(histories())
def test_a_single_release_is_primary_and_complementary_suppression(history):
    k, groups, releases, _ = history
    current = releases[0]
    withheld = withheld_cells(k, groups, current)
    answered, rated = tallies(groups, current)
    hidden = [g for g in groups if g in withheld]
    for g in groups:
        if g not in withheld:
            assert rated[g] >= k
    if OVERALL in withheld:
        assert rated[OVERALL] < k
        assert hidden == list(groups)
    else:
        hidden_answered = sum(answered[g] for g in hidden)
        hidden_rated = sum(rated[g] for g in hidden)
        assert hidden_answered == 0 or hidden_answered >= k
        assert hidden_rated == 0 or hidden_rated >= k
    # Complementary hiding is minimal: at most one group that could have been shown is hidden.
    assert sum(1 for g in hidden if rated[g] >= k) <= 1
    # Without any don't know it is exactly suppression.suppressed_groups on the group sizes.
    if all(answer != DONT_KNOW for _, answer in current.values()):
        classic = suppressed_groups({g: answered[g] for g in groups}, k)
        renamed = {REASON_NO_RESPONDENTS: REASON_NO_ANSWERS, REASON_TOO_FEW: REASON_TOO_FEW_RATED}
        assert {g: withheld[g] for g in hidden} == {
            g: renamed.get(reason, reason) for g, reason in classic.items()
        }
