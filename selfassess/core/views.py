from django.db.models import Count
from django.shortcuts import render

from selfassess.organisations.models import Membership


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/welcome.jinja", {"page_title": "Home"})
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .annotate(
            assessment_count=Count("organisation__assessments", distinct=True),
        )
        .order_by("organisation__name")
    )
    return render(
        request, "core/home.jinja", {"page_title": "Your organisations", "memberships": memberships}
    )


def about(request):
    return render(request, "core/about.jinja", {"page_title": "About this service"})


def privacy(request):
    return render(request, "core/privacy.jinja", {"page_title": "Privacy and data"})


def accessibility(request):
    return render(request, "core/accessibility.jinja", {"page_title": "Accessibility statement"})


def _error(request, status, title, text):
    return render(request, "core/error.jinja", {"page_title": title, "text": text}, status=status)


def not_found(request, exception=None):
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct. If you followed a link, it may be "
        "out of date, or the page may belong to an organisation you are not a member of.",
    )


def forbidden(request, exception=None):
    return _error(
        request,
        403,
        "You do not have permission to do this",
        "Your role in this organisation does not allow this. Ask an organisation admin if you "
        "need a different role.",
    )


def server_error(request):
    return _error(
        request,
        500,
        "Sorry, there is a problem with the service",
        "Try again shortly. Your answers and data are saved; nothing you submitted before this "
        "page appeared has been lost.",
    )


def signed_out(request):
    """ "You were signed out because you were away": why, and one button to sign in again.

    The button matches how the person signed in last time: their identity provider for single
    sign-on, otherwise a new link to their address (which works even if password attempts
    are locked)."""
    from django.conf import settings

    from selfassess.accounts import sso
    from selfassess.accounts.views import safe_next

    from .session_expiry import SIGNED_OUT_KEY

    remembered = request.session.get(SIGNED_OUT_KEY) or {}
    provider = sso.providers().get(remembered.get("provider") or "")
    return render(
        request,
        "core/signed_out.jinja",
        {
            "page_title": "You have been signed out",
            "reason": remembered.get("reason", ""),
            "email": remembered.get("email", ""),
            "provider": provider,
            "next": safe_next(request, ""),
            "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
            "day_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        },
    )
