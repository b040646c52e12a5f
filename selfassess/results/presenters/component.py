"""One component: each statement's spread of answers, its figures and its comments."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from markupsafe import Markup

from selfassess.analysis import Summary
from selfassess.charts import DistributionRow, distribution_chart

from ..services import StatementRef
from .common import level_figure, page_frame


@dataclass(frozen=True)
class AnswerRow:
    """A line of the table beside a bar: one level (or don't know), its count and share."""

    label: str
    count: int
    share: float | None


@dataclass(frozen=True)
class StatementView:
    ref: StatementRef
    anchor: str
    overall: Summary
    median: str
    chart: Markup
    answers: list[AnswerRow]
    comments: list | None
    """None while the statement's figures are withheld: its comments are held back too."""
    withheld: str | None = None
    """Why the statement's figures are not shown, or None."""
    plan_href: str | None = None
    """Where to add a plan action from this statement; None for those who may not plan."""


def _answer_rows(overall: Summary, results) -> list[AnswerRow]:
    """Shares are of all answers, don't know included, as the bar's segment widths are."""
    parts = [
        (f"{level.value} {level.name}", overall.distribution[level.value])
        for level in results.scale_levels
    ]
    parts.append((results.framework.scale.dont_know_label, overall.dont_know))
    return [
        AnswerRow(label, count, count / overall.n if overall.n else None) for label, count in parts
    ]


def _chart(results, ref: StatementRef, overall: Summary) -> Markup:
    svg = distribution_chart(
        f"statement-{ref.statement.id}",
        f"Answers to statement {ref.number}",
        f"How the {overall.n} answers to statement {ref.number} spread across the levels.",
        [DistributionRow("", overall.distribution, overall.dont_know)],
        results.scale_levels,
        results.framework.scale.dont_know_label,
    )
    return Markup(svg)  # noqa: S704 - the charts package escapes every text


def _plan_href(results, statement_id: str) -> str:
    """The plan's "add an action" page, started from the statement (prefilled there)."""
    href = reverse("plans:create", args=[results.assessment.pk])
    return f"{href}?{urlencode({'statement': statement_id})}"


def component_context(results, component_id: str, can_plan: bool = False) -> dict:
    """``can_plan`` is whether the reader may change the plan (the view checks the role
    once), so each statement offers a way to add an action from it."""
    component = results.component(component_id)
    analysis = results.analysis
    comments = results.comments
    held_back = results.release.comments_withheld if results.release else {}
    statements = []
    for statement in component.statements:
        statement_result = analysis.statements[statement.id]
        overall = statement_result.overall
        ref = results.statement_refs[statement.id]
        statements.append(
            StatementView(
                ref=ref,
                anchor=f"statement-{statement.id}",
                overall=overall,
                median=level_figure(overall.median),
                chart=_chart(results, ref, overall),
                answers=_answer_rows(overall, results),
                comments=(
                    None
                    if statement_result.withheld or statement.id in held_back
                    else comments.get(statement.id, [])
                ),
                withheld=statement_result.withheld,
                plan_href=_plan_href(results, statement.id) if can_plan else None,
            )
        )
    result = analysis.components[component.id]
    context = page_frame(results, component.title, None)
    context.update(
        {
            "component": component,
            "component_result": result,
            "component_median": level_figure(result.overall.median),
            "statements": statements,
            "k": analysis.k,
            "can_plan": can_plan,
        }
    )
    return context
