"""The disclosure gate: the one way any figure or record about answers leaves the database.

Participants are promised that nobody sees their answers except as part of a group of at
least k people. Every page, live update, report, download, export and command that shows
anything about answers gets it from here, and nothing else in the service reads responses or
workshop votes for output (``tests/privacy/test_one_door.py`` fails the build if anything
does). The rules, and why each exists:

1. **Release points.** Nobody sees figures computed from live answers. While an assessment is
   open, facilitators and viewers see participation counts only. Results are *released* when
   it closes, or at a *snapshot* a facilitator takes while it is open, and each release is
   frozen when it is made. A new release must differ from the last one that showed anything
   by at least k people, so two releases never differ by one person's answers; closing again
   after a reopening is a new release under the same rule. (Otherwise loading a page before
   and after one person saves gives that person's answers.)
2. **Cells, not tables.** Within a release, and against every earlier release, each
   statement's figures for each group and for everyone are shown only as
   ``selfassess.analysis.disclosure`` allows: at least k *rated* answers ("don't know" does
   not count towards k), and no sum or difference of shown figures may isolate fewer than k
   people. Component figures are pooled from shown cells only.
3. **Imported answers are known to whoever imported them**, so they never count towards
   anyone's anonymity, and results say how many they include. People who joined by code
   chose their own group; results say how many did.
4. **Comments** are released with a statement's figures for everyone, only when fewer than
   none or at least k people's comments changed since each earlier release that showed them,
   sorted by their text (never by time, id or group), and named by a keyed digest of their
   text. A facilitator can withhold one that would identify its author.
5. **No microdata.** No download holds one person's answers. The organisation export, which
   moves everything an organisation owns to another deployment, is the one exception: it is
   for admins only, logged, and says what it holds (see ``transfer_responses``).

Each refusal says why in words a facilitator understands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q

from selfassess.analysis import (
    DONT_KNOW,
    OVERALL,
    AssessmentAnalysis,
    ComponentSpec,
    CountTable,
    StatementRelease,
    analyse,
    withheld_cells,
)
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.audit.models import Action
from selfassess.audit.services import record

from .models import Release, ReleaseKind, WithheldComment

NOT_RELEASED = (
    "Results are not released yet. They are released when the assessment closes, or when a "
    "facilitator takes a snapshot while it is open, so that nobody can work out one person's "
    "answers by looking before and after they answer."
)
COMMENTS_CHANGED = (
    "Comments are held back in this release because fewer than k people's comments changed "
    "since an earlier release, so the change could point to who wrote them."
)


class ReleaseRefused(Exception):
    """A release the rules do not allow; the message says why and what to do."""


# Reading live answers: only here ----------------------------------------------------------


def _answer(level):
    return DONT_KNOW if level is None else level


def _digest(text: str) -> str:
    text = (text or "").strip()
    return hashlib.sha256(text.encode()).hexdigest()[:16] if text else ""


def _population(assessment, kind) -> list[int]:
    """The participants a release includes: those who submitted, for a snapshot; everyone
    who saved an answer, once the assessment is closed."""
    people = Participant.objects.filter(assessment=assessment, responses__isnull=False)
    if kind == ReleaseKind.SNAPSHOT:
        people = people.filter(completed_at__isnull=False)
    return list(people.values_list("pk", flat=True).distinct().order_by())


@dataclass
class _Live:
    elements: dict = field(default_factory=dict)  # {sid: {key: [group, answer, digest]}}
    comments: dict = field(default_factory=dict)  # {sid: {key: text}}
    keys: set = field(default_factory=set)
    imported: set = field(default_factory=set)
    imported_answers: int = 0
    chose_group: int = 0


def _read_live(assessment, population: list[int]) -> _Live:
    live = _Live()
    statement_ids = {s.id for s in assessment.framework.statements()}
    rows = (
        Response.objects.filter(participant_id__in=population)
        .values_list(
            "participant__release_key",
            "participant__group_id",
            "participant__import_batch_id",
            "participant__joined_by_code",
            "statement_id",
            "level",
            "comment",
        )
        .order_by()
    )
    chose = set()
    for key, group_id, batch_id, joined, statement_id, level, comment in rows:
        if statement_id not in statement_ids:
            continue
        live.keys.add(key)
        if batch_id is not None:
            live.imported.add(key)
            live.imported_answers += 1
        if joined:
            chose.add(key)
        live.elements.setdefault(statement_id, {})[key] = [
            str(group_id),
            _answer(level),
            _digest(comment),
        ]
        text = (comment or "").strip()
        if text:
            live.comments.setdefault(statement_id, {})[key] = text
    live.chose_group = len(chose)
    return live


# Making a release --------------------------------------------------------------------------


def _shown(release: Release, statement_id: str, group_ids) -> frozenset:
    hidden = release.withheld.get(statement_id, {})
    return frozenset(cell for cell in (OVERALL, *group_ids) if cell not in hidden)


def _earlier_for(statement_id, earlier: list[Release]) -> list[StatementRelease]:
    out = []
    for release in earlier:
        group_ids = [str(g) for g, _name in release.groups]
        answers = {
            key: (group, answer)
            for key, (group, answer, _digest) in release.elements.get(statement_id, {}).items()
        }
        out.append(StatementRelease(answers, _shown(release, statement_id, group_ids)))
    return out


def _comment_change(statement_id, now: dict, earlier: list[Release], k: int) -> bool:
    """True when, against an earlier release that showed this statement's comments, between
    one and k - 1 people's comments differ (new, gone or edited)."""
    mine = {key: e[2] for key, e in now.items() if e[2]}
    for release in earlier:
        if statement_id in release.comments_withheld:
            continue
        if OVERALL in release.withheld.get(statement_id, {}):
            continue
        theirs = {key: e[2] for key, e in release.elements.get(statement_id, {}).items() if e[2]}
        changed = {key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key)}
        if 0 < len(changed) < max(k, release.k):
            return True
    return False


