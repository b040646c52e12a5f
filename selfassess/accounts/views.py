"""Signing in with a password or a one-time link, signing out, and the pages between.

A link's page (GET) only shows a "Sign in" button; pressing it (POST) spends the link. Every
failure page says what to do next in one step: ask for a new link.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from selfassess.core import session_expiry

from . import ratelimit, services, sso, tokens
from .backends import LINK_BACKEND
from .forms import LinkRequestForm, StaySignedInForm

logger = logging.getLogger(__name__)

TOO_MANY = (
    "There have been too many attempts to sign in. Wait {minutes} minutes, then try again. "
    "You can still ask for a sign-in link by email, and any link already sent still works."
)
TOO_MANY_LINKS = (
    "Too many sign-in links have been asked for. Wait {minutes} minutes, then try again. "
    "Any link already sent to you still works."
)
REQUESTED_FOR_KEY = "_link_requested_for"


def safe_next(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _refuse(request, title, text):
    """429, before anything is checked or sent, so a blocked client learns nothing more."""
    return render(request, "core/error.jinja", {"page_title": title, "text": text}, status=429)


def _sign_in_page(request, *, form, link_form, status=200):
    return render(
        request,
        "accounts/sign_in.jinja",
        {
            "form": form,
            "link_form": link_form,
            "providers": sso.providers().values(),
            "next": safe_next(request, ""),
            "page_title": "Sign in",
            "page_error": bool(form.errors or link_form.errors),
        },
        status=status,
    )


def sign_in(request):
    """The sign-in page: a link by email first, then single sign-on, then a password."""
    if request.method == "POST" and ratelimit.is_blocked(request, request.POST.get("username")):
        return _refuse(
            request,
            "Too many attempts to sign in",
            TOO_MANY.format(minutes=ratelimit.window_minutes()),
        )
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        session_expiry.choose(request, stay=request.POST.get("stay_signed_in") == "on")
        return redirect(safe_next(request))
    return _sign_in_page(
        request, form=form, link_form=LinkRequestForm(), status=400 if form.errors else 200
    )


@require_POST
def request_link(request):
    """Email me a sign-in link: the same answer whether or not the address has an account."""
    form = LinkRequestForm(request.POST)
    if not form.is_valid():
        return _sign_in_page(request, form=AuthenticationForm(request), link_form=form, status=400)
    email = form.cleaned_data["email"]
    limit = ratelimit.LINK_REQUESTS
    if ratelimit.is_limited(limit, request, email):
        return _refuse(
            request,
            "Too many sign-in links asked for",
            TOO_MANY_LINKS.format(minutes=ratelimit.window_minutes()),
        )
    ratelimit.count(limit, request, email)
    try:
        services.request_sign_in_link(email=email, base_url=base_url(request))
    except (smtplib.SMTPException, OSError):
        # The same page either way: saying the mail failed only for real accounts would
        # tell who has one. The operator sees it in the log.
        logger.exception("Could not send a sign-in email")
    request.session[REQUESTED_FOR_KEY] = email
    return redirect("accounts:check_email")


def check_email(request):
    return render(
        request,
        "accounts/check_email.jinja",
        {
            "page_title": "Check your email",
            "email": request.session.get(REQUESTED_FOR_KEY, ""),
            "minutes": tokens.minutes_valid(tokens.Purpose.REQUESTED),
        },
    )


def _link_expired(request, status=400):
    return render(
        request,
        "accounts/link_expired.jinja",
        {"page_title": "This sign-in link has expired", "link_form": LinkRequestForm()},
        status=status,
    )


def sign_in_link(request, token):
    """GET shows the button (and spends nothing); POST spends the link and signs in.

    A valid link always works for its owner, however many failed attempts there have been:
    the lockouts count guesses, and a guess is an unknown link. Unknown links count against
    the client, so nobody can try links at speed."""
    link = tokens.link_for(token)
    if link is None:
        if ratelimit.is_limited(ratelimit.LINK_GUESSES, request):
            return _refuse(
                request,
                "Too many attempts to sign in",
                TOO_MANY.format(minutes=ratelimit.window_minutes()),
            )
        ratelimit.count(ratelimit.LINK_GUESSES, request)
        return _link_expired(request)
    if request.method != "POST":
        return render(
            request,
            "accounts/link.jinja",
            {
                "page_title": "Sign in",
                "email": link.user.email,
                "form": StaySignedInForm(),
                "working_day_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
            },
        )
    form = StaySignedInForm(request.POST)
    user = tokens.redeem(token)
    if user is None or not form.is_valid():
        return _link_expired(request)
    login(request, user, backend=LINK_BACKEND)
    session_expiry.choose(request, stay=form.cleaned_data["stay_signed_in"])
    messages.success(request, "You are signed in.")
    return redirect(safe_next(request))


@require_POST
def sign_out(request):
    """Sign out here, and at the identity provider too when single sign-on was used."""
    provider_logout = sso.logout_url(request, base_url(request))
    logout(request)
    if provider_logout:
        return redirect(provider_logout)
    return redirect("core:home")
