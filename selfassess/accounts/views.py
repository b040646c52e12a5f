from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.http import require_POST

from .models import User
from .tokens import sign_in_link_tokens


def _safe_next(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def sign_in(request):
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
    """A one-time link (printed by `make run`) signs the user in once, then stops working."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not sign_in_link_tokens.check_token(user, token):
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
