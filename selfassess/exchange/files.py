"""Sharing files: one share payload, readable by a person, signed by the deployment that sent it.

Organisations on separate deployments learn from each other without any central collection:
one deployment writes a file holding only what its organisation chose to share (the share
payload, ``selfassess.systems.sharing.build_share_payload``, plus the context it describes
for choosing peers), a person can read it before sending it, and the receiving deployment
checks it before believing a word.

The file is indented JSON::

    {
      "format": "selfassess-sharing-file",
      "signed": {                       # everything the signature covers
        "version": 1,
        "kind": "share" | "withdrawal",
        "share_id": uuid,               # the same in a share and its withdrawal
        "issued_at": ISO 8601, "expires_at": ISO 8601 (a share only),
        "sender": {"public_key": base64},
        "summary": [str, ...],          # what the file holds, in plain words
        "context": {attribute: value},  # a share only
        "payload": {...}                # a share only: the share payload, unchanged
      },
      "signature": {"algorithm": "Ed25519", "public_key": base64, "value": base64}
    }

The signature is over the *canonical* form of ``signed`` (keys sorted, no spaces, UTF-8), so
re-indenting the file does not break it but changing any value does. A receiver believes a
file only when (in this order, each refusal saying what to do) it is within the size and
nesting limits of ``selfassess.core.limits``, it has this shape, its public key is one the
receiver trusts, the signature holds, it has not expired, and its payload is one this
service could have built (levels, ids and texts within the limits).
"""

from __future__ import annotations

import base64
import datetime
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.utils import timezone

from selfassess.core import limits

from .keys import decode_public, encode_public, signing_key

FORMAT = "selfassess-sharing-file"
VERSION = 1
SHARE = "share"
WITHDRAWAL = "withdrawal"
CONTEXT_CHARS_MAX = 32


class FileRefused(Exception):
    """A sharing file this deployment will not believe; the message says why and what to do."""


