"""A realistic development plan for the demo assessment, good and poor actions mixed.

The mix is deliberate so that the plan checker has true findings to show: a vague action full
of grand words, one with no owner, one whose date has passed, one whose horizon does not fit
its date, beside well-written actions it leaves alone. Statements are taken from the
assessment's own framework by position, so the plan works whichever framework it uses.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Action, ActionChange, ActionNote
from .services import snapshot

# (component index, statement index, fields, days from today to the due date or None, notes)
DEMO_ACTIONS = [
    (
        0,
        0,
        {
            "title": "Publish the board's three improvement priorities on the staff intranet",
            "description": "Agree the wording at the March board, publish it with a short "
            "video from the chief executive, and ask every team to discuss it at a huddle.",
            "owner": "Director of Strategy",
            "measure": "Published by the end of the quarter; 60% of staff in the pulse survey "
            "can name at least one priority.",
            "horizon": "short",
            "priority": "high",
            "status": "in_progress",
        },
        45,
        ["The board agreed the wording; the video is being recorded next week."],
    ),
    (
        1,
        0,
        {
            "title": "Deliver a world-class, transformational culture of excellence",
            "description": "We aim to empower our people and leverage synergies across the "
            "system to embed a step-change in engagement going forward.",
            "owner": "",
            "measure": "",
            "horizon": "long",
            "priority": "high",
        },
        None,
        [],
    ),
    (
        3,
        0,
        {
            "title": "Train 40 ward managers in improvement methods",
            "description": "Run the two-day improvement skills course four times, with "
            "places held back for night staff.",
            "owner": "Head of Quality Improvement",
            "measure": "40 ward managers trained; each leads one test of change within three "
            "months of the course.",
            "horizon": "medium",
            "priority": "high",
            "status": "in_progress",
        },
        240,
        ["Two of the four courses have run; 19 ward managers trained so far."],
    ),
    (
        2,
        0,
        {
            "title": "Hold monthly leadership walkabouts on every ward",
            "owner": "Chief Nurse",
            "measure": "Each ward visited once a month; issues raised are logged and answered "
            "within four weeks.",
            "horizon": "short",
            "priority": "medium",
        },
        -20,
        [],
    ),
    (
        4,
        0,
        {
            "title": "Add improvement measures to the monthly divisional performance reviews",
            "owner": "Director of Finance and Performance",
            "measure": "Every divisional review pack includes at least two run charts of "
            "improvement measures.",
            "horizon": "short",
            "priority": "medium",
        },
        300,
        [],
    ),
    (
        1,
        1,
        {
            "title": "Commit to develop a leadership framework in the future",
            "owner": "Director of People",
            "measure": "Framework agreed.",
            "horizon": "medium",
            "priority": "low",
        },
        180,
        [],
    ),
    (
        0,
        1,
        {
            "title": "Appoint a patient partner to the improvement steering group",
            "owner": "Head of Patient Experience",
            "measure": "Partner appointed and at 3 of the next 4 steering group meetings; the "
            "minutes record their advice on each decision.",
            "horizon": "short",
            "priority": "medium",
            "status": "done",
        },
        -40,
        ["Appointed in January and attended the February and March meetings."],
    ),
]


def _statement(framework, component_index, statement_index):
    components = framework.components
    component = components[min(component_index, len(components) - 1)]
    statements = component.statements
    return component, statements[min(statement_index, len(statements) - 1)]


@transaction.atomic
def add_demo_plan(assessment, author, today=None):
    """Create the demo plan for ``assessment`` (replacing any earlier one) and return it."""
    today = today or timezone.localdate()
    assessment.actions.all().delete()
    framework = assessment.framework
    actions = []
    for component_index, statement_index, fields, due_in, notes in DEMO_ACTIONS:
        component, statement = _statement(framework, component_index, statement_index)
        action = Action.objects.create(
            assessment=assessment,
            created_by=author,
            statement_ids=[statement.id],
            component_ids=[component.id],
            due_on=None if due_in is None else today + timedelta(days=due_in),
            **fields,
        )
        ActionChange.objects.create(
            action=action, changed_by=author, before={}, after=snapshot(action)
        )
        for text in notes:
            ActionNote.objects.create(action=action, author=author, text=text)
        actions.append(action)
    return actions
