"""The board report: what each section shows, worked out once for the web view and the PDF.

Every figure comes from the release the results pages show (through the disclosure gate), and
the group section reuses the results pages' own presenters, so the report and the pages cannot
disagree. What may not be shown is already withheld; this module counts what was hidden for the
method note.

A component's agreed current and target levels are the medians of its statements' agreed
levels (statements without an agreed level are left out); the workshop agrees levels
statement by statement, and a median keeps a single outlying statement from moving the
component.
"""

import statistics
from dataclasses import dataclass, field

from django.utils import timezone
from markupsafe import Markup

from selfassess.analysis import CONTESTED_MIN_RATED, Summary
from selfassess.charts import HeatmapRow, heatmap_chart
from selfassess.disclosure import gate
from selfassess.results.presenters.common import CONTESTED_RULE, level_figure
from selfassess.results.presenters.discussion import gap_rows
from selfassess.results.presenters.groups import CHART_DESCRIPTION as GROUPS_DESCRIPTION
from selfassess.results.presenters.groups import groups_context, heat_cell
from selfassess.results.presenters.overview import middle_half
from selfassess.results.services import results_for

from .charts import REPORT_HEADER_MAX, LevelsRow, levels_charts
from .cover import cover_context
from .data import plan_actions
from .sections import SECTIONS


@dataclass(frozen=True)
class StatementLine:
    number: str
    text: str
    median: str
    middle_half: str
    agreement: float | None
    contested: bool
    current: int | None
    target: int | None
    rationale: str


@dataclass
class ComponentLine:
    number: int
    title: str
    median: str
    middle_half: str
    agreement: float | None
    answers: int
    current: float | None
    target: float | None
    chart: Markup | None = None
    statements: list[StatementLine] = field(default_factory=list)


@dataclass(frozen=True)
class ParticipationRow:
    group: str
    invited: int
    answered: int


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _participation(assessment):
    """Invited and answered, by group (see ``gate.participation``: someone who joined a
    workshop by code and never answered the survey is not counted as an invitee)."""
    return [ParticipationRow(g.name, g.invited, g.answered) for g in gate.participation(assessment)]


def _components(results, ratings):
    lines = []
    for index, component in enumerate(results.framework.components, start=1):
        result = results.analysis.components[component.id]
        statements = []
        for statement in component.statements:
            overall = results.analysis.statements[statement.id].overall
            rating = ratings.get(statement.id)
            statements.append(
                StatementLine(
                    number=results.statement_refs[statement.id].number,
                    text=statement.text,
                    median=level_figure(overall.median),
                    middle_half=middle_half(overall),
                    agreement=overall.rwg,
                    contested=overall.contested,
                    current=rating.current_level if rating else None,
                    target=rating.target_level if rating else None,
                    rationale=rating.rationale if rating else "",
                )
            )
        lines.append(
            ComponentLine(
                number=index,
                title=component.title,
                median=level_figure(result.overall.median),
                middle_half=middle_half(result.overall),
                agreement=result.agreement,
                answers=result.overall.n,
                current=_median(s.current for s in statements),
                target=_median(s.target for s in statements),
                statements=statements,
            )
        )
    return lines


def _profile_chart(results, components):
    rows = []
    for component, line in zip(results.framework.components, components, strict=True):
        overall = results.analysis.components[component.id].overall
        rows.append(
            LevelsRow(
                f"{line.number}. {component.title}",
                overall.median,
                overall.q1,
                overall.q3,
                line.current,
                line.target,
            )
        )
    charts = levels_charts(
        f"report-profile-{results.assessment.pk}",
        "Survey medians and agreed levels by component",
        "For each component: the spread of survey answers, and the levels the workshop agreed.",
        rows,
        results.scale_levels,
    )
    return _parts(charts)


def _component_chart(results, component, line):
    rows = []
    for statement, s_line in zip(component.statements, line.statements, strict=True):
        overall = results.analysis.statements[statement.id].overall
        rows.append(
            LevelsRow(
                f"{s_line.number} {statement.text}",
                overall.median,
                overall.q1,
                overall.q3,
                s_line.current,
                s_line.target,
            )
        )
    charts = levels_charts(
        f"report-component-{component.id}",
        f"{component.title}: survey medians and agreed levels",
        "For each statement: the spread of survey answers, and the levels the workshop agreed.",
        rows,
        results.scale_levels,
    )
    return _parts(charts)


def _parts(charts: list[str]) -> Markup:
    """Each part of a long chart in its own block, so a page can break between parts."""
    blocks = "".join(f'<div class="app-report__chart-part">{svg}</div>' for svg in charts)
    return Markup(blocks)  # noqa: S704 - the charts helpers escape every text


