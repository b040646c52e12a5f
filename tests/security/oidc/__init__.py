"""A real OpenID Connect provider on loopback for the single sign-on tests (see provider.mjs)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwk

PROJECT_DIR = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("provider.mjs")
TENANT = "5f1c3d2e-0000-4000-8000-00000000a11c"
OTHER_TENANT = "9b7a6c5d-0000-4000-8000-0000000b0b00"
ENTRA_CLIENT = "selfassess-entra"
ENTRA_SECRET = "loopback-only-client-secret"
CIS2_CLIENT = "selfassess-cis2"
APP = "http://testserver"


@dataclass
class RunningProvider:
    process: subprocess.Popen
    port: int
    cis2_private_key: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_mode(self, mode: str) -> None:
        """Alter the next ID token (see provider.mjs)."""
        requests.post(f"{self.base}/control", json={"mode": mode}, timeout=5).raise_for_status()

    def sso_settings(self, *, acr_values="AAL2_OR_AAL3_ANY AAL3_ANY", domains=("example.nhs.uk",)):
        return {
            "entra": {
                "authority": self.base,
                "client_id": ENTRA_CLIENT,
                "client_secret": ENTRA_SECRET,
                "tenants": json.dumps(
                    [
                        {
                            "id": TENANT,
                            "name": "NHSmail",
                            "key": "entra-nhsmail",
                            "domains": list(domains),
                        }
                    ]
                ),
            },
            "cis2": {
                "metadata_url": f"{self.base}/cis2/.well-known/openid-configuration",
                "client_id": CIS2_CLIENT,
                "private_key": self.cis2_private_key,
                "acr_values": acr_values,
                "scope": "openid email profile",
            },
        }


def _client_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = jwk.RSAKey.import_key(pem)
    data = public.as_dict(private=False)
    data.update(kid=public.thumbprint(), use="sig", alg="RS512")
    return pem, data


def _client(client_id, key, app, **extra):
    return {
        "client_id": client_id,
        "redirect_uris": [f"{app}/sign-in/sso/{key}/callback/"],
        "post_logout_redirect_uris": [f"{app}/"],
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
        **extra,
    }


def start_provider(app: str = APP) -> RunningProvider:
    """Start the provider, with this service's clients registered for `app` (its origin)."""
    node = shutil.which("node")
    if node is None or not (PROJECT_DIR / "node_modules" / "oidc-provider").exists():
        raise RuntimeError("node and the npm oidc-provider package are needed: run `make setup`")
    pem, public = _client_key()
    config = {
        "providers": [
            {
                "prefix": f"/{TENANT}/v2.0",
                "clients": [
                    _client(
                        ENTRA_CLIENT,
                        "entra-nhsmail",
                        app,
                        client_secret=ENTRA_SECRET,
                        token_endpoint_auth_method="client_secret_basic",
                    )
                ],
            },
            {
                "prefix": "/cis2",
                "acrValues": ["AAL1_USERPASS", "AAL2_OR_AAL3_ANY", "AAL3_ANY"],
                "clients": [
                    _client(
                        CIS2_CLIENT,
                        "cis2",
                        app,
                        token_endpoint_auth_method="private_key_jwt",
                        token_endpoint_auth_signing_alg="RS512",
                        jwks={"keys": [public]},
                    )
                ],
            },
        ]
    }
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [node, str(SCRIPT)],
        cwd=PROJECT_DIR,
        env={**os.environ, "PROVIDER_CONFIG": json.dumps(config)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    match = re.match(r"listening (\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"the test provider did not start: {line!r}")
    return RunningProvider(process, int(match.group(1)), pem)


def stop_provider(provider: RunningProvider) -> None:
    provider.process.stdin.close()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()


class ProviderBrowser:
    """The person's browser at the provider: follows its redirects and fills its sign-in
    form, and hands back the URL the provider sends them to on this service."""

    def __init__(self):
        self.session = requests.Session()

    def follow(self, url, *, form=None):
        for _ in range(12):
            if url.startswith(APP):
                return url
            response = self.session.get(url, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                continue
            action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
            if action is None or form is None:
                return response
            fields = dict(
                re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.text)
            )
            response = self.session.post(
                urljoin(url, action.group(1)),
                data={**fields, **form},
                allow_redirects=False,
                timeout=10,
            )
            url = urljoin(url, response.headers["Location"])
        raise AssertionError("the provider sent the browser round in circles")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
