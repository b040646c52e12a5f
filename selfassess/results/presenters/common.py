"""What every results page shares: the page frame (title, breadcrumbs, navigation) and the
way a level figure is written."""

from django.urls import reverse

from selfassess.analysis import (
    AGREEMENT_MIN_RATED,
    CONTESTED_IQR_AT_LEAST,
    CONTESTED_MIN_RATED,
    CONTESTED_RWG_BELOW,
)
from selfassess.charts import level_text

EN_DASH = "\N{EN DASH}"

CONTESTED_EXPLANATION = (
    f"Views are widely spread: agreement is below {float(CONTESTED_RWG_BELOW):.2f}, or the "
    f"middle half of the answers spans {CONTESTED_IQR_AT_LEAST} levels or more."
)
AGREEMENT_RULE = (
    f"Agreement runs from 0 (as spread as random answers) to 1 (everyone gave the same level). "
    f"It is shown only where at least {AGREEMENT_MIN_RATED} people gave a level, and rounded "
    f"down, so a statement marked contested never shows {float(CONTESTED_RWG_BELOW):.2f}."
)
CONTESTED_RULE = (
    f"A statement is marked contested when at least {CONTESTED_MIN_RATED} people rated it and "
    f"their agreement is below {float(CONTESTED_RWG_BELOW):.2f}, or the middle half of their "
    f"answers spans {CONTESTED_IQR_AT_LEAST} levels or more."
)

PAGES = [
    ("results:overview", "Results by component"),
    ("results:discussion", "Where to start"),
    ("results:groups", "Results by group"),
]


def level_figure(value: float | None) -> str:
    """A median or quartile as written on a page: 3, 3.5, 2.25, or a dash when undefined."""
    return EN_DASH if value is None else level_text(value)


def component_href(results, component_id: str, statement_id: str | None = None) -> str:
    href = reverse("results:component", args=[results.assessment.pk, component_id])
    return f"{href}#statement-{statement_id}" if statement_id else href


def page_frame(results, title: str, current: str | None) -> dict:
    """Title, breadcrumbs and the results navigation for a page; ``current`` is its URL name
    (None for a component page, which sits under the overview)."""
    assessment = results.assessment
    organisation = assessment.organisation
    results_href = reverse("results:overview", args=[assessment.pk])
    breadcrumbs = [
        {"text": "Home", "href": reverse("core:home")},
        {
            "text": organisation.name,
            "href": reverse("organisations:detail", args=[organisation.pk]),
        },
        {
            "text": assessment.cycle_label,
            "href": reverse("assessments:overview", args=[assessment.pk]),
        },
    ]
    if current != "results:overview":
        breadcrumbs.append({"text": "Results", "href": results_href})
    breadcrumbs.append({"text": title, "href": ""})
    navigation = [
        {
            "text": text,
            "href": reverse(name, args=[assessment.pk]),
            "current": name == current,
        }
        for name, text in PAGES
    ]
    return {
        "page_title": f"{title} \N{EN DASH} {assessment.cycle_label}",
        "heading": title,
        "assessment": assessment,
        "framework": results.framework,
        "has_answers": results.has_answers,
        "release": results.release,
        "release_notes": results.notes,
        "not_released": results.not_released,
        "breadcrumbs": breadcrumbs,
        "results_navigation": navigation,
        "contested_explanation": CONTESTED_EXPLANATION,
        "contested_rule": CONTESTED_RULE,
        "agreement_rule": AGREEMENT_RULE,
    }
