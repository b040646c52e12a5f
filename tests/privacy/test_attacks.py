"""The attacks of the privacy review, and others like them, each tried against the gate.

Each test is an attack a facilitator, a viewer or an admin could make with the pages, the
downloads or the command line, and checks that it learns nothing about fewer than k people.
"""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.analysis import DONT_KNOW, OVERALL, REASON_TOO_FEW_RATED, Summary
from selfassess.analysis.disclosure import REASON_COMPLEMENTARY
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import ImportBatch, Participant, Response
from selfassess.assessments.services import complete_assessment
from selfassess.disclosure import gate
from selfassess.disclosure.models import ReleaseKind
from selfassess.disclosure.tests.helpers import release_now
from selfassess.reports import imports, orgdata
from selfassess.reports.data import build_tables

from . import world as attack

pytestmark = pytest.mark.django_db


def figures(assessment, release=None):
    release = release or gate.latest_release(assessment)
    return gate.analysis_of(assessment, release)


def group_figure(analysis, statement_id, group):
    return analysis.statements[statement_id].groups[str(group.pk)]


def test_groups_at_k_minus_one_k_and_k_plus_one(attacked):
    analysis = figures(attacked.assessment, release_now(attacked.assessment))
    groups = attacked.groups
    # k - 1 people: never shown, on any statement.
    for sid in attack.STATEMENTS:
        assert not isinstance(group_figure(analysis, sid, groups["Improvement team"]), Summary)
    # k + 1 people: shown unless hidden as the complement of a smaller group.
    board = group_figure(analysis, "a-2", groups["Board"])
    patients = group_figure(analysis, "a-2", groups["Patient partners"])
    assert isinstance(board, Summary) or isinstance(patients, Summary)


def test_dont_know_does_not_count_towards_k(attacked):
    analysis = figures(attacked.assessment, release_now(attacked.assessment))
    staff = attacked.groups["Front-line staff"]
    # Five people answered a-1, but one said "don't know": four ratings are too few ...
    assert group_figure(analysis, "a-1", staff).reason == REASON_TOO_FEW_RATED
    # ... whereas on a-2 all five gave a level; the group is hidden there only as the
    # complement of the improvement team of four (the smallest shown group goes first).
    assert group_figure(analysis, "a-2", staff).reason == REASON_COMPLEMENTARY


def test_hidden_groups_cannot_be_worked_out_from_the_totals(attacked):
    analysis = figures(attacked.assessment, release_now(attacked.assessment))
    for sid, result in analysis.statements.items():
        if result.withheld:
            continue
        hidden = [g for g, f in result.groups.items() if not isinstance(f, Summary)]
        shown = [f for f in result.groups.values() if isinstance(f, Summary)]
        residual_n = result.overall.n - sum(f.n for f in shown)
        residual_rated = result.overall.rated - sum(f.rated for f in shown)
        assert residual_n == 0 or residual_n >= attack.K, (sid, hidden)
        assert residual_rated == 0 or residual_rated >= attack.K, (sid, hidden)


def test_nothing_is_shown_while_open_until_released(attacked):
    assert gate.latest_release(attacked.assessment) is None
    assert not any(r.overall.n for r in figures(attacked.assessment).statements.values())
    assert [t for t in build_tables(attacked.assessment) if t.name == "responses"] == []


def test_a_snapshot_needs_k_more_people_than_the_last(attacked):
    assessment = attacked.assessment
    Participant.objects.filter(assessment=assessment).update(completed_at="2026-01-01T00:00Z")
    first = gate.make_release(assessment, kind=ReleaseKind.SNAPSHOT, actor=None)
    # One more person submits: comparing two releases would give their answers.
    person = attack.answer(assessment, attacked.groups["Board"], {"a-1": 4})
    Participant.objects.filter(pk=person.pk).update(completed_at="2026-01-02T00:00Z")
    with pytest.raises(gate.ReleaseRefused, match="at least 5"):
        gate.make_release(assessment, kind=ReleaseKind.SNAPSHOT, actor=None)
    for _ in range(attack.K - 1):
        more = attack.answer(assessment, attacked.groups["Board"], {"a-1": 2})
        Participant.objects.filter(pk=more.pk).update(completed_at="2026-01-02T00:00Z")
    second = gate.make_release(assessment, kind=ReleaseKind.SNAPSHOT, actor=None)
    assert second.number == first.number + 1


