"""What one deployment keeps about sharing files: senders it trusts, shares it received from
them, shares it sent, and withdrawals.

A sharing file (see ``selfassess.exchange.files``) carries one share payload of an
organisation on another deployment, signed with that deployment's key. The receiving
deployment believes a file only when its public key is one an operator recorded here as a
``TrustedSender``. A received share joins the peer comparison of this deployment until it
expires or its sender withdraws it; a ``Withdrawal`` is kept so the same file cannot be
imported again after it was withdrawn.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from selfassess.core import limits


class TrustedSender(models.Model):
    name = models.CharField(max_length=limits.NAME_CHARS_MAX)
    public_key = models.CharField(max_length=64, unique=True, help_text="Ed25519, base64.")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ReceivedShare(models.Model):
    """A peer's share read from a signed file: only the payload and the context it chose."""

    sender = models.ForeignKey(TrustedSender, on_delete=models.CASCADE, related_name="shares")
    share_id = models.CharField(max_length=36)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    context = models.JSONField(default=dict)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "share_id"], name="one_received_share")
        ]

    def __str__(self):
        return f"Share {self.share_id} from {self.sender}"


class Withdrawal(models.Model):
    """A share its sender withdrew: never imported again."""

    sender = models.ForeignKey(TrustedSender, on_delete=models.CASCADE, related_name="withdrawn")
    share_id = models.CharField(max_length=36)
    withdrawn_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sender", "share_id"], name="one_withdrawal")
        ]

    def __str__(self):
        return f"Withdrawal of {self.share_id}"


class SentShare(models.Model):
    """A sharing file this deployment signed, so its sender can withdraw it later.

    Only this deployment's key can sign the withdrawal, so the record stays here when the
    organisation's data is exported (see selfassess.reports.orgdata)."""

    moves_with_organisation = False

    share_id = models.CharField(max_length=36, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="sent_shares"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"Sharing file {self.share_id}"
