"""Finding a system for a visitor: 404 for anyone with nothing to do with it, 403 for those who
know it (its organisation's people, its members' people, its leads) but lack the role."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import System


def system_for(user, pk, perm) -> System:
    system = get_object_or_404(System.objects.select_related("organisation"), pk=pk)
    if not user.has_perm("systems.see_system_page", system) and not user.has_perm(
        "organisations.view_organisation", system.organisation
    ):
        raise Http404
    if not user.has_perm(perm, system):
        raise PermissionDenied
    return system


def crumbs(system, *tail):
    return [
        {"text": "Home", "href": "/"},
        {"text": "Systems", "href": "/systems/"},
        {"text": system.name, "href": f"/systems/{system.pk}/" if tail else ""},
        *tail,
    ]
