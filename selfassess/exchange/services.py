"""Sending, receiving and withdrawing sharing files (see ``files`` for the format).

Sending: ``share_file`` takes an organisation's share to the peer comparison (the frozen
payload its admin chose) and its context, and signs them with an expiry date; the same
summary the file carries is shown on the preview page before anything is downloaded.
Receiving: ``receive`` believes a file only from a trusted sender (``trust``), and keeps the
share until it expires or its sender's signed withdrawal (``withdrawal_file``) arrives.
Everything is logged in the audit log of the organisation concerned.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.core import limits
from selfassess.peers.forms import CONTEXT_ATTRIBUTES
from selfassess.peers.selectors import context_of

from . import files
from .keys import decode_public, public_key_text
from .models import ReceivedShare, SentShare, TrustedSender, Withdrawal

DEFAULT_DAYS = 365
DAYS_MAX = 3 * 365


class NotTrusted(files.FileRefused):
    pass


def _label(name, value) -> str:
    choices = dict(CONTEXT_ATTRIBUTES[name][1].choices)
    return choices.get(value, "not said")


def summary_lines(payload: dict, context: dict, expires_at) -> list[str]:
    """What a sharing file holds, in plain words, for the person about to send or read it."""
    organisation = payload.get("organisation") or {}
    assessment = payload.get("assessment") or {}
    framework = payload.get("framework") or {}
    positions = payload.get("positions") or {}
    scope = payload.get("scope") or {}
    lines = [
        f"A share of {organisation.get('name', 'an organisation')}'s assessment "
        f"{assessment.get('cycle_label', '')} on {framework.get('title', 'a framework')}, "
        "for peer comparison on another deployment of this service.",
        f"It holds the agreed current and target levels of {len(positions)} statements"
        + (" with their rationale" if scope.get("rationale") else ", without the rationale")
        + ".",
    ]
    survey = payload.get("survey")
    if survey:
        lines.append(
            f"It holds survey summaries for the whole organisation for "
            f"{len(survey.get('statements') or {})} statements, from release "
            f"{(survey.get('release') or {}).get('number')}: no group's figures and no comments."
        )
    else:
        lines.append("It holds no survey figures.")
    described = "; ".join(
        f"{label.lower()}: {_label(name, context.get(name, ''))}"
        for name, (label, _) in CONTEXT_ATTRIBUTES.items()
    )
    lines.append(f"Context, for choosing peers: {described}.")
    if expires_at is not None:
        lines.append(
            f"It expires on {expires_at:%d %B %Y}; after that a receiving service refuses it "
            "and drops it from its comparisons."
        )
    lines.append(
        "Receivers show it only within the spread of at least 5 organisations. Nothing else "
        "about the organisation is in the file."
    )
    return lines


def share_body(share, *, days: int = DEFAULT_DAYS, now=None) -> dict:
    """The signed part of a sharing file for ``share`` (not yet signed or recorded)."""
    if not 1 <= days <= DAYS_MAX:
        raise ValueError(f"A sharing file lasts from 1 to {DAYS_MAX} days.")
    now = now or timezone.now()
    expires = now + datetime.timedelta(days=days)
    context = context_of(share.assessment.organisation)
    return {
        "version": files.VERSION,
        "kind": files.SHARE,
        "share_id": str(uuid.uuid4()),
        "issued_at": now.isoformat(),
        "expires_at": expires.isoformat(),
        "summary": summary_lines(share.payload, context, expires),
        "context": context,
        "payload": share.payload,
    }


@transaction.atomic
def share_file(share, *, days: int = DEFAULT_DAYS, actor=None) -> tuple[bytes, dict]:
    """Sign and record a sharing file of ``share``; the file's bytes and its signed part."""
    body = share_body(share, days=days)
    content = files.sign(body)
    organisation = share.assessment.organisation
    SentShare.objects.create(
        share_id=body["share_id"],
        organisation=organisation,
        assessment=share.assessment,
        issued_at=files.moment(body, "issued_at"),
        expires_at=files.moment(body, "expires_at"),
    )
    record(
        organisation=organisation,
        actor=actor,
        action=Action.SHARED,
        summary=(
            f"Signed a sharing file of {share.assessment} for peers on another deployment, "
            f"expiring {files.moment(body, 'expires_at'):%d %B %Y}"
        ),
        details={"share_id": body["share_id"], "assessment": share.assessment_id},
    )
    return content, body


