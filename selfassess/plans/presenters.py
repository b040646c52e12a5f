"""What the plan pages show, worked out here so templates only lay it out.

An action linked to two components appears under both on the "by component" view: the view
answers "what are we doing about this component?", and each answer should be complete.
An action linked only to statements belongs to those statements' components.
"""

from dataclasses import dataclass

from .models import Horizon, Priority, Status

NO_COMPONENT = "Not linked to a component"
NO_OWNER = "No owner named"


@dataclass(frozen=True)
class StatementLabel:
    id: str
    number: str
    text: str
    component_id: str
    component_title: str


def statement_labels(framework) -> dict[str, StatementLabel]:
    return {
        statement.id: StatementLabel(
            statement.id, f"{c}.{s}", statement.text, component.id, component.title
        )
        for c, component in enumerate(framework.components, start=1)
        for s, statement in enumerate(component.statements, start=1)
    }


@dataclass(frozen=True)
class ActionRow:
    action: object
    statements: list[StatementLabel]
    component_ids: list[str]
    findings: list
    overdue: bool


def action_rows(actions, framework, review, today) -> list[ActionRow]:
    labels = statement_labels(framework)
    rows = []
    for action in actions:
        statements = [labels[s] for s in action.statement_ids if s in labels]
        component_ids = list(dict.fromkeys([*action.component_ids]))
        component_ids += [s.component_id for s in statements if s.component_id not in component_ids]
        rows.append(
            ActionRow(
                action=action,
                statements=statements,
                component_ids=component_ids,
                findings=review.by_action.get(action.pk, []),
                overdue=action.is_overdue(today),
            )
        )
    return rows


def grouped(rows, view, framework) -> list[tuple[str, list[ActionRow]]]:
    """Rows in headed sections for the chosen view; one unheaded section otherwise."""
    if view == "component":
        sections = [
            (component.title, [r for r in rows if component.id in r.component_ids])
            for component in framework.components
        ]
        sections.append((NO_COMPONENT, [r for r in rows if not r.component_ids]))
    elif view == "horizon":
        sections = [
            (label, [r for r in rows if r.action.horizon == value])
            for value, label in Horizon.choices
        ]
    elif view == "owner":
        owners = sorted({r.action.owner for r in rows if r.action.owner}, key=str.casefold)
        sections = [(o, [r for r in rows if r.action.owner == o]) for o in owners]
        sections.append((NO_OWNER, [r for r in rows if not r.action.owner]))
    elif view == "overdue":
        sections = [("", [r for r in rows if r.overdue])]
    else:
        sections = [("", rows)]
    return [(heading, section) for heading, section in sections if section or not heading]


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    in_progress: int
    not_started: int
    stopped: int
    overdue: int


def progress(actions, today) -> Progress:
    statuses = [a.status for a in actions]
    return Progress(
        total=len(statuses),
        done=statuses.count(Status.DONE),
        in_progress=statuses.count(Status.IN_PROGRESS),
        not_started=statuses.count(Status.NOT_STARTED),
        stopped=statuses.count(Status.STOPPED),
        overdue=sum(1 for a in actions if a.is_overdue(today)),
    )


def filter_actions(actions, filters):
    """Apply the plan page's valid filters to a list of actions."""
    result = list(actions)
    for name in ("status", "priority", "horizon", "owner"):
        if name in filters:
            result = [a for a in result if getattr(a, name) == filters[name]]
    return result


def history_rows(changes, labels, component_titles):
    """Each change as (when, who, [(field label, before, after)]); creation has no before."""
    names = {
        "title": "Title",
        "description": "Description",
        "statement_ids": "Statements",
        "component_ids": "Components",
        "owner": "Owner",
        "due_on": "Due date",
        "measure": "Measure of success",
        "horizon": "Horizon",
        "priority": "Priority",
        "status": "Status",
    }
    choices = {
        "horizon": dict(Horizon.choices),
        "status": dict(Status.choices),
        "priority": dict(Priority.choices),
    }

    def show(name, value):
        if value in (None, "", []):
            return "(none)"
        if name in choices:
            return choices[name].get(value, value)
        if name == "statement_ids":
            return ", ".join(labels[s].number if s in labels else s for s in value)
        if name == "component_ids":
            return ", ".join(component_titles.get(c, c) for c in value)
        return str(value)

    rows = []
    for change in changes:
        fields = [
            (names.get(name, name), show(name, change.before.get(name)), show(name, value))
            for name, value in change.after.items()
        ]
        rows.append((change, not change.before, fields))
    return rows