def canonical(body: dict) -> bytes:
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def sign(body: dict) -> bytes:
    """The whole file for ``body``, signed with this deployment's key."""
    key = signing_key()
    public = encode_public(key.public_key())
    body = {**body, "sender": {"public_key": public}}
    signature = base64.b64encode(key.sign(canonical(body))).decode()
    document = {
        "format": FORMAT,
        "signed": body,
        "signature": {"algorithm": "Ed25519", "public_key": public, "value": signature},
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


@dataclass(frozen=True)
class Checked:
    """A file whose signature holds and whose shape is right: not yet checked for trust."""

    public_key: str
    body: dict

    @property
    def kind(self) -> str:
        return self.body["kind"]

    @property
    def share_id(self) -> str:
        return self.body["share_id"]


def _depth_problem(document: Any) -> bool:
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > limits.JSON_DEPTH_MAX:
            return True
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
    return False


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number a sharing file holds")


def parse(data: bytes) -> dict:
    """The file's JSON document, or FileRefused for a file that is too big, not JSON, too
    deep or not a sharing file."""
    if len(data) > limits.SHARE_FILE_BYTES_MAX:
        raise FileRefused(
            f"The file is larger than {limits.SHARE_FILE_BYTES_MAX // (1024 * 1024)} MB, "
            "which a sharing file never is. Check that you chose the right file."
        )
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FileRefused(
            "The file is not a sharing file: it is not readable JSON. Ask the sender for the "
            "file `selfassess exchange export` wrote, unchanged."
        ) from None
    if _depth_problem(document):
        raise FileRefused(
            f"The file is nested more than {limits.JSON_DEPTH_MAX} levels deep, which a "
            "sharing file never is; it is damaged."
        )
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FileRefused(
            f"The file is not a sharing file from this service (its “format” is not “{FORMAT}”)."
        )
    return document


def _shape(document: dict) -> tuple[dict, dict]:
    body, signature = document.get("signed"), document.get("signature")
    if not isinstance(body, dict) or not isinstance(signature, dict):
        raise FileRefused("The file has no signed part or no signature, so it cannot be trusted.")
    if signature.get("algorithm") != "Ed25519" or not all(
        isinstance(signature.get(k), str) for k in ("public_key", "value")
    ):
        raise FileRefused("The file's signature is not an Ed25519 signature with its public key.")
    sender = body.get("sender")
    if not isinstance(sender, dict) or sender.get("public_key") != signature["public_key"]:
        raise FileRefused("The file names one sender in its signed part and another beside it.")
    if body.get("version") != VERSION or body.get("kind") not in (SHARE, WITHDRAWAL):
        raise FileRefused(
            "The file is a kind of sharing file this service does not read (version "
            f"{body.get('version')!r}, kind {body.get('kind')!r})."
        )
    share_id = body.get("share_id")
    if not isinstance(share_id, str) or not 1 <= len(share_id) <= 36:
        raise FileRefused("The file does not name its share properly.")
    return body, signature


def check_signature(data: bytes) -> Checked:
    """Parse the file and check its signature against the public key it carries. Whether
    that key is trusted is the caller's question (``services.read``)."""
    document = parse(data)
    body, signature = _shape(document)
    try:
        public = decode_public(signature["public_key"])
        value = base64.b64decode(signature["value"], validate=True)
        public.verify(value, canonical(body))
    except (ValueError, TypeError, InvalidSignature):
        raise FileRefused(
            "The file has changed since it was signed, or was not signed by the key it names, "
            "so nothing in it can be believed. Ask the sender for a new copy."
        ) from None
    return Checked(signature["public_key"], body)


def moment(body: dict, name: str) -> datetime.datetime:
    try:
        value = datetime.datetime.fromisoformat(body[name])
    except (KeyError, TypeError, ValueError):
        raise FileRefused(f"The file's “{name}” is not a date and time.") from None
    if timezone.is_naive(value):
        raise FileRefused(f"The file's “{name}” has no time zone.")
    return value


def check_expiry(body: dict, now: datetime.datetime) -> None:
    expires = moment(body, "expires_at")
    if expires <= now:
        raise FileRefused(
            f"The file expired on {expires:%d %B %Y}. Ask the sender for a new sharing file "
            "if they still want to share."
        )


def _text(value, most) -> bool:
    return isinstance(value, str) and len(value) <= most


def _level(value, levels) -> bool:
    return value is None or (
        isinstance(value, int) and not isinstance(value, bool) and value in levels
    )


def _number(value) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def payload_problems(payload: Any, context: Any) -> list[str]:
    """What in a received payload or context this service could not have written."""
    problems = []
    if not isinstance(payload, dict):
        return ["The file holds no share."]
    framework = payload.get("framework")
    levels = framework.get("levels") if isinstance(framework, dict) else None
    if (
        not isinstance(levels, list)
        or not limits.LEVELS_MIN <= len(levels) <= limits.LEVELS_MAX
        or not all(
            isinstance(v, int)
            and not isinstance(v, bool)
            and limits.LEVEL_VALUE_MIN <= v <= limits.LEVEL_VALUE_MAX
            for v in levels
        )
        or levels != sorted(set(levels))
    ):
        problems.append("The share's scale is not a list of 2 to 10 ascending levels.")
        levels = []
    if not isinstance(framework, dict) or not _text(framework.get("id"), limits.ID_CHARS_MAX):
        problems.append("The share does not name its framework.")
    positions = payload.get("positions")
    if not isinstance(positions, dict) or len(positions) > limits.STATEMENTS_MAX:
        problems.append("The share's agreed positions are not a list of statements.")
    else:
        for sid, agreed in positions.items():
            if not _text(sid, limits.ID_CHARS_MAX) or not isinstance(agreed, dict):
                problems.append("An agreed position does not name its statement.")
            elif not (
                _level(agreed.get("current"), levels) and _level(agreed.get("target"), levels)
            ):
                problems.append(f"The agreed position of {sid[:60]} is not a level of the scale.")
            elif not _text(agreed.get("rationale", ""), limits.TEXT_CHARS_MAX):
                problems.append(f"The rationale of {sid[:60]} is too long.")
    components = payload.get("components")
    if not isinstance(components, list) or len(components) > limits.COMPONENTS_MAX:
        problems.append("The share's components are not a list of up to 40.")
    else:
        for component in components:
            statements = component.get("statements") if isinstance(component, dict) else None
            if (
                not isinstance(component, dict)
                or not _text(component.get("id"), limits.ID_CHARS_MAX)
                or not _text(component.get("title"), limits.NAME_CHARS_MAX)
                or not _number(component.get("current"))
                or not _number(component.get("target"))
                or not isinstance(statements, list)
                or len(statements) > limits.STATEMENTS_PER_COMPONENT_MAX
                or not all(
                    isinstance(s, dict)
                    and _text(s.get("id"), limits.ID_CHARS_MAX)
                    and _text(s.get("number", ""), 20)
                    and _text(s.get("text", ""), limits.STATEMENT_CHARS_MAX)
                    for s in statements
                )
            ):
                problems.append("A component of the share is not as this service writes one.")
    survey = payload.get("survey")
    if survey is not None:
        cells = [
            *((survey.get("statements") or {}).values() if isinstance(survey, dict) else []),
            *((survey.get("components") or {}).values() if isinstance(survey, dict) else []),
        ]
        if not isinstance(survey, dict) or not all(
            isinstance(c, dict) and _number(c.get("median")) for c in cells
        ):
            problems.append("The share's survey summaries are not as this service writes them.")
    if not isinstance(context, dict) or not all(
        _text(k, CONTEXT_CHARS_MAX) and _text(v, CONTEXT_CHARS_MAX) for k, v in context.items()
    ):
        problems.append("The share's context is not a list of short values.")
    return problems[:10]
