"""Framework versions as stored, immutable snapshots.

The YAML files are the source; what an assessment points at is the snapshot taken when the
file was loaded, with its content hash. A snapshot is never edited: a changed file must carry
a new version, so past results always read against the exact text people rated.

A custom framework belongs to the organisation that loaded it (``owner``) and only it sees
the framework; the shipped ones and those the operator loads without an organisation are
everyone's. Every list or choice of frameworks goes through ``visible_to`` or
``latest_of_each``, which take the organisation.
"""

from functools import cached_property

from django.db import models

from selfassess.core import limits

from .schema import Framework

DEFAULT_FRAMEWORK_ID = "nhs-impact"


class ImmutableSnapshotError(Exception):
    pass


def delete_with_owner(collector, field, sub_objs, using):
    """Delete an organisation's own frameworks with it. Not CASCADE: that would also collect
    the assessments on each framework through ``Assessment.framework_version``, whose PROTECT
    refuses even when those assessments are being deleted with the organisation too. The
    frameworks are added without their related rows; the organisation's assessments go by
    their own cascade, in the same transaction, and the keys are checked at its end."""
    collector.add(sub_objs, source=field.remote_field.model, nullable=field.null)


def _organisation_pks(organisations) -> list[int]:
    """The pks of one organisation, or of an iterable or queryset of them."""
    if organisations is None:
        return []
    if isinstance(organisations, models.Model):
        return [organisations.pk]
    if isinstance(organisations, models.QuerySet):
        return list(organisations.values_list("pk", flat=True))
    return [organisation.pk for organisation in organisations]


class FrameworkVersionQuerySet(models.QuerySet):
    def visible_to(self, organisations):
        """The versions an organisation (or any of several) may see and choose: the shared
        ones (shipped, or loaded by the operator for everyone) and its own."""
        return self.filter(
            models.Q(owner__isnull=True) | models.Q(owner__in=_organisation_pks(organisations))
        )

    def latest_of_each(self, organisations):
        """The most recently loaded version of every framework ``organisations`` can see,
        for choosing a new assessment's.

        Picked in Python from (pk, framework id, loaded at): there are a handful of versions,
        and a GROUP BY would also group by the model's default ordering and so return every
        version."""
        latest: dict[str, tuple] = {}
        for pk, framework_id, loaded_at in (
            self.visible_to(organisations).order_by().values_list("pk", "framework_id", "loaded_at")
        ):
            if framework_id not in latest or (loaded_at, pk) > latest[framework_id]:
                latest[framework_id] = (loaded_at, pk)
        return self.filter(pk__in=[pk for _at, pk in latest.values()]).order_by("title")


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
    #: The organisation a custom framework belongs to, which alone sees it; empty for the
    #: shipped frameworks and those the operator loads for everyone. Every version of one
    #: framework id has the same owner (``services.store_framework`` sees to it).
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=delete_with_owner,
        related_name="own_frameworks",
        help_text="The organisation this custom framework belongs to; empty for everyone.",
    )

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
