"""Settings for `make run` on a developer's or evaluator's machine: local, with DEBUG on
(DEBUG=0 turns it off)."""

import os

from .local import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