@transaction.atomic
def withdrawal_file(sent: SentShare, *, actor=None) -> bytes:
    """A signed withdrawal of a file this deployment sent; receivers then drop the share."""
    now = timezone.now()
    body = {
        "version": files.VERSION,
        "kind": files.WITHDRAWAL,
        "share_id": sent.share_id,
        "issued_at": now.isoformat(),
        "summary": [
            f"The withdrawal of the sharing file {sent.share_id} of {sent.organisation.name}.",
            "A receiving service that reads it removes that share from every comparison and "
            "refuses the file from then on.",
        ],
    }
    if sent.withdrawn_at is None:
        SentShare.objects.filter(pk=sent.pk).update(withdrawn_at=now)
    record(
        organisation=sent.organisation,
        actor=actor,
        action=Action.SHARE_WITHDRAWN,
        summary=f"Signed the withdrawal of the sharing file {sent.share_id}",
        details={"share_id": sent.share_id},
    )
    return files.sign(body)


def trust(*, name: str, public_key: str) -> TrustedSender:
    """Record a deployment whose files this one believes (its key as `exchange key` shows)."""
    decode_public(public_key)
    name = name.strip()
    if not 1 <= len(name) <= limits.NAME_CHARS_MAX:
        raise ValueError(f"Give the sender a name of 1 to {limits.NAME_CHARS_MAX} characters.")
    if public_key.strip() == public_key_text():
        raise ValueError("That is this deployment's own key; trust other deployments' keys.")
    sender, _ = TrustedSender.objects.update_or_create(
        public_key=public_key.strip(), defaults={"name": name}
    )
    return sender


@dataclass(frozen=True)
class Received:
    kind: str
    sender: TrustedSender
    share_id: str
    summary: list[str]
    again: bool = False


def check(data: bytes, *, now=None) -> tuple[files.Checked, TrustedSender]:
    """Everything short of writing: the file's signature, its sender's trust, its expiry, its
    payload, and whether it was withdrawn. FileRefused says what is wrong."""
    now = now or timezone.now()
    checked = files.check_signature(data)
    sender = TrustedSender.objects.filter(public_key=checked.public_key).first()
    if sender is None:
        raise NotTrusted(
            "The file was signed by a deployment this service does not trust (its public key "
            f"is {checked.public_key}). If you know it, ask its operator to confirm that key, "
            "then record it with `selfassess exchange trust`."
        )
    body = checked.body
    files.moment(body, "issued_at")
    if checked.kind == files.SHARE:
        files.check_expiry(body, now)
        problems = files.payload_problems(body.get("payload"), body.get("context"))
        if problems:
            raise files.FileRefused("The file's share cannot be used: " + " ".join(problems))
        withdrawn = Withdrawal.objects.filter(sender=sender, share_id=checked.share_id).first()
        if withdrawn:
            raise files.FileRefused(
                f"Its sender withdrew this share on {withdrawn.withdrawn_at:%d %B %Y}, so it is "
                "not imported again."
            )
    return checked, sender


@transaction.atomic
def receive(data: bytes, *, actor=None, organisation=None, now=None) -> Received:
    """Import a share or apply a withdrawal; FileRefused (and nothing changed) otherwise."""
    checked, sender = check(data, now=now)
    body = checked.body
    summary = [str(line)[: limits.TEXT_CHARS_MAX] for line in body.get("summary") or []][:20]
    if checked.kind == files.WITHDRAWAL:
        removed, _ = ReceivedShare.objects.filter(sender=sender, share_id=checked.share_id).delete()
        Withdrawal.objects.get_or_create(
            sender=sender,
            share_id=checked.share_id,
            defaults={"withdrawn_at": files.moment(body, "issued_at")},
        )
        record(
            organisation=organisation,
            actor=actor,
            action=Action.SHARE_WITHDRAWN,
            summary=f"Applied {sender.name}'s withdrawal of the sharing file {checked.share_id}",
            details={"share_id": checked.share_id, "removed": removed},
        )
        return Received(files.WITHDRAWAL, sender, checked.share_id, summary)
    _, created = ReceivedShare.objects.update_or_create(
        sender=sender,
        share_id=checked.share_id,
        defaults={
            "issued_at": files.moment(body, "issued_at"),
            "expires_at": files.moment(body, "expires_at"),
            "context": {k: body["context"].get(k, "") for k in CONTEXT_ATTRIBUTES},
            "payload": body["payload"],
            "received_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    record(
        organisation=organisation,
        actor=actor,
        action=Action.IMPORTED,
        summary=f"Imported the sharing file {checked.share_id} from {sender.name} for peers",
        details={"share_id": checked.share_id, "again": not created},
    )
    return Received(files.SHARE, sender, checked.share_id, summary, again=not created)
