"""The analysis of an assessment: counts in, statistics out.

A plain Python package (standard library only, no Django) so that it can be tested, reused and
read on its own. The input is the count table ``counts[statement, group, answer]`` built by one
aggregate database query; the output is every figure shown on pages, reports and exports, with
small groups already suppressed.

Modules, each documenting its formulas and their sources:

* ``counts``: the count table (``CountTable``, ``DONT_KNOW``);
* ``summary``: describing one distribution (``Summary``, ``summarise``): n, don't know share,
  median, type 7 quartiles, mean, sd, distribution and shares;
* ``agreement``: r_wg and r_wg(J) (James, Demaree & Wolf, 1984), the mean r_wg a component
  shows, and the *contested* rule;
* ``suppression``: primary and complementary suppression on counts of people;
* ``disclosure``: which cells a release may show, against its own totals and every earlier
  release (the rule the service's disclosure gate applies);
* ``assessment``: ``analyse``, putting it together.
"""

from .agreement import (
    AGREEMENT_MIN_RATED,
    CONTESTED_IQR_AT_LEAST,
    CONTESTED_MIN_RATED,
    CONTESTED_RWG_BELOW,
    agreement_text,
    is_contested,
    mean_rwg,
    rwg,
    rwg_j,
    uniform_null_variance,
)
from .assessment import (
    AssessmentAnalysis,
    ComponentResult,
    ComponentSpec,
    GroupGap,
    StatementResult,
    analyse,
    group_gap,
)
from .counts import DONT_KNOW, MAX_LEVELS, MIN_LEVELS, CountTable, validate_levels
from .disclosure import (
    OVERALL,
    REASON_DIFFERENCING,
    REASON_NO_ANSWERS,
    REASON_TOO_FEW_RATED,
    StatementRelease,
    withheld_cells,
)
from .summary import Summary, summarise
from .suppression import (
    DEFAULT_K,
    MIN_K,
    REASON_COMPLEMENTARY,
    REASON_HIDDEN_IN_STATEMENT,
    REASON_NO_RESPONDENTS,
    REASON_TOO_FEW,
    Suppressed,
    check_k,
    component_group_ns,
    suppressed_groups,
)

__all__ = [
    "AGREEMENT_MIN_RATED",
    "CONTESTED_IQR_AT_LEAST",
    "CONTESTED_MIN_RATED",
    "CONTESTED_RWG_BELOW",
    "DEFAULT_K",
    "DONT_KNOW",
    "MAX_LEVELS",
    "MIN_K",
    "MIN_LEVELS",
    "OVERALL",
    "REASON_COMPLEMENTARY",
    "REASON_DIFFERENCING",
    "REASON_HIDDEN_IN_STATEMENT",
    "REASON_NO_ANSWERS",
    "REASON_NO_RESPONDENTS",
    "REASON_TOO_FEW",
    "REASON_TOO_FEW_RATED",
    "AssessmentAnalysis",
    "ComponentResult",
    "ComponentSpec",
    "CountTable",
    "GroupGap",
    "StatementRelease",
    "StatementResult",
    "Summary",
    "Suppressed",
    "agreement_text",
    "analyse",
    "check_k",
    "component_group_ns",
    "group_gap",
    "is_contested",
    "mean_rwg",
    "rwg",
    "rwg_j",
    "summarise",
    "suppressed_groups",
    "uniform_null_variance",
    "validate_levels",
    "withheld_cells",
]