def _hidden_cells(results):
    """How many group figures were hidden, over statements and components."""
    analysis = results.analysis
    items = [*analysis.statements.values(), *analysis.components.values()]
    hidden = sum(
        1 for item in items for figures in item.groups.values() if not isinstance(figures, Summary)
    )
    return hidden, len(items) * len(analysis.groups)


#: Component rows in one part of the group heatmap, so each part fits a printed page.
HEATMAP_ROWS_PER_CHART = 20


def _groups_chart(results, columns):
    """The results page's heatmap with component rows only, so it fits one printed page."""
    if not results.has_answers or not columns:
        return None
    analysis = results.analysis
    # Rows are named by number: the table beneath names each component in full, and a long
    # component name would otherwise be cut short in the chart's label column.
    rows = [
        HeatmapRow(
            f"Component {index}",
            [heat_cell(analysis.components[component.id].groups[g]) for g in analysis.groups],
        )
        for index, component in enumerate(results.framework.components, start=1)
    ]
    per_chart = HEATMAP_ROWS_PER_CHART
    starts = range(0, len(rows), per_chart)
    several = len(starts) > 1
    charts = []
    for n, start in enumerate(starts, start=1):
        part = rows[start : start + per_chart]
        charts.append(
            heatmap_chart(
                f"report-groups-{results.assessment.pk}" + (f"-part-{n}" if several else ""),
                "Median level by group and component"
                + (f" ({start + 1} to {start + len(part)} of {len(rows)})" if several else ""),
                GROUPS_DESCRIPTION,
                columns,
                part,
                results.scale_levels,
                header_max=REPORT_HEADER_MAX,
            )
        )
    return _parts(charts)


def _comments(results, settings_row):
    """The comments the facilitator chose, by statement, from the release's comments (so
    only those the release shows, and never one a facilitator withheld)."""
    if settings_row is None or settings_row.pk is None:
        return []
    chosen = set(settings_row.comment_keys or [])
    return [
        (results.statement_refs[sid], [c.text for c in comments if c.key in chosen])
        for sid, comments in results.comments.items()
        if sid in results.statement_refs and any(c.key in chosen for c in comments)
    ]


def comparison_with_previous(assessment):
    """The cycles app's comparison with the cycle this one follows on from, or None where
    there is none, it cannot be compared (another framework) or the cycles app is absent."""
    previous = assessment.previous
    if previous is None:
        return None
    try:
        from selfassess.cycles.comparison import compare
        from selfassess.cycles.loading import NotComparableCycles
    except ImportError:
        return None
    try:
        return compare(previous, assessment)
    except NotComparableCycles:
        return None


def board_report(assessment, settings_row=None) -> dict:
    """Everything the report template needs; ``settings_row`` is the ReportSettings or None."""
    results = results_for(assessment)
    chosen = list(settings_row.sections) if settings_row else [key for key, _ in SECTIONS]
    ratings = {r.statement_id: r for r in assessment.consensus_ratings.all()}
    components = _components(results, ratings)
    if results.has_answers:
        for component, line in zip(results.framework.components, components, strict=True):
            line.chart = _component_chart(results, component, line)
    contested = [s for line in components for s in line.statements if s.contested]
    actions = plan_actions(assessment)
    status_counts = {}
    for action in actions:
        label = action.get_status_display()
        status_counts[label] = status_counts.get(label, 0) + 1
    groups = groups_context(results)
    hidden, cells = _hidden_cells(results)
    participation = _participation(assessment)
    return {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "framework": results.framework,
        "scale": results.framework.scale,
        "generated_on": timezone.localdate(),
        "sections": [(key, title) for key, title in SECTIONS if key in chosen],
        "chosen": set(chosen),
        "foreword": settings_row.foreword if settings_row else "",
        "has_answers": results.has_answers,
        "release": results.release,
        "release_notes": results.notes,
        "not_released": results.not_released,
        "has_consensus": bool(ratings),
        "participation": participation,
        "people": sum(row.answered for row in participation),
        "components": components,
        "profile_chart": _profile_chart(results, components) if results.has_answers else None,
        "contested": contested,
        "most_contested": [
            results.statement_refs[sid].number
            for sid in results.analysis.ranked_by_disagreement()
            if results.analysis.statements[sid].overall.contested
        ][:3],
        "statement_count": sum(len(line.statements) for line in components),
        "contested_rule": CONTESTED_RULE,
        "contested_min_rated": CONTESTED_MIN_RATED,
        "group_columns": groups["columns"],
        "group_tables": groups["tables"],
        "groups_chart": _groups_chart(results, groups["columns"]),
        "gaps": gap_rows(results)[:5],
        "hidden_cells": hidden,
        "group_cells": cells,
        "k": results.analysis.k,
        "comments": _comments(results, settings_row),
        "actions": actions,
        "status_counts": status_counts,
        "comparison": comparison_with_previous(assessment) if "comparison" in chosen else None,
        **cover_context(assessment, settings_row),
    }
