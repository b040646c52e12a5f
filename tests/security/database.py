"""Helpers to prove that a request changed nothing, or something."""

from contextlib import contextmanager

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, transaction


def snapshot():
    """Every row of every table the service owns, and the mail sent so far.

    Sessions are left out: signing in and opening a link write them by design. Anything
    else a refused request changes is a failure.
    """
    state = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model is Session or model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.db_table not in tables:  # an app whose migration is not written yet
            continue
        state[model._meta.label] = list(model._default_manager.order_by("pk").values())
    state["mail sent"] = len(mail.outbox)
    return state


def changed_tables(before, after):
    return sorted(label for label in before if before[label] != after.get(label))


@contextmanager
def rolled_back():
    """Run a request in a savepoint that is then undone, so each visitor starts afresh."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
