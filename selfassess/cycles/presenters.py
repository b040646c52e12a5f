"""What the cycle pages show, worked out here so templates only lay it out."""

from decimal import Decimal

from markupsafe import Markup

from selfassess.charts import level_text
from selfassess.charts.trend import TrendAxis, TrendSeries, trend_chart

from .trend import MaturityTrend, SurveyTable

EN_DASH = "\N{EN DASH}"
MINUS = "\N{MINUS SIGN}"
CONTEST_TEXT = {"started": "Became contested", "stopped": "No longer contested"}


def level(value) -> str:
    """A median or agreed level: 3, 3.5, 2.25, or a dash when there is none."""
    return EN_DASH if value is None else level_text(value)


def signed(value) -> str:
    """A change: +1, a true minus sign before a fall, 0 for none, a dash when unknown."""
    if value is None:
        return EN_DASH
    if value == 0:
        return "0"
    text = level_text(abs(value))
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


def percentage(value: Decimal | None) -> str:
    if value is None:
        return EN_DASH
    return f"{value.normalize():f}%"


def maturity_chart(trend: MaturityTrend, scale, chart_key) -> Markup:
    values = scale.values
    axis = TrendAxis(
        low=values[0],
        high=values[-1],
        ticks=tuple((lvl.value, f"{lvl.value}") for lvl in scale.levels),
    )
    svg = trend_chart(
        f"trend-{chart_key}",
        "Median level of each component, cycle by cycle",
        "Each line is a component; each point its median level in one cycle.",
        trend.labels,
        [TrendSeries(row.title, row.medians) for row in trend.rows],
        axis,
        value_text=level,
    )
    return Markup(svg)  # noqa: S704 - the charts package escapes every text


def survey_chart(table: SurveyTable, chart_key) -> Markup:
    axis = TrendAxis(0, 100, tuple((v, f"{v}%") for v in (0, 25, 50, 75, 100)))
    series = [
        TrendSeries(
            row.label,
            tuple(None if f is None else float(f.percentage_positive) for f in row.figures),
        )
        for row in table.rows
    ]
    svg = trend_chart(
        f"survey-{chart_key}",
        "Staff survey: percentage positive, year by year",
        "Each line is a staff survey indicator; each point its percentage positive in a year.",
        [str(year) for year in table.years],
        series,
        axis,
        value_text=lambda v: f"{level_text(v)}%",
    )
    return Markup(svg)  # noqa: S704 - the charts package escapes every text
