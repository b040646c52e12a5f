"""The development plan: actions that turn an assessment's gaps into change.

An action belongs to one assessment and names the statements and components it works on by
their framework ids, as responses and consensus ratings do, so the framework snapshot never
shifts under it. Every change is kept (`ActionChange`) because a plan is followed up over a
year or more and people need to see who moved a date or closed an action, and when.
"""

from django.conf import settings
from django.db import models


class Horizon(models.TextChoices):
    SHORT = "short", "Short term (0 to 3 months)"
    MEDIUM = "medium", "Medium term (3 to 12 months)"
    LONG = "long", "Long term (1 to 3 years)"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped"


CLOSED_STATUSES = (Status.DONE, Status.STOPPED)


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only actions of assessments in the user's organisations."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(assessment__organisation__memberships__user=user)

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Action(models.Model):
    """One thing someone will do, by a date, with a way to tell whether it worked.

    `version` goes up by one on every save, like `ConsensusRating.version`, so a save made
    from an out-of-date form is refused rather than silently overwriting someone else's edit.
    """

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    statement_ids = models.JSONField(default=list, blank=True)
    component_ids = models.JSONField(default=list, blank=True)
    owner = models.CharField(
        max_length=120,
        blank=True,
        help_text="A named person or a role, such as Director of Nursing.",
    )
    due_on = models.DateField("due date", null=True, blank=True)
    measure = models.TextField(
        "measure of success", blank=True, help_text="How you will know the action has worked."
    )
    horizon = models.CharField(max_length=10, choices=Horizon.choices, default=Horizon.SHORT)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="action_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(horizon__in=Horizon.values), name="action_horizon_known"
            ),
            models.CheckConstraint(
                condition=models.Q(priority__in=Priority.values), name="action_priority_known"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today):
        return not self.is_closed and self.due_on is not None and self.due_on < today


class ActionNote(models.Model):
    """A progress note: what has happened since the last one, in the words of whoever did it."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(max_length=4000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Note on {self.action_id}"


class ActionChange(models.Model):
    """One audited change to an action: the fields that changed, before and after."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"Change to {self.action_id} at {self.changed_at:%Y-%m-%d %H:%M}"
