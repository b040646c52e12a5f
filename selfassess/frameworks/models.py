"""Framework versions as stored, immutable snapshots.

The YAML files are the source; what an assessment points at is the snapshot taken when the
file was loaded, with its content hash. A snapshot is never edited: a changed file must carry
a new version, so past results always read against the exact text people rated.
"""

from functools import cached_property

from django.db import models

from selfassess.core import limits

from .schema import Framework

DEFAULT_FRAMEWORK_ID = "nhs-impact"


class ImmutableSnapshotError(Exception):
    pass


class FrameworkVersionQuerySet(models.QuerySet):
    def latest_of_each(self):
        """The most recently loaded version of every framework, for choosing a new assessment's."""
        latest_ids = (
            self.order_by("framework_id", "-loaded_at", "-pk")
            .values("framework_id")
            .annotate(latest=models.Max("pk"))
            .values_list("latest", flat=True)
        )
        return self.filter(pk__in=list(latest_ids)).order_by("title")


class FrameworkVersion(models.Model):
    framework_id = models.CharField(max_length=limits.ID_CHARS_MAX)
    version = models.CharField(max_length=limits.VERSION_CHARS_MAX)
    title = models.CharField(max_length=limits.TITLE_CHARS_MAX)
    content = models.JSONField()
    content_hash = models.CharField(max_length=64, unique=True)
    source = models.CharField(
        max_length=limits.SOURCE_CHARS_MAX, help_text="The file this version was loaded from."
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        ordering = ["title", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="one_snapshot_per_framework_version"
            )
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableSnapshotError(
                "A framework version is a snapshot and cannot be changed; load the changed "
                "file with a new version instead."
            )
        super().save(*args, **kwargs)

    @cached_property
    def framework(self) -> Framework:
        return Framework.from_dict(self.content)

    @property
    def is_default(self):
        return self.framework_id == DEFAULT_FRAMEWORK_ID
