from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.http import require_POST

from . import ratelimit
from .models import User
from .tokens import sign_in_link_tokens

TOO_MANY = (
    "There have been too many attempts to sign in. Wait {minutes} minutes, then try again. "
    "If you have forgotten your password, ask an organisation admin to send you a sign-in link."
)


def _safe_next(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _too_many_attempts(request):
    """429, before any password is checked, so a blocked attacker learns nothing more."""
    return render(
        request,
        "core/error.jinja",
        {
            "page_title": "Too many attempts to sign in",
            "text": TOO_MANY.format(minutes=ratelimit.window_minutes()),
        },
        status=429,
    )


def sign_in(request):
    if request.method == "POST" and ratelimit.is_blocked(request, request.POST.get("username")):
        return _too_many_attempts(request)
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(_safe_next(request))
    return render(
        request,
        "accounts/sign_in.jinja",
        {"form": form, "next": request.GET.get("next", ""), "page_title": "Sign in"},
        status=200 if not form.errors else 400,
    )


def sign_in_link(request, uidb64, token):
    """A one-time link (printed by `make run`) signs the user in once, then stops working.

    Failed links count against the client like failed passwords, so nobody can try tokens
    at speed."""
    if ratelimit.is_blocked(request):
        return _too_many_attempts(request)
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not sign_in_link_tokens.check_token(user, token):
        ratelimit.record_failure(request)
        return render(
            request,
            "accounts/link_expired.jinja",
            {"page_title": "This sign-in link has expired"},
            status=400,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "You are signed in.")
    return redirect("core:home")


@require_POST
def sign_out(request):
    logout(request)
    return redirect("core:home")
