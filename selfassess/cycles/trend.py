"""The maturity trend across cycles, and staff-survey indicators by year, as rows to show.

Plain functions over ``comparison.Cycle`` records and indicator rows, so the figures are
tested without pages. A component's figure in a cycle is its median over that cycle's own
statements (the figure on that cycle's results pages); components are matched by framework id.
A cycle whose scale differs from the latest cycle's has no figures on the shared axis.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .comparison import Cycle

MIN_CYCLES = 3
"""A trend needs three points: two only say "up" or "down", which the comparison shows."""


@dataclass(frozen=True)
class TrendRow:
    component_id: str
    title: str
    medians: tuple[float | None, ...]


@dataclass(frozen=True)
class MaturityTrend:
    labels: tuple[str, ...]
    rows: list[TrendRow]
    versions_differ: bool
    scale_differs: tuple[str, ...]
    """Labels of cycles left off the axis because their scale differs from the latest's."""


def maturity_trend(cycles: Sequence[Cycle]) -> MaturityTrend:
    """Component medians per cycle, ``cycles`` oldest first; titles from the latest cycle."""
    if not cycles:
        return MaturityTrend((), [], False, ())
    latest = cycles[-1].framework
    on_scale = [c.framework.scale.values == latest.scale.values for c in cycles]
    rows = []
    for component in latest.components:
        medians = []
        for cycle, usable in zip(cycles, on_scale, strict=True):
            result = cycle.analysis.components.get(component.id)
            medians.append(result.overall.median if usable and result else None)
        rows.append(TrendRow(component.id, component.title, tuple(medians)))
    return MaturityTrend(
        labels=tuple(c.label for c in cycles),
        rows=rows,
        versions_differ=len({c.framework.version for c in cycles}) > 1,
        scale_differs=tuple(
            c.label for c, usable in zip(cycles, on_scale, strict=True) if not usable
        ),
    )


@dataclass(frozen=True)
class IndicatorFigure:
    percentage_positive: Decimal
    comparator: Decimal | None


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    label: str
    figures: tuple[IndicatorFigure | None, ...]
    """One per year of ``SurveyTable.years``; None where the indicator has no figure."""


@dataclass(frozen=True)
class SurveyTable:
    years: tuple[int, ...]
    rows: list[IndicatorRow]


def survey_table(indicators) -> SurveyTable:
    """Indicators by code, years ascending; an indicator's label is its latest year's."""
    years = tuple(sorted({i.year for i in indicators}))
    by_code: dict[str, dict] = {}
    for indicator in sorted(indicators, key=lambda i: (i.code.casefold(), i.year)):
        by_code.setdefault(indicator.code.casefold(), {})[indicator.year] = indicator
    rows = []
    for per_year in by_code.values():
        latest = per_year[max(per_year)]
        rows.append(
            IndicatorRow(
                code=latest.code,
                label=latest.label,
                figures=tuple(
                    IndicatorFigure(per_year[y].percentage_positive, per_year[y].comparator)
                    if y in per_year
                    else None
                    for y in years
                ),
            )
        )
    return SurveyTable(years, rows)
