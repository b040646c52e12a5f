"""Reading an organisation's audit log: always one organisation's rows, newest first.

The log page and its CSV download both start here, so a filter works the same way in each
and no query can forget which organisation it is about.
"""

import datetime

from django.utils import timezone

from .models import AuditEvent


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def events_for(organisation, *, kind: str = "", since=None, until=None):
    """The organisation's events, optionally of one kind and between two days (both included,
    in the service's time zone)."""
    events = AuditEvent.objects.filter(organisation=organisation)
    if kind:
        events = events.filter(action=kind)
    if since is not None:
        events = events.filter(created_at__gte=_start_of(since))
    if until is not None:
        events = events.filter(created_at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events.order_by("-created_at", "-id")
