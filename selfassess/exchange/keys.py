"""This deployment's signing key: made once, kept in the data directory, readable by no one else.

The key signs every sharing file this deployment sends, so a receiving deployment that
trusts its public key knows where a file came from and that nothing in it changed. It is an
Ed25519 key (``cryptography``, already a dependency of the single sign-on library, and the
one well-kept implementation in the lock file): small keys and signatures, and no parameters
to get wrong. The private key lives in ``SELFASSESS_VAR_DIR/exchange_signing_key`` (PEM,
file mode 0600), created with O_EXCL so two processes starting at once cannot each make one;
back it up with the data directory, since a new key means receivers must trust it again.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

KEY_FILE_NAME = "exchange_signing_key"
BAD_KEY = "A public key is 44 characters of base64, as `selfassess exchange key` prints it."


def key_path() -> Path:
    return Path(settings.VAR_DIR) / KEY_FILE_NAME


def _write_new(path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it first; use theirs
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)


def signing_key() -> Ed25519PrivateKey:
    path = key_path()
    if not path.exists():
        _write_new(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 key")
    return key


def encode_public(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def decode_public(text: str) -> Ed25519PublicKey:
    """A public key as this service writes it (base64 of 32 bytes); ValueError otherwise."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (ValueError, TypeError):
        raise ValueError(BAD_KEY) from None
    if len(raw) != 32:
        raise ValueError(BAD_KEY)
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_text() -> str:
    return encode_public(signing_key().public_key())
