"""Pages for two factors: give a code, set up an authenticator, manage it, and an
organisation admin's choice to require it."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from selfassess.audit.models import Action
from selfassess.audit.services import record

from . import ratelimit, two_factor
from .forms import CodeForm, RequireTwoFactorForm
from .models import OrganisationSignInPolicy
from .views import safe_next

CODE_GUESSES = ratelimit.Limit("second-factor", per_address=5, per_client=20)


def _code_page(request, form, status=200):
    return render(
        request,
        "accounts/two_factor.jinja",
        {
            "page_title": "Enter the code from your authenticator app",
            "page_error": bool(form.errors),
            "form": form,
            "next": safe_next(request, ""),
        },
        status=status,
    )


@login_required
def code(request):
    """The second step of signing in."""
    if not two_factor.is_pending(request):
        return redirect(safe_next(request))
    if not two_factor.has_authenticator(request.user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method != "POST":
        return _code_page(request, form)
    email = request.user.email
    if ratelimit.is_limited(CODE_GUESSES, request, email):
        form.is_valid()
        form.add_error(
            None,
            f"Too many wrong codes. Wait {ratelimit.window_minutes()} minutes, then try again.",
        )
        return _code_page(request, form, status=429)
    device = match_token(request.user, form.cleaned_data["code"]) if form.is_valid() else None
    if device is None:
        ratelimit.count(CODE_GUESSES, request, email)
        if not form.errors:
            form.add_error("code", "The code is not right. Enter the code your app shows now")
        return _code_page(request, form, status=400)
    ratelimit.forget_address(CODE_GUESSES, email)
    otp_login(request, device)
    if device.persistent_id.startswith("otp_static"):
        left = two_factor.recovery_codes_left(request.user)
        messages.warning(
            request,
            f"You used a recovery code. You have {left} left: make new ones from "
            "your two-factor settings if you are running out.",
        )
    return redirect(safe_next(request))


def _qr_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000000")


@login_required
def setup(request):
    """Scan a QR code (or type the key), then prove it with a code."""
    device = two_factor.pending_authenticator(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_authenticator(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.jinja",
                {
                    "page_title": "Two factors are on: keep your recovery codes",
                    "codes": codes,
                    "next": safe_next(request, ""),
                },
            )
        form.add_error("code", "The code is not right. Enter the code your app shows now")
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/two_factor_setup.jinja",
        {
            "page_title": "Set up two factors",
            "page_error": bool(form.errors),
            "form": form,
            "qr": _qr_svg(device),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": two_factor.is_pending(request),
            "next": safe_next(request, ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
def settings_page(request):
    user = request.user
    return render(
        request,
        "accounts/two_factor_settings.jinja",
        {
            "page_title": "Two-factor authentication",
            "is_on": two_factor.has_authenticator(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "may_turn_off": two_factor.may_turn_off(user),
            "required_by_organisation": two_factor.required_by_organisation(user),
        },
    )


@require_POST
@login_required
def new_recovery_codes(request):
    if not two_factor.has_authenticator(request.user):
        return redirect("accounts:two_factor_settings")
    codes = two_factor.new_recovery_codes(user=request.user)
    return render(
        request,
        "accounts/recovery_codes.jinja",
        {"page_title": "Your new recovery codes", "codes": codes, "next": ""},
    )


@require_POST
@login_required
def turn_off(request):
    if not two_factor.may_turn_off(request.user):
        messages.warning(request, "Your role or your organisation needs two factors: they stay on.")
        return redirect("accounts:two_factor_settings")
    two_factor.turn_off(user=request.user)
    messages.success(request, "Two factors are off.")
    return redirect("accounts:two_factor_settings")


@login_required
def organisation_policy(request, pk):
    """An organisation admin requires two factors for the organisation's members."""
    from selfassess.organisations.views import MANAGE, organisation_requiring

    organisation = organisation_requiring(request.user, pk, MANAGE)
    policy, _ = OrganisationSignInPolicy.objects.get_or_create(organisation=organisation)
    form = RequireTwoFactorForm(
        request.POST or None, initial={"require_two_factor": policy.require_two_factor}
    )
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["require_two_factor"]
        if wanted != policy.require_two_factor:
            policy.require_two_factor = wanted
            policy.save(update_fields=["require_two_factor", "updated_at"])
            record(
                organisation=organisation,
                actor=request.user,
                action=Action.OTHER,
                summary="Required two factors for members"
                if wanted
                else "Stopped requiring two factors for members",
                details={"require_two_factor": wanted},
            )
        messages.success(
            request,
            "Members must now use two factors when they sign in."
            if wanted
            else "Two factors are now each member's own choice (admins still need them "
            "with a password).",
        )
        return redirect("accounts:organisation_policy", organisation.pk)
    return render(
        request,
        "accounts/organisation_policy.jinja",
        {
            "page_title": f"Sign-in settings for {organisation.name}",
            "organisation": organisation,
            "form": form,
            "policy": policy,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": organisation.name, "href": f"/organisations/{organisation.pk}/"},
                {"text": "Sign-in settings", "href": ""},
            ],
        },
    )
