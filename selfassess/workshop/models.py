"""A live consensus workshop: a session, its vote rounds and votes, and the consensus history.

A session belongs to one assessment; at most one is live at a time (a database constraint),
so the projector, the phones and the facilitator always talk about the same one. A vote round
is one blind vote on one statement; a statement can be voted on again in a new round after
a discussion. A vote is one participant's answer in one round; the unique constraint makes a
double click or a resent request land on the same row rather than count twice.

``ConsensusChange`` keeps every change to an ``assessments.ConsensusRating`` (who, when,
before, after), because an agreed position is a decision the board relies on.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from selfassess.assessments.models import Assessment, ConsensusRating, Participant


class SessionState(models.TextChoices):
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"


class RoundState(models.TextChoices):
    OPEN = "open", "Voting"
    CLOSED = "closed", "Voting closed"
    REVEALED = "revealed", "Revealed"


class LiveSession(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="live_sessions"
    )
    state = models.CharField(max_length=8, choices=SessionState.choices, default=SessionState.LIVE)
    current_statement_id = models.CharField(max_length=60, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    show_count = models.BooleanField(
        default=True,
        help_text="Whether the shared screen shows how many have voted while voting is open.",
    )
    screen_blank = models.BooleanField(
        default=False,
        help_text="Whether the shared screen is blank, so the room looks at the facilitator.",
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(state="live"),
                name="one_live_session_per_assessment",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=SessionState.values), name="live_session_state_known"
            ),
        ]

    def __str__(self):
        return f"Workshop session {self.pk} ({self.get_state_display()})"

    @property
    def is_live(self):
        return self.state == SessionState.LIVE


class VoteRound(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="rounds")
    statement_id = models.CharField(max_length=60)
    number = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=8, choices=RoundState.choices, default=RoundState.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set while voting is paused: no vote is taken or changed."
    )
    deadline = models.DateTimeField(
        null=True, blank=True, help_text="The end of the countdown: no vote is taken after it."
    )

    class Meta:
        ordering = ["session", "statement_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "statement_id", "number"], name="one_round_number_per_statement"
            ),
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(state="open"),
                name="one_open_round_per_session",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=RoundState.values), name="vote_round_state_known"
            ),
        ]

    def __str__(self):
        return f"Round {self.number} on {self.statement_id} ({self.get_state_display()})"

    @property
    def is_open(self):
        return self.state == RoundState.OPEN

    @property
    def is_revealed(self):
        return self.state == RoundState.REVEALED

    def timed_out(self, now=None) -> bool:
        """Open, but its countdown has ended: it takes no more votes, as if closed."""
        now = now or timezone.now()
        return self.is_open and self.deadline is not None and now >= self.deadline

    def takes_votes(self, now=None) -> bool:
        return self.is_open and self.locked_at is None and not self.timed_out(now)

    def status(self, now=None) -> str:
        """What the room is told: "open", "locked", "closed" (also when time is up) or
        "revealed"."""
        if self.timed_out(now):
            return RoundState.CLOSED.value
        if self.is_open and self.locked_at is not None:
            return "locked"
        return self.state


class Vote(models.Model):
    """A level, or "don't know" (level is null), as with a survey response."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="workshop_votes"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "participant"], name="one_vote_per_round")
        ]

    def __str__(self):
        answer = "don't know" if self.level is None else f"level {self.level}"
        return f"Vote in round {self.round_id}: {answer}"


class ConsensusChange(models.Model):
    """One saved change to a consensus rating; ``before`` is null when it was first agreed."""

    rating = models.ForeignKey(ConsensusRating, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField(help_text="The rating's version after this change.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["rating", "version"], name="one_change_per_version")
        ]

    def __str__(self):
        return f"Change to version {self.version} of {self.rating}"
