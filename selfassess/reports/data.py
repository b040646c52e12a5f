"""An assessment's figures and data as plain tables, shared by the workbook, CSV and JSON.

Each table is a list of columns (with the kind of value they hold, so the workbook can give
numbers a format) and rows of Python values. Figures come from the same release as the results
pages (through the disclosure gate), so a download can never disagree with a page, and every
download says which release it holds. Withheld cells arrive withheld: their rows carry the
reason and no figure.

No table holds one person's answers. A person-level file, even under random codes, gives away
more than the tables (a person's answers can be linked across statements, and a rare pattern
of answers can name them), so the downloads are aggregate tables only; the organisation
export, which moves everything to another deployment, is the one exception and says so.
"""

from dataclasses import dataclass, field

from django.apps import apps

from selfassess.analysis import Summary
from selfassess.results.services import Results, results_for

TEXT, INTEGER, DECIMAL, SHARE, DATE, DATETIME, BOOLEAN = (
    "text",
    "integer",
    "decimal",
    "share",
    "date",
    "datetime",
    "boolean",
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)

    def as_dicts(self) -> list[dict]:
        return [dict(zip((c.key for c in self.columns), row, strict=True)) for row in self.rows]


def _figures(summary: Summary) -> list:
    return [
        summary.n,
        summary.rated,
        summary.dont_know_share,
        summary.median,
        summary.q1,
        summary.q3,
        summary.mean,
    ]


FIGURE_COLUMNS = [
    Column("answers", "Answers", INTEGER),
    Column("rated", "Rated answers", INTEGER),
    Column("dont_know_share", "Don't know share", SHARE),
    Column("median", "Median level", DECIMAL),
    Column("lower_quartile", "Lower quartile", DECIMAL),
    Column("upper_quartile", "Upper quartile", DECIMAL),
    Column("mean", "Mean level", DECIMAL),
]


def about_table(results: Results) -> Table:
    assessment = results.assessment
    release = results.release
    rows = [
        ["Organisation", assessment.organisation.name],
        ["Framework", str(assessment.framework_version)],
        ["Cycle", assessment.cycle_label],
        ["Status", assessment.get_status_display()],
        ["Release", release.label if release else "Not released yet"],
        ["Final", bool(release and release.is_final)],
        ["People in the release", release.people if release else 0],
        ["Anonymity threshold (k)", release.k if release else assessment.anonymity_threshold],
        *[["Note", note] for note in results.notes],
    ]
    return Table(
        "about",
        "About this assessment",
        [Column("item", "Item"), Column("value", "Value")],
        rows,
    )


def components_table(results: Results) -> Table:
    table = Table(
        "components",
        "Summary by component",
        [
            Column("component_id", "Component id"),
            Column("component", "Component"),
            *FIGURE_COLUMNS,
            Column("agreement", "Agreement (mean rwg of its statements)", DECIMAL),
            Column("statements_pooled", "Statements counted", INTEGER),
        ],
    )
    for component in results.framework.components:
        result = results.analysis.components[component.id]
        table.rows.append(
            [
                component.id,
                component.title,
                *_figures(result.overall),
                result.agreement,
                result.statements_pooled,
            ]
        )
    return table


def statements_table(results: Results) -> Table:
    levels = results.framework.scale.levels
    table = Table(
        "statements",
        "Statistics by statement",
        [
            Column("number", "Number"),
            Column("statement_id", "Statement id"),
            Column("component", "Component"),
            Column("statement", "Statement"),
            *FIGURE_COLUMNS,
            Column("sd", "Standard deviation", DECIMAL),
            Column("agreement", "Agreement (rwg)", DECIMAL),
            Column("contested", "Contested", BOOLEAN),
            *[Column(f"level_{lv.value}", f"Level {lv.value} {lv.name}", INTEGER) for lv in levels],
            Column("dont_know", "Don't know", INTEGER),
            Column("spread_levels", "Spread of the middle half (levels)", DECIMAL),
            Column("group_gap", "Largest gap between group medians", DECIMAL),
            Column("higher_group", "Group with the higher median"),
            Column("lower_group", "Group with the lower median"),
            Column("hidden", "Hidden because"),
        ],
    )
    names = results.group_names
    for statement_id, ref in results.statement_refs.items():
        result = results.analysis.statements[statement_id]
        overall = result.overall
        gap = result.gap
        table.rows.append(
            [
                ref.number,
                statement_id,
                ref.component.title,
                ref.statement.text,
                *_figures(overall),
                overall.sd,
                overall.rwg,
                overall.contested,
                *[None if result.withheld else overall.distribution[lv.value] for lv in levels],
                None if result.withheld else overall.dont_know,
                overall.iqr_levels,
                None if gap is None else gap.gap,
                "" if gap is None else names[gap.high_group],
                "" if gap is None else names[gap.low_group],
                result.withheld or "",
            ]
        )
    return table


