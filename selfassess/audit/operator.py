"""What the operator does to an organisation's data in the Django admin, told to that
organisation.

The operator (a superuser) can change anything from the admin: make themself a member of an
organisation, change someone's role or password, edit or delete an assessment. Nothing here
stops them (running the service sometimes needs it), but nothing is done silently either:
every addition, change and deletion the admin makes to an organisation's data is written to
that organisation's audit log and emailed to its admins. The admin's own change message says
what changed (fields and inline rows), so that is what the log and the email say.

The email leaves after the change is committed (nothing is sent for a change that failed),
through the accounts app's one sending function.
"""

import json
import logging
import smtplib

from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.urls import reverse

from selfassess.accounts.mail import send_account_email

from .models import Action
from .services import record

logger = logging.getLogger(__name__)


def _said(message) -> str:
    """The admin's change message as a sentence ("Changed Role." and so on)."""
    if not isinstance(message, str):
        message = json.dumps(message)
    return LogEntry(change_message=message).get_change_message() or "No fields changed."


def _admin_emails(organisation) -> list[str]:
    from selfassess.organisations.models import Role

    return sorted(
        organisation.memberships.filter(role=Role.ADMIN).values_list("user__email", flat=True)
    )


def _email_admins(request, organisation_name, recipients, summary, log_path):
    where = f"\n\nIt is in your organisation's audit log: {log_path}" if log_path else ""
    body = (
        f"The operator of this service ({request.user.get_username()}) made a change to "
        f"{organisation_name}'s data from the service's admin site:\n\n{summary}{where}\n\n"
        "If you did not expect this, ask the operator why."
    )
    for to in recipients:
        try:
            send_account_email(
                to=to, subject=f"The operator changed {organisation_name}'s data", body=body
            )
        except (smtplib.SMTPException, OSError):
            logger.exception("Could not tell an organisation's admin about an operator change")


def tell_organisation(request, organisation, summary, details, *, deleted=False):
    """Log an operator action against `organisation` and email its admins once committed.

    When the organisation itself is being deleted its log goes with it, so the row is kept in
    the service-wide log (no organisation) and the admins, read before the deletion, are
    still told."""
    recipients = [to for to in _admin_emails(organisation) if to != request.user.email]
    name = organisation.name
    record(
        organisation=None if deleted else organisation,
        actor=request.user,
        action=Action.OPERATOR,
        summary=f"The operator: {summary}",
        details={"organisation": organisation.pk, **details},
    )
    log_path = (
        "" if deleted else request.build_absolute_uri(reverse("audit:log", args=[organisation.pk]))
    )
    transaction.on_commit(lambda: _email_admins(request, name, recipients, summary, log_path))


def _describe(obj) -> str:
    user = getattr(obj, "user", None)
    if user is not None and getattr(obj, "get_role_display", None):
        return f"{user.email} as {obj.get_role_display().lower()}"
    return str(obj)


class OperatorActionsAreTold:
    """A ModelAdmin mixin: every logged admin action on an object is told to the
    organisations it belongs to (`organisations_of`)."""

    def organisations_of(self, obj):
        """The organisations to tell: by default the one the object belongs to. An admin
        whose objects are organisations, or people in several, says so by overriding this."""
        return [obj.organisation]

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's message names inline rows by ``str()``; a membership's says a person's
        name, not who they are, so name each row by its account's address instead."""
        message = super().construct_change_message(request, form, formsets, add)
        rows = [
            obj
            for formset in formsets or []
            for obj in [
                *formset.new_objects,
                *(changed for changed, _fields in formset.changed_objects),
                *formset.deleted_objects,
            ]
        ]
        entries = [entry for entry in message if set(entry) & {"added", "changed", "deleted"}]
        entries = [e for e in entries if "object" in next(iter(e.values()))]
        for entry, obj in zip(entries, rows, strict=False):
            next(iter(entry.values()))["object"] = _describe(obj)
        return message

    def _tell(self, request, obj, verb, message=None, *, deleted_organisation=None):
        model = obj._meta.verbose_name
        said = f" {_said(message)}" if message is not None else ""
        summary = f"{verb} the {model} “{_describe(obj)}”.{said}"
        details = {"model": obj._meta.label_lower, "object": obj.pk}
        for organisation in self.organisations_of(obj):
            tell_organisation(
                request,
                organisation,
                summary,
                details,
                deleted=organisation.pk == deleted_organisation,
            )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._tell(request, obj, "Added", message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._tell(request, obj, "Changed", message)
        return entry

    def log_deletions(self, request, queryset):
        from selfassess.organisations.models import Organisation

        for obj in queryset:
            deleted = obj.pk if isinstance(obj, Organisation) else None
            self._tell(request, obj, "Deleted", deleted_organisation=deleted)
        return super().log_deletions(request, queryset)
