"""What each participant page shows, worked out here so the templates only lay it out.

The presenters take the framework snapshot, the participant and their saved responses, and
return plain values and the parameter dictionaries the NHS.UK macros expect (text only: the
macros escape it), so the page logic can be tested without rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format

from selfassess.assessments import join_codes
from selfassess.frameworks.reading import dont_know_help, reading_load

from .forms import DONT_KNOW, answer_field_name, comment_field_name
from .services import Barrier

# -- pages that refuse ----------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    paragraphs: tuple[str, ...]


REFUSALS = {
    Barrier.UNKNOWN: Refusal(
        404,
        "This link does not work",
        (
            "The link may have been copied wrongly, or it may have been replaced by a newer "
            "invitation. Check you used the whole link from your invitation.",
            "If it still does not work, ask the person who invited you for a new link.",
        ),
    ),
    Barrier.NOT_OPEN_YET: Refusal(
        403,
        "This assessment is not open yet",
        (
            "Your link is right, but answers cannot be given until the person running the "
            "assessment opens it.",
            "Keep your link and use it again when you are told the assessment is open.",
        ),
    ),
    Barrier.CLOSED: Refusal(
        410,
        "This assessment has closed",
        (
            "Answers can no longer be given or changed. Anything you saved before it closed "
            "has been kept.",
            "If you think it closed too early, contact the person who invited you.",
        ),
    ),
    Barrier.PAST_CLOSING_DATE: Refusal(
        410,
        "This assessment has closed",
        (
            "Answers can no longer be given or changed. Anything you saved before it closed "
            "has been kept.",
            "If you need more time, contact the person who invited you: they can extend the "
            "closing date.",
        ),
    ),
    Barrier.NO_SESSION: Refusal(
        403,
        "Open your personal link to carry on",
        (
            "For your privacy, your answers are only shown after you open your personal "
            "link, and this browser is not using it at the moment.",
            "Open the link from your invitation, or the link you were shown when you joined, "
            "to see and change your answers.",
        ),
    ),
}


def refusal_for(barrier, assessment=None) -> Refusal:
    """The page for a barrier; past its closing date, the page names the date it closed on."""
    refusal = REFUSALS[barrier]
    if barrier == Barrier.PAST_CLOSING_DATE and assessment is not None and assessment.closes_on:
        closed_on = date_format(assessment.closes_on, "j F Y")
        return Refusal(
            refusal.status,
            f"This assessment closed on {closed_on}",
            (
                f"Answers could be given until the end of {closed_on}. They can no longer be "
                "given or changed. Anything you saved before it closed has been kept.",
                refusal.paragraphs[1],
            ),
        )
    return refusal


# -- the introduction -----------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Text typed in a box, split at blank lines into the paragraphs its writer meant."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def intro_page(participant) -> dict:
    assessment = participant.assessment
    framework = assessment.framework
    statement_count = len(framework.statements())
    load = reading_load(framework)
    return {
        "organisation": assessment.organisation.name,
        "cycle_label": assessment.cycle_label,
        "framework_title": framework.title,
        "introduction": paragraphs(assessment.introduction),
        "purpose": framework.purpose,
        "statement_count": statement_count,
        "component_count": len(framework.components),
        "minutes": load.minutes(),
        "threshold": assessment.anonymity_threshold,
        "group": participant.group.name,
        "closes_on": assessment.closes_on,
        "tips": list(framework.tips),
        "dont_know_label": framework.scale.dont_know_label,
        "start_href": reverse("participation:component", args=[1]),
    }


# -- one component's page -------------------------------------------------------------------


@dataclass
class StatementRow:
    number: int
    text: str
    guidance: str
    answer_name: str
    answer_error: str | None
    items: list[dict]
    comment_name: str
    comment_value: str
    comment_error: str | None


def component_page(participant, position: int, form, responses, from_check=False) -> dict:
    framework = participant.assessment.framework
    component = framework.components[position - 1]
    scale = framework.scale
    rows = []
    for number, statement in enumerate(component.statements, start=1):
        answer_name = answer_field_name(statement.id)
        comment_name = comment_field_name(statement.id)
        chosen = form[answer_name].value()
        # The descriptors alone, lowest level first: a participant picks the description
        # that matches what they see, and the "don't know" help is said once, above the
        # statements, rather than under each of them (selfassess/frameworks/reading.py).
        items = [
            {"value": str(value), "text": descriptor, "checked": chosen == str(value)}
            for value, descriptor in statement.descriptors.items()
        ]
        items.append({"divider": "or"})
        items.append(
            {"value": DONT_KNOW, "text": scale.dont_know_label, "checked": chosen == DONT_KNOW}
        )
        rows.append(
            StatementRow(
                number=number,
                text=statement.text,
                guidance=statement.guidance,
                answer_name=answer_name,
                answer_error=_first(form.errors.get(answer_name)),
                items=items,
                comment_name=comment_name,
                comment_value=form[comment_name].value() or "",
                comment_error=_first(form.errors.get(comment_name)),
            )
        )
    total = len(framework.statements())
    return {
        "component": component,
        "dont_know_help": dont_know_help(framework),
        "position": position,
        "component_count": len(framework.components),
        "answered": total - _unanswered_count(framework, responses),
        "statement_count": total,
        "rows": rows,
        "error_list": _error_list(form, rows),
        "participant_id": participant.pk,
        "from_check": from_check,
        "back_href": (
            reverse("participation:check")
            if from_check
            else reverse("participation:component", args=[position - 1])
            if position > 1
            else reverse("participation:intro")
        ),
    }


def _error_list(form, rows) -> list[dict]:
    errors = [{"text": message} for message in form.errors.get("participant", [])]
    for row in rows:
        if row.answer_error:
            errors.append({"text": row.answer_error, "href": f"#{row.answer_name}"})
        if row.comment_error:
            errors.append({"text": row.comment_error, "href": f"#{row.comment_name}"})
    return errors


def _first(messages):
    return messages[0] if messages else None


def _unanswered_count(framework, responses) -> int:
    return sum(1 for statement in framework.statements() if statement.id not in responses)


# -- check your answers ---------------------------------------------------------------------


def check_page(participant, responses) -> dict:
    framework = participant.assessment.framework
    scale = framework.scale
    sections, unanswered = [], []
    for position, component in enumerate(framework.components, start=1):
        rows = []
        for number, statement in enumerate(component.statements, start=1):
            response = responses.get(statement.id)
            if response is None:
                answer = "Not answered"
            elif response.level is None:
                answer = scale.dont_know_label
            else:
                answer = f"Level {response.level}: {scale.level(response.level).name}"
            row = {
                "id": f"row-{statement.id}",
                "place": f"Section {position}, statement {number}",
                "statement": f"{number}. {statement.text}",
                "answer": answer,
                "answered": response is not None,
                "comment_lines": response.comment.splitlines() if response is not None else [],
                "change_href": change_href(position, statement.id),
                "change_hidden": f"your answer to section {position}, statement {number}",
            }
            rows.append(row)
            if response is None:
                unanswered.append(row)
        sections.append({"position": position, "title": component.title, "rows": rows})
    return {
        "sections": sections,
        "unanswered": unanswered,
        "completed_at": participant.completed_at,
        "closes_on": participant.assessment.closes_on,
        "dont_know_label": scale.dont_know_label,
    }


def change_href(position: int, statement_id: str) -> str:
    """The question itself, on its section's page, which then saves back to the check page."""
    page = reverse("participation:component", args=[position])
    return f"{page}?from=check#{answer_field_name(statement_id)}"


