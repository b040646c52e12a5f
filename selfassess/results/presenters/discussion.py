"""Where to start: the statements people disagree on most, and those where groups differ most.

Disagreement uses ``ranked_by_disagreement`` (lowest r_wg first, then widest interquartile
range) over statements with at least two rated answers; group gaps use ``ranked_by_group_gap``
over statements whose shown groups' medians differ. Both lists stop at ``LIMIT`` statements: the
page is a starting point for a workshop, and a workshop has time for a handful.
"""

from dataclasses import dataclass

from selfassess.config.jinja2_env import levels as levels_text

from .common import component_href, level_figure, page_frame

LIMIT = 10


@dataclass(frozen=True)
class DisagreementRow:
    number: str
    text: str
    component_title: str
    href: str
    agreement: float
    spread: str
    median: str
    contested: bool


@dataclass(frozen=True)
class GapRow:
    number: str
    text: str
    href: str
    higher_group: str
    higher_median: str
    lower_group: str
    lower_median: str
    gap: str


def _href(results, ref):
    return component_href(results, ref.component.id, ref.statement.id)


def disagreement_rows(results) -> list[DisagreementRow]:
    rows = []
    for statement_id in results.analysis.ranked_by_disagreement():
        overall = results.analysis.statements[statement_id].overall
        if overall.rwg is None:
            break  # the ranking puts statements without an agreement figure last
        ref = results.statement_refs[statement_id]
        rows.append(
            DisagreementRow(
                number=ref.number,
                text=ref.statement.text,
                component_title=ref.component.title,
                href=_href(results, ref),
                agreement=overall.rwg,
                spread=levels_text(overall.iqr_levels),
                median=level_figure(overall.median),
                contested=overall.contested,
            )
        )
    return rows[:LIMIT]


def gap_rows(results) -> list[GapRow]:
    rows = []
    names = results.group_names
    for statement_id in results.analysis.ranked_by_group_gap():
        gap = results.analysis.statements[statement_id].gap
        if gap is None or gap.gap == 0:
            break  # the ranking puts the largest gaps first
        ref = results.statement_refs[statement_id]
        rows.append(
            GapRow(
                number=ref.number,
                text=ref.statement.text,
                href=_href(results, ref),
                higher_group=names[gap.high_group],
                higher_median=level_figure(gap.high_median),
                lower_group=names[gap.low_group],
                lower_median=level_figure(gap.low_median),
                gap=level_figure(gap.gap),
            )
        )
    return rows[:LIMIT]


def discussion_context(results) -> dict:
    context = page_frame(results, "Where to start", "results:discussion")
    context.update(
        {
            "disagreements": disagreement_rows(results),
            "gaps": gap_rows(results),
            "limit": LIMIT,
        }
    )
    return context
