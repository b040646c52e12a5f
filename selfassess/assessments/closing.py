"""When an assessment stops taking answers: the one place that decides.

The closing date is "the last day people can answer", so answers are taken until the end of
that day, in the organisation's time zone: the moment they stop is midnight at the start of
the next day there. The moment is worked out from the stored date whenever it is needed, so
no scheduled job has to close the assessment for answers to stop on time; the status stays
"open" until a facilitator closes it (which releases the results), and the hub says the
assessment is past its closing date meanwhile.

The organisation's time zone is SELFASSESS_ORGANISATION_TIME_ZONE (Europe/London unless the
operator says otherwise): organisations have no time zone of their own yet. Midnight exists on
every day in that zone (the clocks change at 01:00 UTC), and ``zoneinfo`` picks the right
offset on the days the clocks change, so a closing date on the last Sunday of March or
October ends at local midnight, not an hour early or late.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .lifecycle import Status

DEFAULT_TIME_ZONE = "Europe/London"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def time_zone(organisation=None) -> ZoneInfo:
    """The time zone the organisation's dates are meant in."""
    name = getattr(organisation, "time_zone", "") or getattr(
        settings, "SELFASSESS_ORGANISATION_TIME_ZONE", DEFAULT_TIME_ZONE
    )
    return _zone(name)


def closes_at(assessment) -> datetime.datetime | None:
    """The first moment answers are no longer taken: midnight after the closing date, local
    time. None when the assessment has no closing date."""
    if assessment.closes_on is None:
        return None
    day_after = assessment.closes_on + datetime.timedelta(days=1)
    return datetime.datetime.combine(day_after, datetime.time(0), tzinfo=_zone_of(assessment))


def _zone_of(assessment) -> ZoneInfo:
    # The organisation is read only when it is already loaded, so asking when an assessment
    # closes never costs a query; organisations have no zone of their own at present.
    loaded = getattr(assessment, "_state", None)
    cache = getattr(loaded, "fields_cache", {})
    return time_zone(cache.get("organisation"))


def _now() -> datetime.datetime:
    """The clock, read in one place so tests can set it."""
    return timezone.now()


def is_past_closing_date(assessment, now: datetime.datetime | None = None) -> bool:
    moment = closes_at(assessment)
    return moment is not None and (now or _now()) >= moment


def takes_answers(assessment, now: datetime.datetime | None = None) -> bool:
    """Open, and not past the end of its closing date: the rule for links, answers and
    join codes alike."""
    return assessment.status == Status.OPEN and not is_past_closing_date(assessment, now)