def test_closing_after_one_more_answer_keeps_the_last_release(attacked):
    assessment = attacked.assessment
    first = release_now(assessment)
    attack.answer(assessment, attacked.groups["Board"], {"a-1": 5})
    assessment.transition_to(Status.CLOSED)
    assert gate.release_on_close(assessment, actor=None) is None
    assert gate.latest_release(assessment) == first


def test_one_changed_answer_between_releases_is_not_shown(attacked):
    """k new people arrive, and one earlier person edits one answer: the statement they
    edited cannot be compared between the releases to learn the edit."""
    assessment = attacked.assessment
    first = release_now(assessment)
    board = attacked.people["Board"][0]
    Response.objects.filter(participant=board, statement_id="a-3").update(level=5)
    for _ in range(attack.K):
        attack.answer(assessment, attacked.groups["Front-line staff"], {"a-1": 3})
    second = release_now(assessment)
    before, after = figures(assessment, first), figures(assessment, second)
    for cell in (OVERALL, str(attacked.groups["Board"].pk)):
        earlier = before.statements["a-3"] if cell == OVERALL else None
        shown_then = (
            earlier.withheld is None
            if cell == OVERALL
            else isinstance(group_figure(before, "a-3", attacked.groups["Board"]), Summary)
        )
        shown_now = (
            after.statements["a-3"].withheld is None
            if cell == OVERALL
            else isinstance(group_figure(after, "a-3", attacked.groups["Board"]), Summary)
        )
        assert not (shown_then and shown_now), cell


def test_import_padding_cannot_open_a_hidden_group(attacked):
    """The review's attack: one imported row of "don't know" into a hidden group of four."""
    assessment = attacked.assessment
    assert gate.import_refusal(assessment) is not None
    sheet = imports.Sheet(["a-1"], [["Don't know"]])
    mapping = imports.Mapping(
        statements={"a-1": "a-1"},
        values={"Don't know": imports.DONT_KNOW},
        group_id=attacked.groups["Improvement team"].pk,
        group_column=None,
    )
    preview = imports.check(mapping, sheet, assessment)
    with pytest.raises(imports.ImportInvalid, match="already answered"):
        imports.apply(assessment, preview)
    assert not ImportBatch.objects.filter(assessment=assessment).exists()


def test_imported_answers_never_count_towards_k(db):
    """Before anyone answers here, a facilitator imports four rows into a group; one real
    person then answers in it. The four known rows must not make the fifth visible."""
    world = attack.build()
    assessment = world.assessment
    Response.objects.filter(participant__assessment=assessment).delete()
    Participant.objects.filter(assessment=assessment).delete()
    team = world.groups["Improvement team"]
    sheet = imports.Sheet(["a-1"], [["3"], ["3"], ["3"], ["3"], ["3"]])
    mapping = imports.Mapping(
        statements={"a-1": "a-1"}, values={"3": 3}, group_id=team.pk, group_column=None
    )
    imports.apply(assessment, imports.check(mapping, sheet, assessment))
    attack.answer(assessment, team, {"a-1": 1})
    release = release_now(assessment)
    analysis = figures(assessment, release)
    assert not isinstance(group_figure(analysis, "a-1", team), Summary)
    assert analysis.statements["a-1"].withheld is not None
    assert "imported" in " ".join(gate.release_notes(release))


