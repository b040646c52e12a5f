"""Invitation tokens: long random strings given to a participant, stored only as a hash.

A database leak then reveals no working link. SHA-256 without a salt is enough here because
the token itself has 256 bits of randomness, so there is nothing to guess or look up.
"""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
