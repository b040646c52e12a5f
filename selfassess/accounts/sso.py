"""Single sign-on with OpenID Connect: Microsoft Entra ID tenants and NHS CIS2.

Single sign-on proves who someone is; it never decides what they may see. That still comes
only from a membership an organisation's admin gave. So a first sign-in matches the verified
work address the provider vouches for to an account an admin added; nobody gets an account
by signing in, and an address nobody added is told to ask an admin.

The flow is the authorisation code flow with PKCE, a `state` tied to this browser's session
and a `nonce` tied to the ID token. The code is exchanged with Authlib's OAuth 2 client
(client secret for Entra ID; a signed key, `private_key_jwt`, for CIS2), and the ID token is
checked here, claim by claim, with joserfc (the JOSE library Authlib is built on), so each
refusal has its own reason in the log and a plain page for the person:
- the signature, against the provider's published keys (fetched again once when a key id
  is unknown, so the provider can rotate keys);
- the issuer is the provider's, the audience is this service (and `azp` when there are
  several), the token is current (`exp`, `iat`, with a minute of leeway for clocks), and the
  nonce is the one this browser was given;
- Entra ID: the tenant (`tid`) is the one the operator configured, and the address is in
  that tenant's configured domains (a tenant vouches only for its own domains);
- CIS2: the assurance level (`acr`) is one the operator asked for.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from joserfc import jwk, jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError, JoseError

from .models import SingleSignOnIdentity

logger = logging.getLogger(__name__)

PENDING_KEY = "_sso_pending"
SESSION_KEY = "_sso"
LEEWAY_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 10
METADATA_SECONDS = 60 * 60
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"]
CLIENT_ASSERTION_ALG = "RS512"  # what CIS2 asks for


@dataclass(frozen=True)
class Provider:
    key: str
    kind: str  # "entra" or "cis2"
    label: str
    metadata_url: str
    client_id: str
    client_secret: str = ""
    private_key: str = ""
    tenant_id: str = ""
    domains: tuple[str, ...] = ()
    acr_values: tuple[str, ...] = ()
    scope: str = "openid email profile"
    extra: dict = field(default_factory=dict, compare=False, hash=False)


class SignInRefused(Exception):
    """The provider's answer cannot be trusted or does not fit; `reason` names why."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


# -- configuration ---------------------------------------------------------------------------


def _entra_tenants(value) -> list[dict]:
    if not value:
        return []
    tenants = json.loads(value) if isinstance(value, str) else value
    if not isinstance(tenants, list) or not all(
        isinstance(t, dict) and t.get("id") and t.get("name") for t in tenants
    ):
        raise ImproperlyConfigured(
            'SELFASSESS_ENTRA_TENANTS must be a JSON list like [{"id": "<tenant id>", '
            '"name": "NHSmail", "domains": ["nhs.net"]}]'
        )
    return tenants


def _read_key(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as error:
        raise ImproperlyConfigured(
            f"SELFASSESS_CIS2_PRIVATE_KEY_FILE {path!r} cannot be read: {error}"
        ) from error


_configured: tuple[dict, dict[str, Provider]] | None = None


def providers() -> dict[str, Provider]:
    """The providers the operator configured, in the order the sign-in page shows them."""
    global _configured
    config = settings.SELFASSESS_SSO
    if _configured is not None and _configured[0] == config:
        return _configured[1]
    found: dict[str, Provider] = {}
    entra = config.get("entra") or {}
    if entra.get("client_id"):
        for tenant in _entra_tenants(entra.get("tenants")):
            key = tenant.get("key") or f"entra-{tenant['id'][:8].lower()}"
            found[key] = Provider(
                key=key,
                kind="entra",
                label=tenant["name"],
                metadata_url=(
                    f"{entra['authority']}/{tenant['id']}/v2.0/.well-known/openid-configuration"
                ),
                client_id=entra["client_id"],
                client_secret=entra.get("client_secret", ""),
                tenant_id=tenant["id"],
                domains=tuple(d.lower().lstrip("@") for d in tenant.get("domains", ())),
                scope="openid email profile",
            )
    cis2 = config.get("cis2") or {}
    if cis2.get("client_id") and cis2.get("metadata_url"):
        key_text = cis2.get("private_key") or _read_key(cis2.get("private_key_file", ""))
        found["cis2"] = Provider(
            key="cis2",
            kind="cis2",
            label=cis2.get("label", "NHS Care Identity Service (smartcard)"),
            metadata_url=cis2["metadata_url"],
            client_id=cis2["client_id"],
            private_key=key_text,
            acr_values=tuple(cis2.get("acr_values", "").split()),
            scope=cis2.get("scope", "openid email profile"),
        )
    _configured = (json.loads(json.dumps(config)), found)
    return found


def provider_key(request) -> str:
    return (request.session.get(SESSION_KEY) or {}).get("key", "")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def form_action_origins() -> tuple[str, ...]:
    """Origins the sign-in and sign-out buttons may end up at: each configured provider's,
    and its authorisation and sign-out endpoints' where already fetched (never fetched here:
    this runs on every response)."""
    origins = []
    for provider in providers().values():
        urls = [provider.metadata_url]
        cached = _documents.get(provider.metadata_url)
        if cached:
            urls += [
                cached[1].get("authorization_endpoint", ""),
                cached[1].get("end_session_endpoint", ""),
            ]
        origins += [o for o in map(_origin, urls) if o]
    return tuple(dict.fromkeys(origins))


# -- the provider's published documents -------------------------------------------------------

_documents: dict[str, tuple[float, dict]] = {}


def _get_json(url: str, *, fresh: bool = False) -> dict:
    cached = _documents.get(url)
    if cached and not fresh and time.monotonic() - cached[0] < METADATA_SECONDS:
        return cached[1]
    response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)
    response.raise_for_status()
    document = response.json()
    _documents[url] = (time.monotonic(), document)
    return document