def test_a_revote_cannot_be_subtracted_from_the_first_vote(attacked):
    from django.utils import timezone

    from selfassess.workshop.models import LiveSession, RoundState, Vote, VoteRound

    assessment = attacked.assessment
    session = LiveSession.objects.create(assessment=assessment)
    voters = attacked.people["Board"] + attacked.people["Patient partners"]

    def vote_round(number, people, at):
        round_ = VoteRound.objects.create(
            session=session,
            statement_id="a-1",
            number=number,
            state=RoundState.REVEALED,
            revealed_at=at,
        )
        Vote.objects.bulk_create(Vote(round=round_, participant=p, level=3) for p in people)
        return round_

    now = timezone.now()
    first = vote_round(1, voters[:6], now)
    second = vote_round(2, voters[:7], now + timezone.timedelta(minutes=5))
    assert gate.revealed_votes(assessment, first).room is not None
    # Round two is round one plus one person: its room total would give that person's vote.
    assert gate.revealed_votes(assessment, second).room is None
    third = vote_round(3, voters[:4], now + timezone.timedelta(minutes=9))
    assert gate.revealed_votes(assessment, third).room is None  # fewer than k voted


def test_comments_are_sorted_by_text_and_named_without_ids(attacked):
    release = release_now(attacked.assessment)
    comments = gate.comments_of(attacked.assessment, release)
    for sid, items in comments.items():
        texts = [c.text for c in items]
        assert texts == sorted(texts, key=lambda t: (t.casefold(), t))
        ids = {str(r.pk) for r in Response.objects.filter(statement_id=sid)}
        assert not {c.key for c in items} & ids
    # The improvement team's comments (a group of four) are on a-1, which a facilitator can
    # read only if everyone's figures for a-1 are shown.
    assert ("a-1" in comments) == (
        figures(attacked.assessment, release).statements["a-1"].withheld is None
    )


def test_a_withheld_comment_leaves_the_report_and_the_pages(attacked):
    release = release_now(attacked.assessment)
    sid, items = next(iter(gate.comments_of(attacked.assessment, release).items()))
    gate.withhold_comment(attacked.assessment, statement_id=sid, key=items[0].key, actor=None)
    kept = gate.comments_of(attacked.assessment, release).get(sid, [])
    assert items[0].text not in [c.text for c in kept]


def test_results_say_how_many_chose_their_own_group(attacked):
    release = release_now(attacked.assessment)
    assert release.chose_group == 2
    assert any("chose their own group" in note for note in gate.release_notes(release))


def test_completing_detaches_email_addresses_and_the_export_carries_none(attacked):
    assessment = attacked.assessment
    assessment.transition_to(Status.CLOSED)
    gate.release_on_close(assessment, actor=None)
    complete_assessment(assessment)
    assert not Participant.objects.filter(assessment=assessment).exclude(email="").exists()
    document = orgdata.export_organisation(assessment.organisation)
    assert "example.nhs.uk" not in str(document["models"]["assessments.participant"])
    assert all(not r.elements for r in assessment.releases.all())


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([1, 2, 3, 4, 5, None])),
        min_size=0,
        max_size=14,
    ),
    st.integers(0, 6),
)
def test_any_sequence_of_releases_isolates_no_one(additions, edits):
    """Random people arrive and edit between releases; from all the releases' shown figures
    together no sum or difference isolates fewer than k people (checked by brute force in
    the analysis tests' atom checker, here on the gate's own frozen decisions)."""
    from selfassess.analysis.tests.test_disclosure import broken_atoms

    world = attack.build()
    assessment = world.assessment
    names = list(world.groups)
    releases = [release_now(assessment)]
    for index, (group_index, level) in enumerate(additions):
        attack.answer(assessment, world.groups[names[group_index]], {"a-1": level})
        if index % 5 == 4:
            releases.append(release_now(assessment))
    for response in Response.objects.filter(statement_id="a-1")[:edits]:
        response.level = None if response.level == 2 else 2
        response.save(update_fields=["level"])
    with contextlib.suppress(gate.ReleaseRefused):
        releases.append(release_now(assessment))
    history = []
    for release in releases:
        answers = {
            key: (group, DONT_KNOW if answer == DONT_KNOW else int(answer))
            for key, (group, answer, _d) in release.elements.get("a-1", {}).items()
        }
        groups = [str(g) for g, _n in release.groups]
        hidden = release.withheld.get("a-1", {})
        history.append((answers, {c for c in (OVERALL, *groups) if c not in hidden}))
    assert broken_atoms(attack.K, history, known=set()) == {}
