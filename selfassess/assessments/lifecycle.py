"""The assessment lifecycle, as one table of allowed moves.

draft -> open: invitations can go out and people can answer.
open -> closed: answering stops (at the closing date, or early); results are final enough to
discuss. closed -> open: reopened, for example when the closing date is extended.
closed -> complete: the consensus and plan are agreed; the cycle is finished.
Anything else (say, draft -> complete, or reopening a completed cycle) is refused, because it
would let results change after the board has seen them.
"""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    COMPLETE = "complete", "Complete"


ALLOWED_TRANSITIONS = {
    Status.DRAFT: {Status.OPEN},
    Status.OPEN: {Status.CLOSED},
    Status.CLOSED: {Status.OPEN, Status.COMPLETE},
    Status.COMPLETE: set(),
}


class TransitionNotAllowed(Exception):
    def __init__(self, current, target):
        self.current, self.target = Status(current), Status(target)
        allowed = ", ".join(sorted(s.label.lower() for s in ALLOWED_TRANSITIONS[self.current]))
        super().__init__(
            f"An assessment that is {self.current.label.lower()} cannot become "
            f"{self.target.label.lower()}; it can only become: {allowed or 'nothing else'}."
        )


def check_transition(current, target):
    if Status(target) not in ALLOWED_TRANSITIONS[Status(current)]:
        raise TransitionNotAllowed(current, target)