def groups_table(results: Results) -> Table:
    table = Table(
        "groups",
        "Breakdown by group",
        [
            Column("level", "Level"),
            Column("item_id", "Component or statement id"),
            Column("item", "Component or statement"),
            Column("group", "Group"),
            *FIGURE_COLUMNS,
            Column("hidden", "Hidden because"),
        ],
    )
    analysis = results.analysis
    for component in results.framework.components:
        entries = [("Component", component.id, component.title, analysis.components[component.id])]
        entries += [
            (
                "Statement",
                s.id,
                f"{results.statement_refs[s.id].number} {s.text}",
                analysis.statements[s.id],
            )
            for s in component.statements
        ]
        for level, item_id, item, result in entries:
            for group_id in analysis.groups:
                figures = result.groups[group_id]
                name = results.group_names[group_id]
                if isinstance(figures, Summary):
                    table.rows.append([level, item_id, item, name, *_figures(figures), ""])
                else:
                    blank = [None] * len(FIGURE_COLUMNS)
                    table.rows.append([level, item_id, item, name, *blank, figures.reason])
    return table


def consensus_table(results: Results) -> Table:
    table = Table(
        "consensus",
        "Consensus",
        [
            Column("number", "Number"),
            Column("statement_id", "Statement id"),
            Column("statement", "Statement"),
            Column("survey_median", "Survey median", DECIMAL),
            Column("current_level", "Agreed current level", INTEGER),
            Column("target_level", "Target level", INTEGER),
            Column("gap", "Target minus current", INTEGER),
            Column("rationale", "Rationale"),
            Column("evidence", "Evidence"),
            Column("updated_at", "Last changed", DATETIME),
        ],
    )
    ratings = {r.statement_id: r for r in results.assessment.consensus_ratings.all()}
    for statement_id, ref in results.statement_refs.items():
        rating = ratings.get(statement_id)
        median = results.analysis.statements[statement_id].overall.median
        current = rating.current_level if rating else None
        target = rating.target_level if rating else None
        table.rows.append(
            [
                ref.number,
                statement_id,
                ref.statement.text,
                median,
                current,
                target,
                None if current is None or target is None else target - current,
                rating.rationale if rating else "",
                rating.evidence if rating else "",
                rating.updated_at if rating else None,
            ]
        )
    return table


def plan_actions(assessment):
    """The assessment's development plan actions, or [] where the plan is not installed."""
    try:
        apps.get_model("plans", "Action")
    except LookupError:
        return []
    return list(assessment.actions.all())


def plan_table(results: Results) -> Table:
    table = Table(
        "plan",
        "Development plan",
        [
            Column("title", "Action"),
            Column("description", "Description"),
            Column("statements", "Statements"),
            Column("components", "Components"),
            Column("owner", "Owner"),
            Column("due_on", "Due date", DATE),
            Column("measure", "Measure of success"),
            Column("horizon", "Horizon"),
            Column("priority", "Priority"),
            Column("status", "Status"),
        ],
    )
    refs = results.statement_refs
    titles = {c.id: c.title for c in results.framework.components}
    for action in plan_actions(results.assessment):
        table.rows.append(
            [
                action.title,
                action.description,
                ", ".join(refs[s].number if s in refs else s for s in action.statement_ids),
                "; ".join(titles.get(c, c) for c in action.component_ids),
                action.owner,
                action.due_on,
                action.measure,
                action.get_horizon_display(),
                action.get_priority_display(),
                action.get_status_display(),
            ]
        )
    return table


BUILDERS = [
    about_table,
    components_table,
    statements_table,
    groups_table,
    consensus_table,
    plan_table,
]
TABLE_NAMES = ["about", "components", "statements", "groups", "consensus", "plan"]


def build_tables(assessment) -> list[Table]:
    results = results_for(assessment)
    return [builder(results) for builder in BUILDERS]
