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