def _showed_anything(release: Release) -> bool:
    cells = {OVERALL, *(str(g) for g, _name in release.groups)}
    return any(
        not cells <= set(release.withheld.get(statement_id, {})) for statement_id in release.counts
    )


def release_check(assessment, kind, population: list[int] | None = None) -> str | None:
    """Why a release of this kind cannot be made now, or None when it can; ``population``
    is the release's participants when the caller has them already."""
    if kind == ReleaseKind.SNAPSHOT and assessment.status != Status.OPEN:
        return "A snapshot can only be taken while the assessment is open."
    if population is None:
        population = _population(assessment, kind)
    last = next((r for r in reversed(list(assessment.releases.all())) if _showed_anything(r)), None)
    if last is None:
        return None
    k = assessment.anonymity_threshold
    before = set(last.population)
    now = set(Participant.objects.filter(pk__in=population).values_list("release_key", flat=True))
    changed = len(before ^ now)
    if changed < k:
        more = k - changed
        return (
            f"{changed} {'person has' if changed == 1 else 'people have'} "
            f"{'submitted' if kind == ReleaseKind.SNAPSHOT else 'answered'} or left since "
            f"release {last.number}. A new release needs at least {k} (the anonymity "
            f"threshold), so that comparing the two cannot show anyone's answers: "
            f"{more} more {'is' if more == 1 else 'are'} needed."
        )
    return None


@transaction.atomic
def make_release(assessment, *, kind, actor) -> Release:
    """Freeze the assessment's answers as a new release, or raise ReleaseRefused."""
    # Two facilitators releasing at once take turns on the assessment's row.
    type(assessment).objects.select_for_update().filter(pk=assessment.pk).first()
    population = _population(assessment, kind)
    refusal = release_check(assessment, kind, population)
    if refusal:
        raise ReleaseRefused(refusal)
    earlier = list(assessment.releases.all())
    k = assessment.anonymity_threshold
    groups = list(assessment.groups.all())
    group_ids = [str(g.pk) for g in groups]
    live = _read_live(assessment, population)

    counts: dict = {}
    withheld: dict = {}
    comments: dict = {}
    comments_withheld: dict = {}
    for statement in assessment.framework.statements():
        sid = statement.id
        now = live.elements.get(sid, {})
        cells = withheld_cells(
            k,
            group_ids,
            {key: (group, answer) for key, (group, answer, _d) in now.items()},
            earlier=_earlier_for(sid, earlier),
            known=live.imported,
        )
        if cells:
            withheld[sid] = cells
        for group, answer, _d in now.values():
            by_answer = counts.setdefault(sid, {}).setdefault(group, {})
            by_answer[str(answer)] = by_answer.get(str(answer), 0) + 1
        texts = sorted(live.comments.get(sid, {}).values(), key=lambda t: (t.casefold(), t))
        if OVERALL in cells:
            continue
        if _comment_change(sid, now, earlier, k):
            comments_withheld[sid] = COMMENTS_CHANGED
        elif texts:
            comments[sid] = texts

    release = Release.objects.create(
        assessment=assessment,
        number=len(earlier) + 1,
        kind=kind,
        made_by=actor if getattr(actor, "is_authenticated", False) else None,
        k=k,
        people=len(live.keys),
        imported_people=len(live.imported),
        imported_answers=live.imported_answers,
        chose_group=live.chose_group,
        groups=[[g.pk, g.name] for g in groups],
        counts=counts,
        withheld=withheld,
        comments=comments,
        comments_withheld=comments_withheld,
        elements=live.elements,
        population=sorted(live.keys),
    )
    record(
        organisation=assessment.organisation,
        actor=actor,
        action=Action.RESULTS_RELEASED,
        summary=f"Released results of {assessment}: {release.label}",
        details={"assessment": assessment.pk, "release": release.number, "people": release.people},
    )
    return release


