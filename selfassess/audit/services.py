"""The one way anything is written to the audit log."""

from .models import Action, AuditEvent


def record(
    *, organisation, actor, action: Action, summary: str, details=None, actor_label=None
) -> AuditEvent:
    """Add one row to an organisation's audit log.

    `actor` is a user or None (the command line, the service itself); `summary` is a sentence
    an admin understands; `details` holds ids and counts, never answers or comments.
    `actor_label` names an actor who is not a user (say, "someone at the sign-in page").
    """
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    elif actor_label:
        label = actor_label
    elif actor is None:
        label = "the service"
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=label[:254],
        action=action,
        summary=summary[:500],
        details=details or {},
    )
