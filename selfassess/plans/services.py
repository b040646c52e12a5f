"""Changing actions: every change is audited, and a save from an out-of-date form is refused.

The version check is one conditional UPDATE (``WHERE pk = ... AND version = ...``), so it holds
on SQLite and PostgreSQL alike without locking: of two facilitators saving the same version,
exactly one wins, and the other is told what changed instead of silently overwriting it.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Action, ActionChange, ActionNote

TRACKED_FIELDS = (
    "title",
    "description",
    "statement_ids",
    "component_ids",
    "owner",
    "due_on",
    "measure",
    "horizon",
    "priority",
    "status",
)


class StaleAction(Exception):
    """The action changed since the form was opened; ``current`` is what is saved now."""

    def __init__(self, current):
        super().__init__("The action was changed by someone else.")
        self.current = current


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(action, fields=TRACKED_FIELDS):
    """The audited fields as JSON-ready values (dates as ISO strings)."""
    return {name: _json(getattr(action, name)) for name in fields}


@transaction.atomic
def create_action(assessment, user, data):
    fields = {name: data[name] for name in TRACKED_FIELDS if name in data}
    action = Action.objects.create(assessment=assessment, created_by=user, **fields)
    ActionChange.objects.create(action=action, changed_by=user, before={}, after=snapshot(action))
    return action


@transaction.atomic
def update_action(action, user, data, version):
    """Save ``data`` over ``action`` if it is still at ``version``; raise StaleAction if not.

    Returns the names of the fields that changed (none: nothing is saved or audited).
    """
    current = Action.objects.get(pk=action.pk)
    changed = [
        name
        for name in TRACKED_FIELDS
        if name in data and _json(data[name]) != _json(getattr(current, name))
    ]
    if current.version != version:
        raise StaleAction(current)
    if not changed:
        return []
    updates = {name: data[name] for name in changed}
    saved = Action.objects.filter(pk=action.pk, version=version).update(
        **updates, version=F("version") + 1, updated_at=timezone.now()
    )
    if not saved:  # someone saved between our read and our write
        raise StaleAction(Action.objects.get(pk=action.pk))
    after = Action.objects.get(pk=action.pk)
    ActionChange.objects.create(
        action=after,
        changed_by=user,
        before=snapshot(current, changed),
        after=snapshot(after, changed),
    )
    return changed


def change_status(action, user, status, version):
    return update_action(action, user, {"status": status}, version)


def add_note(action, user, text):
    return ActionNote.objects.create(action=action, author=user, text=text)