def metadata(provider: Provider) -> dict:
    return _get_json(provider.metadata_url)


def _keys(meta: dict, *, fresh: bool = False) -> jwk.KeySet:
    return jwk.KeySet.import_key_set(_get_json(meta["jwks_uri"], fresh=fresh))


# -- starting ---------------------------------------------------------------------------------


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorisation_url(request, provider: Provider, *, redirect_uri: str, next_url: str, stay):
    meta = metadata(provider)
    pending = {
        "key": provider.key,
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(48),
        "next": next_url,
        "stay": bool(stay),
    }
    request.session[PENDING_KEY] = pending
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": provider.scope,
        "state": pending["state"],
        "nonce": pending["nonce"],
        "code_challenge": _challenge(pending["verifier"]),
        "code_challenge_method": "S256",
    }
    # Entra ID: let people with several work accounts choose. Sent unless the provider lists
    # the prompts it knows and this is not one (Entra ID does not list them).
    supported = meta.get("prompt_values_supported")
    if provider.kind == "entra" and (supported is None or "select_account" in supported):
        params["prompt"] = "select_account"
    if provider.acr_values:
        params["acr_values"] = " ".join(provider.acr_values)
    return f"{meta['authorization_endpoint']}?{urlencode(params)}"


# -- finishing --------------------------------------------------------------------------------


def public_jwk(provider: Provider) -> dict:
    """The public half of the client's signing key, as the JWKS endpoint publishes it."""
    private = jwk.RSAKey.import_key(provider.private_key)
    public = jwk.RSAKey.import_key(private.as_dict(private=False))
    data = public.as_dict(private=False)
    data.update(kid=public.thumbprint(), use="sig", alg=CLIENT_ASSERTION_ALG)
    return data


def exchange_code(provider: Provider, *, code: str, verifier: str, redirect_uri: str) -> dict:
    """The token endpoint's answer: an ID token and an access token."""
    meta = metadata(provider)
    endpoint = meta["token_endpoint"]
    if provider.kind == "cis2":
        session = OAuth2Session(
            provider.client_id,
            provider.private_key,
            token_endpoint_auth_method="private_key_jwt",  # noqa: S106 - a method name
            redirect_uri=redirect_uri,
        )
        session.register_client_auth_method(
            PrivateKeyJWT(
                endpoint,
                headers={"kid": public_jwk(provider)["kid"]},
                alg=CLIENT_ASSERTION_ALG,
            )
        )
    else:
        session = OAuth2Session(
            provider.client_id, provider.client_secret, redirect_uri=redirect_uri
        )
    with session:
        return dict(
            session.fetch_token(
                endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=verifier,
                timeout=HTTP_TIMEOUT_SECONDS,
            )
        )


def _now() -> int:
    return int(time.time())


def _decode(raw: str, meta: dict):
    try:
        return jwt.decode(raw, _keys(meta), algorithms=ALGORITHMS)
    except BadSignatureError as error:
        raise SignInRefused("signature", "the ID token's signature does not verify") from error
    except (JoseError, ValueError):
        # Perhaps a key the provider has just rotated in: fetch its keys once more.
        try:
            return jwt.decode(raw, _keys(meta, fresh=True), algorithms=ALGORITHMS)
        except BadSignatureError as error:
            raise SignInRefused("signature", "the ID token's signature does not verify") from error
        except (JoseError, ValueError) as error:
            raise SignInRefused("malformed", f"the ID token cannot be read: {error}") from error


