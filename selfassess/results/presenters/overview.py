"""The results overview: every component side by side, as a chart and as a table.

Components are shown side by side, never folded into one overall score (design section 5).
"""

from dataclasses import dataclass

from markupsafe import Markup

from selfassess.charts import RangeRow, range_chart
from selfassess.frameworks.schema import Component

from .common import EN_DASH, component_href, level_figure, page_frame

CHART_DESCRIPTION = (
    "Median level of each component, with the range covering the middle half of the rated answers."
)


@dataclass(frozen=True)
class ComponentRow:
    component: Component
    href: str
    median: str
    middle_half: str
    """The quartiles, "2 to 4", or a dash when nothing was rated."""
    agreement: float | None
    dont_know_share: float | None
    answers: int


def middle_half(summary) -> str:
    if summary.median is None:
        return EN_DASH
    return f"{level_figure(summary.q1)} to {level_figure(summary.q3)}"


def overview_context(results) -> dict:
    rows, chart_rows = [], []
    for component in results.framework.components:
        result = results.analysis.components[component.id]
        overall = result.overall
        rows.append(
            ComponentRow(
                component=component,
                href=component_href(results, component.id),
                median=level_figure(overall.median),
                middle_half=middle_half(overall),
                agreement=result.agreement,
                dont_know_share=overall.dont_know_share,
                answers=overall.n,
            )
        )
        chart_rows.append(RangeRow(component.title, overall.median, overall.q1, overall.q3))
    context = page_frame(results, "Results by component", "results:overview")
    context["components"] = rows
    if results.has_answers:
        svg = range_chart(
            f"components-{results.assessment.pk}",
            "Median level of each component",
            CHART_DESCRIPTION,
            chart_rows,
            results.scale_levels,
        )
        context["chart"] = Markup(svg)  # noqa: S704 - the charts package escapes every text
    return context
