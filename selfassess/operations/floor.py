"""Whether the benchmark floor endpoint is on.

It is off unless the ``SELFASSESS_BENCH_FLOOR`` setting is true or, when that setting is not
set, the ``SELFASSESS_BENCH_FLOOR`` environment variable is "1". Only the benchmark harness
(``bench/server.py``) turns it on; a normal deployment never sets either, so the URL answers
404 there like any unknown address.
"""

import os

from django.conf import settings

SETTING = "SELFASSESS_BENCH_FLOOR"


def floor_enabled() -> bool:
    value = getattr(settings, SETTING, None)
    if value is None:
        return os.environ.get(SETTING) == "1"
    return bool(value)
