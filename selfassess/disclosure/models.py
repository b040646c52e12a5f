"""Releases: the frozen copies of an assessment's results that people are shown.

Nobody sees figures computed from the live answers. Results are *released*, when the
assessment closes or at a snapshot a facilitator takes while it is open, and a release is
frozen when it is made: its counts, which cells it shows, and its comments never change
afterwards. Pages, reports, downloads and exports all read a release, and say which.

``elements`` keeps, for each statement, each person's answer under a random key, so that the
next release can be checked against this one (see ``selfassess.analysis.disclosure``). It is
read by the gate only, never shown or downloaded, and emptied once the assessment is
complete, when no further release can be made.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReleaseKind(models.TextChoices):
    SNAPSHOT = "snapshot", "Snapshot while open"
    CLOSING = "closing", "When the assessment closed"


class Release(models.Model):
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="releases"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=ReleaseKind.choices)
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    k = models.PositiveSmallIntegerField()
    people = models.PositiveIntegerField(default=0)
    imported_people = models.PositiveIntegerField(default=0)
    imported_answers = models.PositiveIntegerField(default=0)
    chose_group = models.PositiveIntegerField(
        default=0, help_text="People in the release who joined by code and chose their group."
    )
    groups = models.JSONField(default=list, help_text="[[group id, name], ...] in order.")
    counts = models.JSONField(default=dict, help_text="{statement: {group: {answer: count}}}")
    withheld = models.JSONField(default=dict, help_text="{statement: {cell: reason}}")
    comments = models.JSONField(default=dict, help_text="{statement: [text, ...]}, sorted")
    comments_withheld = models.JSONField(default=dict, help_text="{statement: reason}")
    elements = models.JSONField(
        default=dict, help_text="{statement: {key: [group, answer, comment digest]}}; gate only"
    )
    population = models.JSONField(default=list, help_text="The people's keys; gate only.")

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_release_number")
        ]

    def __str__(self):
        return f"Release {self.number} of {self.assessment}"

    @property
    def label(self) -> str:
        when = timezone.localtime(self.made_at).strftime("%-d %B %Y %H:%M")
        what = "snapshot" if self.kind == ReleaseKind.SNAPSHOT else "at closing"
        return f"Release {self.number} ({what}, {when}, {self.people} people)"

    @property
    def is_final(self) -> bool:
        return self.kind == ReleaseKind.CLOSING


class WithheldComment(models.Model):
    """A comment a facilitator withheld from the report and the workshop screen, because it
    could identify its author. Named by a keyed digest of its text, never by a response id."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="withheld_comments"
    )
    statement_id = models.CharField(max_length=60)
    key = models.CharField(max_length=64)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withheld_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement_id", "key"], name="withhold_comment_once"
            )
        ]

    def __str__(self):
        return f"Withheld comment on {self.statement_id}"