def release_on_close(assessment, *, actor) -> Release | None:
    """The release made when an assessment closes; None (with the last release standing)
    when too few people changed since it."""
    try:
        return make_release(assessment, kind=ReleaseKind.CLOSING, actor=actor)
    except ReleaseRefused:
        return None


def forget_people(assessment) -> None:
    """Once an assessment is complete no release can follow, so the per-person keys that
    compare one release with the next are no longer needed: drop them."""
    for release in assessment.releases.all():
        release.elements = {}
        release.population = []
        release.save(update_fields=["elements", "population"])


# Reading releases ------------------------------------------------------------------------


def latest_release(assessment) -> Release | None:
    return assessment.releases.order_by("-number").first()


def release_numbered(assessment, number) -> Release | None:
    return assessment.releases.filter(number=number).first()


def _table(counts: dict, levels) -> CountTable:
    rows = []
    for sid, by_group in counts.items():
        for group, by_answer in by_group.items():
            for answer, n in by_answer.items():
                rows.append((sid, group, DONT_KNOW if answer == DONT_KNOW else int(answer), n))
    return CountTable.from_rows(levels, rows)


def analysis_of(assessment, release: Release | None) -> AssessmentAnalysis:
    """Every figure a release may show. Without a release: the same shape, with nothing."""
    framework = assessment.framework
    components = [
        ComponentSpec(c.id, tuple(s.id for s in c.statements)) for c in framework.components
    ]
    levels = framework.scale.values
    k = assessment.anonymity_threshold
    if release is None:
        group_ids = [str(g.pk) for g in assessment.groups.all()]
        return analyse(CountTable(levels=levels, cells={}), components, group_ids, k)
    statement_ids = {s.id for s in framework.statements()}
    counts = {sid: v for sid, v in release.counts.items() if sid in statement_ids}
    table = _table(counts, levels)
    group_ids = [str(g) for g, _name in release.groups]
    return analyse(table, components, group_ids, release.k, withheld=release.withheld)


@dataclass(frozen=True)
class Comment:
    key: str
    text: str


def comment_key(assessment, statement_id: str, text: str) -> str:
    """A name for a comment that says nothing about its author or when it was written: a
    digest of the statement and the text alone, so it survives an organisation's move to
    another deployment (its choices and withheld comments keep pointing at the same text)."""
    return hashlib.sha256(f"{statement_id}:{text}".encode()).hexdigest()[:24]


def withheld_keys(assessment) -> set[tuple[str, str]]:
    return set(assessment.withheld_comments.values_list("statement_id", "key"))


def comments_of(
    assessment, release: Release | None, *, include_withheld=False
) -> dict[str, list[Comment]]:
    """A release's comments by statement, sorted by text; those a facilitator withheld are
    left out unless ``include_withheld`` (the facilitator's own list of comments)."""
    if release is None:
        return {}
    hidden = set() if include_withheld else withheld_keys(assessment)
    out: dict[str, list[Comment]] = {}
    for sid, texts in release.comments.items():
        kept = []
        for text in texts:
            key = comment_key(assessment, sid, text)
            if (sid, key) not in hidden:
                kept.append(Comment(key, text))
        if kept:
            out[sid] = kept
    return out


def withhold_comment(assessment, *, statement_id, key, actor, withhold=True) -> None:
    if withhold:
        _row, created = WithheldComment.objects.get_or_create(
            assessment=assessment,
            statement_id=statement_id,
            key=key,
            defaults={"withheld_by": actor},
        )
    else:
        created = bool(
            WithheldComment.objects.filter(
                assessment=assessment, statement_id=statement_id, key=key
            ).delete()[0]
        )
    if created:
        verb = "Withheld" if withhold else "Restored"
        record(
            organisation=assessment.organisation,
            actor=actor,
            action=Action.COMMENT_WITHHELD,
            summary=f"{verb} a comment on statement {statement_id} of {assessment}",
            details={"assessment": assessment.pk, "statement": statement_id},
        )


def release_notes(release: Release | None) -> list[str]:
    """What a reader of a release should know about where its answers came from."""
    if release is None:
        return []
    notes = []
    if release.imported_answers:
        notes.append(
            f"Includes {release.imported_answers} imported answers from "
            f"{release.imported_people} people; imported answers never count towards the "
            "anonymity threshold."
        )
    if release.chose_group:
        notes.append(
            f"{release.chose_group} of the {release.people} people joined with a code and "
            "chose their own group."
        )
    return notes


# Transfers and workshop -------------------------------------------------------------------


