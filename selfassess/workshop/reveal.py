"""What the room sees when a vote is revealed: the live vote beside the earlier survey.

The live vote is counted in the database (one GROUP BY over the round's votes) and described
with the analysis package's ``summarise``, exactly as survey answers are, so a median means the
same on both. Groups are shown on their own only when the analysis package's small-group rule
(``suppressed_groups``, with the assessment's anonymity threshold k, complementary rule
included) lets them be: a vote in a room is as identifying as a survey answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from markupsafe import Markup

from selfassess.analysis import DONT_KNOW, Summary, summarise, suppressed_groups
from selfassess.assessments.counts import analyse_assessment
from selfassess.charts import DistributionRow, ScaleLevel, distribution_chart, level_text

from .models import Vote, VoteRound

EN_DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class AnswerLine:
    """One level (or don't know): how many voted for it now, and how many answered it before."""

    label: str
    votes: int
    vote_share: float | None
    survey: int
    survey_share: float | None


@dataclass(frozen=True)
class GroupLine:
    name: str
    votes: int
    median: str


@dataclass(frozen=True)
class Reveal:
    live: Summary
    survey: Summary
    live_median: str
    survey_median: str
    lines: list[AnswerLine]
    groups: list[GroupLine]
    hidden_groups: int
    k: int
    chart: Markup


def _median(summary: Summary) -> str:
    return EN_DASH if summary.median is None else level_text(summary.median)


def _share(count: int, n: int) -> float | None:
    return count / n if n else None


def live_counts(round_: VoteRound) -> dict[str, dict]:
    """``{group_id: {answer: count}}`` for the round's votes, from one aggregate query."""
    counts: dict[str, dict] = {}
    rows = (
        Vote.objects.filter(round=round_)
        .values_list("participant__group_id", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for group_id, level, n in rows:
        answer = DONT_KNOW if level is None else level
        counts.setdefault(str(group_id), {})[answer] = n
    return counts


def reveal_for(assessment, round_: VoteRound) -> Reveal:
    framework = assessment.framework
    levels = framework.scale.values
    groups = list(assessment.groups.all())
    by_group = live_counts(round_)
    pooled: dict = {}
    for counts in by_group.values():
        for answer, n in counts.items():
            pooled[answer] = pooled.get(answer, 0) + n
    live = summarise(pooled, levels)
    survey = analyse_assessment(assessment, groups).statements[round_.statement_id].overall
    group_ns = {str(g.pk): sum(by_group.get(str(g.pk), {}).values()) for g in groups}
    hidden = suppressed_groups(group_ns, assessment.anonymity_threshold)
    shown = [
        (group, summarise(by_group[str(group.pk)], levels))
        for group in groups
        if str(group.pk) not in hidden
    ]
    dont_know_label = framework.scale.dont_know_label
    lines = [
        AnswerLine(
            f"{level.value} {level.name}",
            live.distribution[level.value],
            _share(live.distribution[level.value], live.n),
            survey.distribution[level.value],
            _share(survey.distribution[level.value], survey.n),
        )
        for level in framework.scale.levels
    ]
    lines.append(
        AnswerLine(
            dont_know_label,
            live.dont_know,
            _share(live.dont_know, live.n),
            survey.dont_know,
            _share(survey.dont_know, survey.n),
        )
    )
    return Reveal(
        live=live,
        survey=survey,
        live_median=_median(live),
        survey_median=_median(survey),
        lines=lines,
        groups=[GroupLine(group.name, summary.n, _median(summary)) for group, summary in shown],
        hidden_groups=sum(1 for n in group_ns.values() if n) - len(shown),
        k=assessment.anonymity_threshold,
        chart=_chart(framework, round_, live, survey, shown),
    )


def _chart(framework, round_, live, survey, shown) -> Markup:
    rows = [
        DistributionRow("Workshop vote", live.distribution, live.dont_know),
        DistributionRow("Survey answers", survey.distribution, survey.dont_know),
    ]
    rows += [
        DistributionRow(f"Workshop vote: {group.name}", summary.distribution, summary.dont_know)
        for group, summary in shown
    ]
    svg = distribution_chart(
        f"reveal-{round_.pk}",
        "Workshop vote beside the survey answers",
        "How the workshop's votes and the earlier survey's answers spread across the levels.",
        rows,
        [ScaleLevel(level.value, level.name) for level in framework.scale.levels],
        framework.scale.dont_know_label,
    )
    return Markup(svg)  # noqa: S704 - the charts package escapes every text
