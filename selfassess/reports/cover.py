"""The board paper's cover sheet and contents, from the report settings.

An NHS board reads a paper's cover first: what it is, for which meeting, who brings it, what
the board is asked to do, a short summary and the risks of not acting. The facilitator writes
these on the report settings page; anything left blank is left off the cover, except the
title (a standard one) and the summary (a standard sentence from the report's own figures,
written in the template), so a cover is never empty.

Typed text keeps its paragraphs: browsers send line breaks as CRLF, so text is split on any
line break, and each non-empty line becomes a paragraph or a list item.
"""

import re

from .models import Purpose
from .provisional import NOTICE, is_provisional

COVER_TEXT_FIELDS = ("cover_title", "meeting", "presenter", "board_asked", "cover_summary", "risks")


def paragraphs(text: str) -> list[str]:
    """Each non-empty line of typed text, trimmed."""
    return [line.strip() for line in re.split(r"\r\n|\r|\n", text or "") if line.strip()]


def standard_title(assessment) -> str:
    return f"Improvement self-assessment {assessment.cycle_label}: report to the board"


def cover_context(assessment, settings_row) -> dict:
    """What the cover, the contents and the provisional mark need; no figures."""
    values = {name: getattr(settings_row, name, "") or "" for name in COVER_TEXT_FIELDS}
    purpose = getattr(settings_row, "purpose", "") or ""
    provisional = is_provisional(assessment)
    return {
        "cover": {
            "title": values["cover_title"] or standard_title(assessment),
            "meeting": values["meeting"],
            "meeting_date": getattr(settings_row, "meeting_date", None),
            "presenter": values["presenter"],
            "purpose": Purpose(purpose).label if purpose in Purpose.values else "",
            "board_asked": paragraphs(values["board_asked"]),
            "summary": paragraphs(values["cover_summary"]),
            "risks": paragraphs(values["risks"]),
        },
        "foreword_paragraphs": paragraphs(getattr(settings_row, "foreword", "") or ""),
        "provisional": provisional,
        "provisional_notice": NOTICE if provisional else "",
    }
