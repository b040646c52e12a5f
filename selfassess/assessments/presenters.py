"""What the assessment hub shows, worked out here so the template only lays it out.

Completion is counts only. A facilitator can see who has finished on the participants page,
but nobody sees what anyone answered.
"""

from dataclasses import dataclass

from .lifecycle import Status


@dataclass(frozen=True)
class CompletionRow:
    name: str
    invited: int
    started: int
    completed: int

    @staticmethod
    def _share(part, whole):
        return part / whole if whole else None

    @property
    def started_share(self):
        return self._share(self.started, self.invited)

    @property
    def completed_share(self):
        return self._share(self.completed, self.invited)


def completion(groups):
    """Rows per group (annotated with invited, started, completed) and the total row."""
    rows = [CompletionRow(g.name, g.invited, g.started, g.completed) for g in groups]
    total = CompletionRow(
        "All groups",
        sum(r.invited for r in rows),
        sum(r.started for r in rows),
        sum(r.completed for r in rows),
    )
    return rows, total


@dataclass(frozen=True)
class HubActions:
    """Which management actions the page offers, from the status and the user's role."""

    status: str
    can_run: bool

    @property
    def can_edit_settings(self):
        return self.can_run and self.status == Status.DRAFT

    @property
    def can_open(self):
        return self.can_run and self.status == Status.DRAFT

    @property
    def can_close(self):
        return self.can_run and self.status == Status.OPEN

    @property
    def can_extend(self):
        return self.can_run and self.status == Status.OPEN

    @property
    def can_reopen(self):
        return self.can_run and self.status == Status.CLOSED

    @property
    def can_complete(self):
        return self.can_run and self.status == Status.CLOSED

    @property
    def can_invite_by_email(self):
        return self.can_run and self.status == Status.OPEN

    @property
    def can_make_links(self):
        return self.can_run and self.status in (Status.DRAFT, Status.OPEN)

    @property
    def can_snapshot(self):
        return self.can_run and self.status == Status.OPEN

    @property
    def can_remind(self):
        return self.can_run and self.status == Status.OPEN


STATUS_EXPLANATIONS = {
    Status.DRAFT: "Nobody can answer yet. Check the settings, make personal links if you need "
    "them, then open the assessment to send email invitations and start the join code.",
    Status.OPEN: "People can answer using their invitation link or the join code.",
    Status.CLOSED: "Answering has stopped. Reopen it with a later closing date if more people "
    "need to take part, or mark it complete once the consensus and plan are agreed.",
    Status.COMPLETE: "This cycle is finished. Its results can no longer change.",
}
