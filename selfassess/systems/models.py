"""Systems, their members, and what each member chose to share with them.

A *system* is an organisation that brings others together to learn: an integrated care board,
a provider collaborative or a regional learning network. It is an ordinary organisation (with
its own people, roles and assessments) plus a ``System`` record saying what kind of system it
is. Its *members* are other organisations; a membership needs both sides, so the system's
admin invites and the member's admin accepts, and either side can end it.

A person's role in a system (``SystemRole``: lead or viewer) is separate from their roles in
its members: a system lead sees what members shared, never a member's own pages.

Nothing of a member reaches the system unless the member's admin shares it: a ``Share`` is a
frozen, dated copy of one assessment (``payload``, built only by
``selfassess.systems.sharing.build_share_payload``, which documents its shape), for one
audience: a system, or "peers" (the peer comparison). Sharing again replaces the copy;
withdrawing deletes the row, so it leaves every view at once. ``LearningNote`` is a note a
member writes beside a share for other members; it goes when the share goes.

``Succession`` says one organisation carries on another after a reorganisation, so its
earlier cycles join the successor's trend and system views, with the join marked.

None of these rows moves with an organisation's export to another deployment
(``moves_with_organisation = False``, read by ``selfassess.reports.orgdata``): each links
organisations of this deployment, which the other one does not have. Sharing across
deployments is what sharing files are for.

The system's kind is kept here rather than as a new organisation type, so an organisation of
any type (an ICB, or "other" for a collaborative) can run a system, and the organisations
app's types stay about what an organisation is, not what it convenes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from selfassess.core import limits


class SystemKind(models.TextChoices):
    ICB = "icb", "Integrated care board"
    PROVIDER_COLLABORATIVE = "provider_collaborative", "Provider collaborative"
    LEARNING_NETWORK = "learning_network", "Regional learning network"


class System(models.Model):
    moves_with_organisation = False

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="system"
    )
    kind = models.CharField(max_length=32, choices=SystemKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SystemKind.values), name="system_kind_known"
            )
        ]

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class MemberStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Member"
    ENDED = "ended", "Ended"


class SystemMember(models.Model):
    """One organisation's membership of one system, from invitation to its end.

    An ended membership stays as a record of who was a member when; a new invitation after
    it is a new row. At most one row per pair is invited or active (a database constraint).
    """

    moves_with_organisation = False

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="system_memberships"
    )
    status = models.CharField(
        max_length=8, choices=MemberStatus.choices, default=MemberStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "-invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "organisation"],
                condition=models.Q(status__in=["invited", "active"]),
                name="one_current_membership_per_system",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MemberStatus.values),
                name="system_member_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.system} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE


class SystemRoleName(models.TextChoices):
    LEAD = "lead", "System lead"
    VIEWER = "viewer", "System viewer"


class SystemRole(models.Model):
    """A person's role in a system, granted by the system organisation's admins."""

    moves_with_organisation = False

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="system_roles"
    )
    role = models.CharField(max_length=8, choices=SystemRoleName.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(fields=["system", "user"], name="one_system_role_per_person"),
            models.CheckConstraint(
                condition=models.Q(role__in=SystemRoleName.values), name="system_role_known"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.system})"


class Audience(models.TextChoices):
    SYSTEM = "system", "A system"
    PEERS = "peers", "Peer comparison"


class Share(models.Model):
    """What one assessment shows one audience: a frozen copy, replaced when shared again.

    ``payload`` is the whole of what the audience may see, built by
    ``sharing.build_share_payload`` (see its docstring for the shape); views read the payload
    and nothing else of the member. ``rationale`` and ``survey`` record the scope chosen.
    """

    moves_with_organisation = False

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="shares"
    )
    audience = models.CharField(max_length=8, choices=Audience.choices)
    system = models.ForeignKey(
        System, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    rationale = models.BooleanField(default=False, help_text="Agreed positions' rationale.")
    survey = models.BooleanField(default=False, help_text="Released survey summaries.")
    release_number = models.PositiveIntegerField(
        null=True, blank=True, help_text="The release the survey figures were copied from."
    )
    payload = models.JSONField()
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessment", "audience", "system"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "system"],
                condition=models.Q(audience="system"),
                name="one_share_per_assessment_and_system",
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=models.Q(audience="peers"),
                name="one_peer_share_per_assessment",
            ),
            models.CheckConstraint(
                condition=(models.Q(audience="system") & models.Q(system__isnull=False))
                | (models.Q(audience="peers") & models.Q(system__isnull=True)),
                name="share_audience_matches_system",
            ),
        ]

    def __str__(self):
        to = self.system if self.audience == Audience.SYSTEM else "peers"
        return f"Share of {self.assessment} with {to}"


class LearningNote(models.Model):
    """What has worked for an organisation on one statement, written for other members.

    Written by the member's own people for sharing; never taken from participants' comments.
    """

    moves_with_organisation = False

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="notes")
    statement_id = models.CharField(max_length=limits.ID_CHARS_MAX)
    text = models.TextField(max_length=limits.LEARNING_NOTE_CHARS_MAX)
    contact_role = models.CharField(max_length=limits.CONTACT_ROLE_CHARS_MAX)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["share", "statement_id"]
        constraints = [
            models.UniqueConstraint(fields=["share", "statement_id"], name="one_note_per_statement")
        ]

    def __str__(self):
        return f"Learning note on {self.statement_id}"


class Succession(models.Model):
    """``successor`` carries on ``predecessor`` after a reorganisation (a merger, say).

    Made by someone who is an admin of both. The predecessor's cycles then appear in the
    successor's trend and system views, marked as the predecessor's.
    """

    moves_with_organisation = False

    predecessor = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="succeeded_by"
    )
    successor = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="predecessors"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="succession_not_to_itself",
            )
        ]

    def __str__(self):
        return f"{self.successor} succeeds {self.predecessor}"
