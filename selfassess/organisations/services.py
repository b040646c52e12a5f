"""Changes to an organisation and its people, each in one transaction.

The rule that matters most here: an organisation always keeps at least one admin, otherwise
nobody could add people or manage its data again. The check and the change happen in one
transaction with the admin rows locked, so two admins demoting each other at the same moment
cannot both succeed.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from selfassess.audit.models import Action
from selfassess.audit.services import record

from . import policy
from .models import Membership, Organisation, Role


class LastAdminError(Exception):
    def __init__(self):
        super().__init__(
            "An organisation must always have at least one admin. Give someone else the admin "
            "role first, then change or remove this one."
        )


@transaction.atomic
def create_organisation(form, creator) -> Organisation:
    """Save a new organisation and make the person who created it its first admin. Under
    the "approval" sign-up policy it cannot send email until the operator approves it."""
    organisation = form.save(commit=False)
    organisation.awaiting_approval = policy.needs_approval()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=creator, role=Role.ADMIN)
    record(
        organisation=organisation,
        actor=creator,
        action=Action.PERSON_ADDED,
        summary=f"Set up {organisation.name}, becoming its first admin",
        details={"membership_role": Role.ADMIN},
    )
    return organisation


@dataclass(frozen=True)
class AddedPerson:
    membership: Membership
    new_account: bool


@transaction.atomic
def add_person(organisation, email, role, *, actor=None) -> AddedPerson:
    """Give someone a role, creating their account if they have none.

    A new account gets no password: the person signs in with a one-time link sent to their
    own address (see `send_sign_in_link`).
    """
    users = get_user_model()
    user = users.objects.filter(email=email).first()
    new_account = user is None
    if new_account:
        user = users.objects.create_user(email=email, password=None)
    membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    record(
        organisation=organisation,
        actor=actor,
        action=Action.PERSON_ADDED,
        summary=f"Gave {email} the {membership.get_role_display().lower()} role",
        details={"membership": membership.pk, "role": role, "new_account": new_account},
    )
    return AddedPerson(membership, new_account)


def _lock_admins(organisation):
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def change_role(membership, role, *, actor=None):
    admins = _lock_admins(membership.organisation_id)
    if role != Role.ADMIN and admins == [membership.pk]:
        raise LastAdminError
    before = membership.get_role_display().lower()
    if membership.role == role:
        return
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        organisation=membership.organisation,
        actor=actor,
        action=Action.ROLE_CHANGED,
        summary=(
            f"Changed {membership.user.email}'s role from {before} to "
            f"{membership.get_role_display().lower()}"
        ),
        details={"membership": membership.pk, "role": role},
    )


@transaction.atomic
def remove_membership(membership, *, actor=None):
    admins = _lock_admins(membership.organisation_id)
    if admins == [membership.pk]:
        raise LastAdminError
    record(
        organisation=membership.organisation,
        actor=actor,
        action=Action.PERSON_REMOVED,
        summary=(
            f"Took away {membership.user.email}'s {membership.get_role_display().lower()} role"
        ),
        details={"membership": membership.pk},
    )
    membership.delete()


def send_sign_in_link(request, membership, added=False):
    """Email a one-time sign-in link to the person themselves.

    The link goes to their own inbox rather than being shown to the admin, so an admin never
    holds a way into someone else's account. A newly added colleague's email also explains
    what the service is and how to sign in later; both are written and sent by the accounts
    app (`selfassess.accounts.services`), the one place account emails leave from.
    """
    from selfassess.accounts import services as accounts
    from selfassess.mail.door import plain_line

    user, organisation = membership.user, membership.organisation
    name = plain_line(organisation.name)
    base_url = request.build_absolute_uri("/").rstrip("/")
    if added:
        accounts.send_added_email(
            user=user,
            organisation_name=name,
            role_name=membership.get_role_display().lower(),
            base_url=base_url,
        )
    else:
        accounts.send_new_link_email(user=user, organisation_name=name, base_url=base_url)