def verify_id_token(provider: Provider, raw: str, *, nonce: str) -> dict:
    """The ID token's claims, or SignInRefused saying which check failed."""
    meta = metadata(provider)
    if not isinstance(raw, str) or not raw:
        raise SignInRefused("malformed", "no ID token in the token response")
    claims = _decode(raw, meta).claims
    if claims.get("iss") != meta.get("issuer"):
        raise SignInRefused("issuer", f"issuer {claims.get('iss')!r}")
    audiences = claims.get("aud")
    audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
    if provider.client_id not in audiences:
        raise SignInRefused("audience", f"audience {audiences!r}")
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise SignInRefused("audience", f"authorised party {claims.get('azp')!r}")
    registry = jwt.JWTClaimsRegistry(
        now=_now,
        leeway=LEEWAY_SECONDS,
        exp={"essential": True},
        iat={"essential": True},
        sub={"essential": True},
    )
    try:
        registry.validate(claims)
    except ExpiredTokenError as error:
        raise SignInRefused("expired", "the ID token has expired") from error
    except JoseError as error:
        raise SignInRefused("claims", str(error)) from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise SignInRefused("nonce", "the nonce is not the one this browser was given")
    if provider.kind == "entra" and claims.get("tid") != provider.tenant_id:
        raise SignInRefused("tenant", f"tenant {claims.get('tid')!r} is not configured")
    if provider.acr_values and claims.get("acr") not in provider.acr_values:
        raise SignInRefused("assurance", f"assurance level {claims.get('acr')!r}")
    return claims


def _userinfo(meta: dict, access_token: str) -> dict:
    response = requests.get(
        meta["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=HTTP_TIMEOUT_SECONDS,
    )
    response.raise_for_status()
    return response.json()


def work_address(provider: Provider, claims: dict, token: dict) -> str:
    """The verified work address the provider vouches for, in lower case."""
    found = dict(claims)
    if provider.kind == "cis2" and not found.get("email") and token.get("access_token"):
        meta = metadata(provider)
        if meta.get("userinfo_endpoint"):
            info = _userinfo(meta, token["access_token"])
            if info.get("sub") != claims.get("sub"):
                raise SignInRefused("userinfo", "userinfo is about someone else")
            found.update({k: v for k, v in info.items() if k in ("email", "email_verified")})
    address = found.get("email") or ""
    if provider.kind == "entra" and "@" not in address:
        address = found.get("preferred_username") or ""
    address = address.strip().lower()
    if "@" not in address:
        raise SignInRefused("address", "the provider gave no email address")
    if found.get("email_verified") is False:
        raise SignInRefused("address", "the provider says the address is not verified")
    if provider.domains and address.rsplit("@", 1)[1] not in provider.domains:
        raise SignInRefused("domain", f"{address.rsplit('@', 1)[1]} is not this tenant's")
    return address


def match_user(provider: Provider, *, issuer: str, subject: str, address: str):
    """The account this identity signs in to: the one it signed in to before, or the active
    account an admin added with this address. None when there is neither."""
    identity = (
        SingleSignOnIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        if not identity.user.is_active:
            return None
        identity.last_used_at = timezone.now()
        identity.save(update_fields=["last_used_at"])
        return identity.user
    user = get_user_model().objects.filter(email__iexact=address, is_active=True).first()
    if user is not None:
        SingleSignOnIdentity.objects.create(
            user=user,
            provider=provider.key,
            issuer=issuer,
            subject=subject,
            last_used_at=timezone.now(),
        )
    return user


def logout_url(request, base_url: str) -> str:
    """Where to send the browser so the provider signs the person out too ('' if nowhere)."""
    remembered = request.session.get(SESSION_KEY) or {}
    provider = providers().get(remembered.get("key", ""))
    if provider is None:
        return ""
    try:
        endpoint = metadata(provider).get("end_session_endpoint")
    except (requests.RequestException, ValueError):
        logger.warning("Could not reach %s to sign out there", provider.label)
        return ""
    if not endpoint:
        return ""
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": base_url + reverse("core:home"),
    }
    if remembered.get("id_token"):
        params["id_token_hint"] = remembered["id_token"]
    return f"{endpoint}?{urlencode(params)}"