def submit_errors(page) -> list[dict]:
    """One error per unanswered statement, each linking to the question itself."""
    return [
        {
            "text": f"{row['place']} is not answered: answer it, or choose "
            f"{page['dont_know_label']}",
            "href": row["change_href"],
        }
        for row in page["unanswered"]
    ]


# -- joining with a code ---------------------------------------------------------------------

EXPIRED = "This page had expired. Choose your group again."


def join_group_page(assessment, form) -> dict:
    chosen = str(form["group"].value() or "")
    groups = list(assessment.groups.all())
    full = join_codes.full_groups(assessment)
    errors = [
        {"text": message, "href": "#group"}
        for message in [*form.non_field_errors(), *form.errors.get("group", [])]
    ]
    if "form_key" in form.errors:
        errors.append({"text": EXPIRED, "href": "#group"})
    return {
        "assessment": assessment,
        "caption": f"{assessment.organisation.name}: {assessment.cycle_label} "
        f"{assessment.framework_version.title}",
        "items": [
            {
                "value": group.pk,
                "text": group.name,
                "checked": str(group.pk) == chosen,
                **({"hint": {"text": "This group is full"}} if group.pk in full else {}),
            }
            for group in groups
        ],
        "group_error": _first(form.errors.get("group")),
        "error_list": errors,
    }
