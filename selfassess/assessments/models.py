"""One assessment is one cycle of one organisation on one framework version.

A participant's answer to one statement is a response. Statements are referred to by the id
they have in the framework snapshot the assessment uses, so they never change under it.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from selfassess.frameworks.models import FrameworkVersion
from selfassess.organisations.models import Organisation

from .closing import is_past_closing_date, takes_answers
from .lifecycle import Status, check_transition
from .tokens import hash_token, new_token

MIN_ANONYMITY_THRESHOLD = 3
DEFAULT_ANONYMITY_THRESHOLD = 5

DEFAULT_GROUPS = [
    "Board",
    "Executive and senior leaders",
    "Clinical and professional leaders",
    "Front-line staff",
    "Corporate and support staff",
    "Improvement team",
    "Patient and lived-experience partners",
]


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the assessments of organisations the user belongs to: the one safe starting
        point for every view."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)


class Assessment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    cycle_label = models.CharField(
        max_length=40, help_text="For example 2025/26, so cycles can be told apart."
    )
    introduction = models.TextField(blank=True)
    closes_on = models.DateField("closing date", null=True, blank=True)
    anonymity_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_ANONYMITY_THRESHOLD,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)],
        help_text="Groups with fewer respondents than this are never shown on their own.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    join_code = models.CharField(
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text="A short code a room of people can type to join and pick their group.",
    )
    joiners_per_group = models.PositiveSmallIntegerField(
        "people who can join each group with the code",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Empty for no limit. Stops one person joining many times from many phones.",
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_threshold__gte=MIN_ANONYMITY_THRESHOLD),
                name="anonymity_threshold_at_least_3",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="assessment_status_known"
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_status = self.status

    def __str__(self):
        return f"{self.framework_version.title}, {self.cycle_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding and self.status != self._saved_status:
            check_transition(self._saved_status, self.status)
        super().save(*args, **kwargs)
        self._saved_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.status
        return instance

    @property
    def framework(self):
        return self.framework_version.framework

    def transition_to(self, target):
        """The only way to change status; refuses moves the lifecycle does not allow."""
        check_transition(self.status, target)
        self.status = target
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at"])

    @property
    def accepts_responses(self):
        """Open and not past the end of its closing date (see ``closing``)."""
        return takes_answers(self)

    @property
    def past_closing_date(self):
        return is_past_closing_date(self)

    @property
    def join_code_display(self):
        """The code in blocks of four, as pages show it."""
        from .join_codes import display

        return display(self.join_code)


class ParticipantGroup(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "name"], name="group_name_unique")
        ]

    def __str__(self):
        return self.name


def new_release_key():
    return secrets.token_hex(16)


class ImportBatch(models.Model):
    """One file of answers imported from another tool: who brought it in, when, how many.

    The people who imported the answers know them, so the disclosure gate never counts them
    towards anyone's anonymity, and the results say how many imported answers they include.
    A batch can be undone while the assessment is still open or a draft.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="import_batches"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    source_name = models.CharField(max_length=255, blank=True)
    rows = models.PositiveIntegerField(default=0)
    per_group = models.JSONField(default=dict, help_text="Rows imported per group name.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"Import of {self.rows} rows into {self.assessment}"


class Participant(models.Model):
    """Someone invited to answer. They hold a token, not an account; only its hash is kept.

    ``release_key`` is a random name for this participant that only the disclosure gate uses,
    to compare one release with the next; it is never shown or exported in any download.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="participants"
    )
    group = models.ForeignKey(
        ParticipantGroup, on_delete=models.RESTRICT, related_name="participants"
    )
    email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    joined_by_code = models.BooleanField(default=False)
    import_batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participants",
    )
    release_key = models.CharField(max_length=32, default=new_release_key, editable=False)
    resume_component_id = models.CharField(
        max_length=60, blank=True, help_text="Where the participant's link takes them back to."
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Participant {self.pk} ({self.group})"

    def clean(self):
        if self.group_id and self.group.assessment_id != self.assessment_id:
            raise ValidationError({"group": "Choose a group from this assessment."})

    @classmethod
    def invite(cls, assessment, group, email="", joined_by_code=False):
        """Create a participant and return it with the one copy of its token.

        Someone who joins by code is created in one insert, already marked as such, so no
        participant ever exists for a moment with the wrong origin.
        """
        token = new_token()
        participant = cls.objects.create(
            assessment=assessment,
            group=group,
            email=email,
            token_hash=hash_token(token),
            joined_by_code=joined_by_code,
        )
        return participant, token

    @classmethod
    def from_token(cls, token):
        return (
            cls.objects.select_related("assessment", "group")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )


class Response(models.Model):
    """One participant's answer to one statement: a level, or "don't know" (level is null)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    statement_id = models.CharField(max_length=60)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement_id"], name="one_response_per_statement"
            )
        ]

    def __str__(self):
        answer = "don't know" if self.level is None else f"level {self.level}"
        return f"Response to {self.statement_id}: {answer}"

    @property
    def is_dont_know(self):
        return self.level is None

    def clean(self):
        framework = self.participant.assessment.framework
        try:
            framework.statement(self.statement_id)
        except KeyError:
            raise ValidationError(
                {"statement_id": "This statement is not part of the assessment's framework."}
            ) from None
        if self.level is not None and self.level not in framework.scale.values:
            raise ValidationError({"level": "Choose one of the levels on the scale."})


class ConsensusRating(models.Model):
    """The level a workshop agreed for a statement, and where it wants to be in a year.

    `version` goes up by one on every save, so two facilitators editing at once can be told
    apart: a save that names an old version is a conflict, never a silent overwrite.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="consensus_ratings"
    )
    statement_id = models.CharField(max_length=60)
    current_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement_id"], name="one_consensus_per_statement"
            )
        ]

    def __str__(self):
        return f"Consensus on {self.statement_id} (version {self.version})"

    def clean(self):
        values = self.assessment.framework.scale.values
        for field in ("current_level", "target_level"):
            value = getattr(self, field)
            if value is not None and value not in values:
                raise ValidationError({field: "Choose one of the levels on the scale."})
