"""Results by group: statement (rows, under their component) by group (columns) medians.

Small-group protection has already been applied by the analysis, which hands over a
``Suppressed`` (a reason, no figures) for every hidden group. This presenter turns those into
"Hidden" cells and never reads a figure for them, so a suppressed median or count cannot reach
the page, the chart or its description.
"""

from dataclasses import dataclass

from markupsafe import Markup

from selfassess.analysis import Summary
from selfassess.charts import HeatCell, HeatmapRow, heatmap_chart
from selfassess.frameworks.schema import Component

from .common import component_href, level_figure, page_frame

HIDDEN = "Hidden"
CHART_DESCRIPTION = (
    "Median level given by each group, for each component (in bold) and its statements. "
    "Hidden cells protect small groups."
)


@dataclass(frozen=True)
class GroupCell:
    text: str
    hidden: bool


@dataclass(frozen=True)
class GroupRow:
    label: str
    href: str
    heading: bool
    cells: list[GroupCell]


@dataclass(frozen=True)
class ComponentTable:
    component: Component
    rows: list[GroupRow]


def heat_cell(figures) -> HeatCell:
    if isinstance(figures, Summary):
        return HeatCell(figures.median)
    return HeatCell(hidden=True)


def group_cell(cell: HeatCell) -> GroupCell:
    if cell.hidden:
        return GroupCell(HIDDEN, True)
    return GroupCell(level_figure(cell.value), False)


def groups_context(results) -> dict:
    analysis = results.analysis
    group_ids = list(analysis.groups)
    columns = [results.group_names[group_id] for group_id in group_ids]
    tables, chart_rows = [], []
    for component in results.framework.components:
        rows = []
        entries = [
            (
                component.title,
                component_href(results, component.id),
                True,
                analysis.components[component.id].groups,
            )
        ]
        for statement in component.statements:
            ref = results.statement_refs[statement.id]
            entries.append(
                (
                    f"{ref.number} {statement.text}",
                    component_href(results, component.id, statement.id),
                    False,
                    analysis.statements[statement.id].groups,
                )
            )
        for label, href, heading, figures in entries:
            cells = [heat_cell(figures[group_id]) for group_id in group_ids]
            chart_rows.append(HeatmapRow(label, cells, heading=heading))
            rows.append(GroupRow(label, href, heading, [group_cell(cell) for cell in cells]))
        tables.append(ComponentTable(component, rows))

    context = page_frame(results, "Results by group", "results:groups")
    context.update({"tables": tables, "columns": columns, "k": analysis.k})
    if results.has_answers and columns:
        svg = heatmap_chart(
            f"groups-{results.assessment.pk}",
            "Median level by group",
            CHART_DESCRIPTION,
            columns,
            chart_rows,
            results.scale_levels,
        )
        context["chart"] = Markup(svg)  # noqa: S704 - the charts package escapes every text
    return context