def transfer_responses(organisation):
    """Every response of an organisation, for its own export to another deployment: the one
    person-level path out of the service, for admins only, and logged by the caller."""
    return Response._base_manager.filter(participant__assessment__organisation=organisation)


def participation(assessment):
    """Invited, started, answered and submitted counts by group: who took part, never what
    they said."""
    return list(
        assessment.groups.annotate(
            # Someone who joined a workshop by code and never answered the survey was not
            # invited to it, so they do not lower the response rate.
            invited=Count(
                "participants",
                filter=Q(participants__joined_by_code=False)
                | Q(participants__responses__isnull=False),
                distinct=True,
            ),
            started=Count(
                "participants", filter=Q(participants__started_at__isnull=False), distinct=True
            ),
            answered=Count(
                "participants", filter=Q(participants__responses__isnull=False), distinct=True
            ),
            completed=Count(
                "participants", filter=Q(participants__completed_at__isnull=False), distinct=True
            ),
        )
    )


def answered_people(assessment) -> int:
    """How many people have saved at least one answer (a participation count)."""
    return (
        Participant.objects.filter(assessment=assessment, responses__isnull=False)
        .distinct()
        .count()
    )


# The workshop ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RevealedVotes:
    """What a revealed vote round may show: the room's counts (None when withheld), each
    shown group's counts in display order, and how many groups that voted are not shown."""

    room: dict | None
    room_withheld: str | None
    groups: list  # [(ParticipantGroup, {answer: count})]
    hidden_groups: int
    k: int


def votes_cast(round_) -> int:
    """How many people have voted in a round so far: a participation count, never a vote."""
    return 0 if round_ is None else round_.votes.count()


def _round_votes(round_) -> dict:
    from selfassess.workshop.models import Vote

    rows = Vote.objects.filter(round=round_).values_list(
        "participant__release_key", "participant__group_id", "level"
    )
    return {key: (str(group_id), _answer(level)) for key, group_id, level in rows}


def revealed_votes(assessment, round_) -> RevealedVotes:
    """The figures of a revealed round, checked like a release against every earlier revealed
    round on the same statement in this assessment, so that a re-vote cannot be subtracted
    from the first vote to learn fewer than k people's votes."""
    from selfassess.workshop.models import RoundState, VoteRound

    k = assessment.anonymity_threshold
    groups = list(assessment.groups.all())
    group_ids = [str(g.pk) for g in groups]
    rounds = list(
        VoteRound.objects.filter(
            session__assessment=assessment,
            statement_id=round_.statement_id,
            state=RoundState.REVEALED,
            revealed_at__lte=round_.revealed_at,
        ).order_by("revealed_at", "pk")
    )
    earlier: list[StatementRelease] = []
    decided: dict = {}
    votes: dict = {}
    for each in rounds:
        votes = _round_votes(each)
        decided = withheld_cells(k, group_ids, votes, earlier=earlier)
        shown = frozenset(c for c in (OVERALL, *group_ids) if c not in decided)
        earlier.append(StatementRelease(votes, shown))
        if each.pk == round_.pk:
            break
    by_group: dict = {}
    room: dict = {}
    for group_id, answer in votes.values():
        by_group.setdefault(group_id, {})[answer] = by_group.get(group_id, {}).get(answer, 0) + 1
        room[answer] = room.get(answer, 0) + 1
    shown_groups = [(g, by_group[str(g.pk)]) for g in groups if str(g.pk) not in decided]
    voted = sum(1 for g in groups if str(g.pk) in by_group)
    return RevealedVotes(
        room=None if OVERALL in decided else room,
        room_withheld=decided.get(OVERALL),
        groups=shown_groups,
        hidden_groups=voted - len(shown_groups),
        k=k,
    )


# Imports ---------------------------------------------------------------------------------


def import_refusal(assessment) -> str | None:
    """Why answers cannot be imported into this assessment now, or None when they can.

    Whoever imports answers knows them, so imported answers added beside people who answered
    here could be subtracted to show those people's answers (a hidden group of four padded
    with one known row is no longer hidden, and its figures are the four people's). So imports
    go only into an assessment that nobody has answered in this service, and never after it
    closes, when its results are final.
    """
    if assessment.status in (Status.CLOSED, Status.COMPLETE):
        return (
            "Answers cannot be imported into an assessment that has closed: its results are "
            "final. Start the next cycle, or import before opening the assessment."
        )
    answered_here = Participant.objects.filter(
        assessment=assessment, import_batch__isnull=True, responses__isnull=False
    ).exists()
    if answered_here:
        return (
            "People have already answered this assessment in the service, so answers can no "
            "longer be imported into it: whoever imports answers knows them, and could work "
            "out other people's answers by comparing. Import into a new assessment instead."
        )
    return None
