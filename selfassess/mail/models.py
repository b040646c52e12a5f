"""The outbox: one row per email the service means to send, and what became of it.

A row is written in the same transaction as whatever the email is about (the people an
invitation list creates, say), so an email is never promised without being recorded, and
never recorded for people who were not created. The background worker sends it and writes
down the outcome here, which is how a facilitator sees who was not reached and why.

An email about a participant keeps no address, subject or body: those are written from the
participant when it is sent (see `selfassess.assessments.invitations.compose`), so the outbox
holds no copy of an address that is removed when an assessment is completed, and no link.
"""

from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Not sent"


class Composer(models.TextChoices):
    """Who writes the email at send time. A plain message is written when it is queued."""

    PLAIN = "", "Written when queued"
    PARTICIPANT = "participant", "An invitation or reminder to a participant"


class Purpose(models.TextChoices):
    MESSAGE = "message", "Message"
    INVITATION = "invitation", "Invitation"
    REMINDER = "reminder", "Reminder"


class OutboundEmail(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbound_emails",
        help_text="The organisation on whose behalf it is sent; counts against its limits.",
    )
    participant = models.ForeignKey(
        "assessments.Participant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    composer = models.CharField(max_length=16, choices=Composer.choices, blank=True)
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.MESSAGE)
    # The address the service is reached at, for links written at send time.
    base_url = models.CharField(max_length=200, blank=True)
    # A plain message only; for a participant these are written at send time.
    to = models.EmailField(blank=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)

    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["organisation", "created_at"], name="mail_org_created")]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.pk} ({self.get_status_display()})"
