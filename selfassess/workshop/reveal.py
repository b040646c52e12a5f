"""What the room sees when a vote is revealed: the live vote beside the earlier survey.

Both sides come through the disclosure gate: the vote's figures from ``revealed_votes``,
which shows the room's total and each group's line only with at least k votes (don't know
does not count towards k) and checks a re-vote against every earlier round on the statement,
and the survey's from the latest release, exactly as the results pages show it. A median
means the same on both, because both are described by the analysis package's ``summarise``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from selfassess.analysis import Summary, summarise
from selfassess.charts import DistributionRow, ScaleLevel, distribution_chart, level_text
from selfassess.disclosure import gate

from .models import VoteRound

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
    live_withheld: str | None = None
    survey_withheld: str | None = None


def _median(summary: Summary) -> str:
    return EN_DASH if summary.median is None else level_text(summary.median)


def _share(count: int, n: int) -> float | None:
    return count / n if n else None


def reveal_for(assessment, round_: VoteRound) -> Reveal:
    framework = assessment.framework
    levels = framework.scale.values
    votes = gate.revealed_votes(assessment, round_)
    live = summarise(votes.room or {}, levels)
    release = gate.latest_release(assessment)
    statement = gate.analysis_of(assessment, release).statements[round_.statement_id]
    survey = statement.overall
    survey_withheld = gate.NOT_RELEASED if release is None else statement.withheld
    shown = [(group, summarise(counts, levels)) for group, counts in votes.groups]
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
        hidden_groups=votes.hidden_groups,
        k=votes.k,
        chart=_chart(
            framework,
            round_,
            None if votes.room_withheld else live,
            None if survey_withheld else survey,
            shown,
        ),
        live_withheld=votes.room_withheld,
        survey_withheld=survey_withheld,
    )


def _chart(framework, round_, live, survey, shown) -> Markup:
    rows = []
    if live is not None:
        rows.append(DistributionRow("Workshop vote", live.distribution, live.dont_know))
    if survey is not None:
        rows.append(DistributionRow("Survey answers", survey.distribution, survey.dont_know))
    rows += [
        DistributionRow(f"Workshop vote: {group.name}", summary.distribution, summary.dont_know)
        for group, summary in shown
    ]
    if not rows:
        return Markup("")
    svg = distribution_chart(
        f"reveal-{round_.pk}",
        "Workshop vote beside the survey answers",
        "How the workshop's votes and the earlier survey's answers spread across the levels.",
        rows,
        [ScaleLevel(level.value, level.name) for level in framework.scale.levels],
        framework.scale.dont_know_label,
    )
    return Markup(svg)  # noqa: S704 - the charts package escapes every text
