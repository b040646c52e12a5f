"""Writing systems, memberships, roles and successions; each change is in the audit log.

Writes take keyword-only arguments so a reader sees at the call what is being set. A refusal
is a ``SystemRefused`` whose message says what to do, shown as it is on the page.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from selfassess.audit.models import Action
from selfassess.audit.services import record
from selfassess.organisations.rules import is_admin

from .models import (
    MemberStatus,
    Share,
    Succession,
    System,
    SystemMember,
    SystemRole,
    SystemRoleName,
)


class SystemRefused(Exception):
    """A change the rules do not allow; the message says why."""


def _both(member: SystemMember, *, actor, action, summary, details):
    for organisation in (member.system.organisation, member.organisation):
        record(
            organisation=organisation, actor=actor, action=action, summary=summary, details=details
        )


@transaction.atomic
def create_system(*, organisation, kind, actor) -> System:
    if System.objects.filter(organisation=organisation).exists():
        raise SystemRefused(f"{organisation.name} already runs a system.")
    system = System.objects.create(organisation=organisation, kind=kind, created_by=actor)
    record(
        organisation=organisation,
        actor=actor,
        action=Action.OTHER,
        summary=f"Set {organisation.name} up as a system ({system.get_kind_display()})",
        details={"system": system.pk},
    )
    return system


def current_membership(system, organisation) -> SystemMember | None:
    return (
        SystemMember.objects.filter(
            system=system,
            organisation=organisation,
            status__in=[MemberStatus.INVITED, MemberStatus.ACTIVE],
        )
        .select_related("system__organisation", "organisation")
        .first()
    )


def invite(*, system, organisation, actor) -> SystemMember:
    """The system's admin invites an organisation; it joins only when its admin accepts."""
    if organisation.pk == system.organisation_id:
        raise SystemRefused("A system cannot be a member of itself.")
    if current_membership(system, organisation) is not None:
        raise SystemRefused(f"{organisation.name} is already invited or a member.")
    try:
        with transaction.atomic():
            member = SystemMember.objects.create(
                system=system, organisation=organisation, invited_by=actor
            )
    except IntegrityError:
        raise SystemRefused(f"{organisation.name} is already invited or a member.") from None
    _both(
        member,
        actor=actor,
        action=Action.OTHER,
        summary=f"{system.name} invited {organisation.name} to be a member",
        details={"system": system.pk, "member": member.pk},
    )
    return member


@transaction.atomic
def accept(member: SystemMember, *, actor) -> SystemMember:
    """The invited organisation's admin accepts: from now on it may share with the system."""
    if member.status != MemberStatus.INVITED:
        raise SystemRefused("Only an invitation that is still open can be accepted.")
    member.status = MemberStatus.ACTIVE
    member.accepted_by = actor
    member.accepted_at = timezone.now()
    member.save(update_fields=["status", "accepted_by", "accepted_at"])
    _both(
        member,
        actor=actor,
        action=Action.OTHER,
        summary=f"{member.organisation.name} joined {member.system.name}",
        details={"system": member.system_id, "member": member.pk},
    )
    return member


@transaction.atomic
def end(member: SystemMember, *, actor) -> int:
    """Either side ends a membership (or declines an invitation). Everything the member
    shared with the system is withdrawn with it; returns how many shares went."""
    if member.status == MemberStatus.ENDED:
        raise SystemRefused("This membership has already ended.")
    from .sharing import withdraw

    shares = list(
        Share.objects.filter(system=member.system, assessment__organisation=member.organisation)
    )
    for each in shares:
        withdraw(each, actor=actor)
    was = member.get_status_display()
    member.status = MemberStatus.ENDED
    member.ended_by = actor
    member.ended_at = timezone.now()
    member.save(update_fields=["status", "ended_by", "ended_at"])
    what = "declined the invitation to" if was == "Invited" else "left"
    _both(
        member,
        actor=actor,
        action=Action.OTHER,
        summary=f"{member.organisation.name} {what} {member.system.name}",
        details={"system": member.system_id, "member": member.pk, "shares": len(shares)},
    )
    return len(shares)


def grant_role(*, system, user, role, actor) -> SystemRole:
    if role not in SystemRoleName.values:
        raise SystemRefused("Choose system lead or system viewer.")
    saved, created = SystemRole.objects.update_or_create(
        system=system, user=user, defaults={"role": role, "granted_by": actor}
    )
    record(
        organisation=system.organisation,
        actor=actor,
        action=Action.ROLE_CHANGED,
        summary=f"Made {user.email} {saved.get_role_display().lower()} of {system.name}",
        details={"system": system.pk, "role": role, "new": created},
    )
    return saved


def remove_role(system_role: SystemRole, *, actor) -> None:
    system, email = system_role.system, system_role.user.email
    system_role.delete()
    record(
        organisation=system.organisation,
        actor=actor,
        action=Action.ROLE_CHANGED,
        summary=f"Removed {email}'s role in {system.name}",
        details={"system": system.pk},
    )


def make_successor(*, predecessor, successor, actor) -> Succession:
    """``successor`` carries on ``predecessor``; only an admin of both may say so."""
    if predecessor.pk == successor.pk:
        raise SystemRefused("An organisation cannot succeed itself.")
    if not (is_admin(actor, predecessor) and is_admin(actor, successor)):
        raise SystemRefused(
            "Only someone who is an admin of both organisations can make one the successor "
            "of the other."
        )
    if Succession.objects.filter(predecessor=predecessor).exists():
        raise SystemRefused(f"{predecessor.name} already has a successor.")
    if _successors_of(successor) & {predecessor.pk}:
        raise SystemRefused(f"{successor.name} is already carried on by {predecessor.name}.")
    succession = Succession.objects.create(
        predecessor=predecessor, successor=successor, made_by=actor
    )
    for organisation in (predecessor, successor):
        record(
            organisation=organisation,
            actor=actor,
            action=Action.OTHER,
            summary=f"{successor.name} now carries on {predecessor.name}",
            details={"predecessor": predecessor.pk, "successor": successor.pk},
        )
    return succession


def _successors_of(organisation) -> set[int]:
    """The organisations that carry ``organisation`` on, directly or further along."""
    seen: set[int] = set()
    current = organisation.pk
    while True:
        nxt = (
            Succession.objects.filter(predecessor_id=current)
            .values_list("successor_id", flat=True)
            .first()
        )
        if nxt is None or nxt in seen:
            return seen
        seen.add(nxt)
        current = nxt
