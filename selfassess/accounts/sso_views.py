"""The pages of single sign-on: start at the provider, come back, and the CIS2 public key."""

import logging
import secrets

import requests
from authlib.common.errors import AuthlibBaseError
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from selfassess.core import session_expiry

from . import sso
from .backends import SSO_BACKEND

logger = logging.getLogger(__name__)

REFUSALS = {
    "tenant": "Your work account belongs to an organisation whose accounts are not set up to "
    "sign in to this service. Sign in with an emailed link instead, or ask the team that runs "
    "the service to add your organisation's accounts.",
    "domain": "Your work account's email address is not one this organisation's accounts can "
    "use here. Sign in with an emailed link instead.",
    "assurance": "Your smartcard or security key sign-in was not at the level this service "
    "needs. Sign in again with your smartcard or a security key.",
    "address": "The sign-in service did not tell us a verified email address for you. Sign in "
    "with an emailed link instead.",
}
NOT_TRUSTED = (
    "The answer from the sign-in service could not be checked, so you have not been signed "
    "in. Try again; if it happens again, sign in with an emailed link and tell the team that "
    "runs the service."
)


def _provider(key):
    provider = sso.providers().get(key)
    if provider is None:
        raise Http404
    return provider


def _callback_uri(request, provider):
    return request.build_absolute_uri(
        reverse("accounts:sso_callback", kwargs={"key": provider.key})
    )


def _problem(request, provider, text, status=400):
    return render(
        request,
        "accounts/sso_problem.jinja",
        {"page_title": "You have not been signed in", "text": text, "provider": provider},
        status=status,
    )


def _unreachable(request, provider):
    logger.exception("Could not reach %s", provider.label)
    return _problem(
        request,
        provider,
        f"{provider.label} could not be reached just now. Try again in a few minutes, or sign "
        "in with an emailed link.",
        status=502,
    )


def _issuer_or_none(provider):
    try:
        return sso.metadata(provider).get("issuer")
    except (requests.RequestException, ValueError):
        return None


@require_POST
def start(request, key):
    from .views import safe_next

    provider = _provider(key)
    try:
        target = sso.authorisation_url(
            request,
            provider,
            redirect_uri=_callback_uri(request, provider),
            next_url=safe_next(request, ""),
            stay=request.POST.get("stay_signed_in") == "on",
        )
    except (requests.RequestException, ValueError, KeyError):
        return _unreachable(request, provider)
    return redirect(target)


def callback(request, key):
    provider = _provider(key)
    pending = request.session.pop(sso.PENDING_KEY, None) or {}
    state = request.GET.get("state", "")
    if pending.get("key") != key or not secrets.compare_digest(
        str(pending.get("state", "")), state
    ):
        return _problem(
            request,
            provider,
            "This sign-in was started in another browser, or took too long. Start again from "
            "the sign-in page.",
        )
    returned_issuer = request.GET.get("iss")
    if returned_issuer is not None and returned_issuer != _issuer_or_none(provider):
        # RFC 9207: an answer naming another issuer is a mix-up attack, or a misconfiguration.
        logger.warning("Refused a sign-in with %s: issuer in the answer", provider.label)
        return _problem(request, provider, NOT_TRUSTED, status=403)
    if request.GET.get("error") or not request.GET.get("code"):
        return _problem(
            request, provider, f"{provider.label} did not sign you in. Start again if you meant to."
        )
    try:
        token = sso.exchange_code(
            provider,
            code=request.GET["code"],
            verifier=pending["verifier"],
            redirect_uri=_callback_uri(request, provider),
        )
        claims = sso.verify_id_token(provider, token.get("id_token", ""), nonce=pending["nonce"])
        address = sso.work_address(provider, claims, token)
    except sso.SignInRefused as refused:
        logger.warning("Refused a sign-in with %s: %s", provider.label, refused)
        return _problem(request, provider, REFUSALS.get(refused.reason, NOT_TRUSTED), status=403)
    except AuthlibBaseError:
        logger.warning("The token endpoint of %s refused the code", provider.label, exc_info=True)
        return _problem(request, provider, NOT_TRUSTED, status=403)
    except (requests.RequestException, ValueError, KeyError):
        return _unreachable(request, provider)
    user = sso.match_user(provider, issuer=claims["iss"], subject=claims["sub"], address=address)
    if user is None:
        return render(
            request,
            "accounts/sso_no_account.jinja",
            {
                "page_title": "You do not have an account yet",
                "address": address,
                "provider": provider,
            },
            status=403,
        )
    login(request, user, backend=SSO_BACKEND)
    request.session[sso.SESSION_KEY] = {"key": provider.key, "id_token": token.get("id_token")}
    session_expiry.choose(request, stay=pending.get("stay", False))
    messages.success(request, "You are signed in.")
    return redirect(pending.get("next") or "core:home")


def cis2_jwks(request):
    """The public key CIS2 checks our signed client assertions against."""
    provider = sso.providers().get("cis2")
    if provider is None:
        raise Http404
    return JsonResponse({"keys": [sso.public_jwk(provider)]})
