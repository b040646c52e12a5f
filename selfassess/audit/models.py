"""The audit log: what was done to an organisation's data, by whom, and when.

Rows are only ever added. An organisation's admins read its log; the operator's actions on an
organisation are logged against that organisation too, so nothing done to its data is hidden
from it. The log says what happened in words and keeps the facts (ids, counts) as JSON, never
the answers themselves.
"""

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    ROLE_CHANGED = "role_changed", "Changed a role"
    PERSON_ADDED = "person_added", "Added a person"
    PERSON_REMOVED = "person_removed", "Removed a person"
    RESULTS_RELEASED = "results_released", "Released results"
    EXPORTED = "exported", "Exported data"
    IMPORTED = "imported", "Imported data"
    IMPORT_UNDONE = "import_undone", "Undid an import"
    DELETED = "deleted", "Deleted data"
    SHARED = "shared", "Shared results"
    SHARE_WITHDRAWN = "share_withdrawn", "Withdrew a share"
    COMMENT_WITHHELD = "comment_withheld", "Withheld a comment"
    EMAILS_DETACHED = "emails_detached", "Detached email addresses"
    OPERATOR = "operator", "Operator action"
    OTHER = "other", "Other"


class AuditEvent(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="audit_events",
        null=True,
        blank=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    # Kept as text as well, so the log still says who acted after an account is deleted.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The log page reads one organisation's newest events a page at a time.
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_newest_first")
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.summary}"
