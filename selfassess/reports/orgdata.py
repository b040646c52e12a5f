"""Everything an organisation owns, as one JSON document, and back.

The data belongs to the organisation (design section 1), so it must be able to leave with all
of it. Rather than list models here, which would silently miss every model added later, the
export walks every model of the service's apps (``selfassess.*``) and keeps those whose foreign
keys lead to ``Organisation``: assessments, groups, participants, responses, consensus and its
history, plans and their notes, report settings, and whatever is added next.

Two kinds of rows are referenced rather than owned: people's accounts (``User``, matched by
email on import; no password or sign-in state is exported) and framework snapshots
(``FrameworkVersion``, matched by content hash, so a snapshot already present is reused and
results read against exactly the same text).

This is the one file that holds people's answers one by one: it moves an organisation between
deployments, so it must. Its responses are read through the disclosure gate
(``gate.transfer_responses``), it is for organisation admins only, every export is in the audit
log, and the file begins with ``personal_data``, a plain statement of the personal data it
holds (``personal_data_statement``), which the export page shows before the download. Once an
assessment is complete its participants' email addresses are detached (see
``assessments.services.complete_assessment``), so the file carries none for it.

Secrets are never exported: a field whose name contains "token", "secret" or "password" is
left out and filled with fresh random text on import, so old invitation links stop working.

Import recreates every row in one transaction, in foreign-key order, keeping timestamps
(``auto_now`` fields are written back after creation) and remapping every primary key, foreign
key and many-to-many link. Saving bypasses model ``save`` methods and signals on purpose:
history is being restored, not made.
"""

import datetime
import decimal
import json
import secrets
import uuid
from collections.abc import Callable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from selfassess.core import limits
from selfassess.frameworks.models import FrameworkVersion
from selfassess.organisations.models import Organisation

from . import orgdata_checks

FORMAT = "selfassess-organisation"
FORMAT_VERSION = 1
SECRET_WORDS = ("token", "secret", "password")
APP_PREFIX = "selfassess."


class OrgDataInvalid(Exception):
    """The file cannot be imported; the message says why."""


def _is_secret(model, field) -> bool:
    return model is not FrameworkVersion and any(w in field.name for w in SECRET_WORDS)


def _foreign_keys(model):
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


def _service_models():
    """Every model of the service's apps, except those that say they stay on this deployment
    (``moves_with_organisation = False``): links between organisations here, such as a
    system's memberships and what members shared with it, which another deployment could
    not honour because the other organisations are not in the file."""
    return [
        m
        for m in apps.get_models()
        if m._meta.app_config.name.startswith(APP_PREFIX)
        and not m._meta.proxy
        and getattr(m, "moves_with_organisation", True)
    ]


def _paths():
    """``{model: lookup}`` for every model that reaches Organisation by foreign keys, where
    ``lookup`` filters its rows by organisation (``"assessment__organisation"``)."""
    found: dict = {Organisation: "pk"}
    candidates = [m for m in _service_models() if m is not Organisation]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in found:
                continue
            fields = sorted(_foreign_keys(model), key=lambda f: f.null)  # required keys first
            for field in fields:
                target = field.related_model
                if target is model or target not in found:
                    continue
                via = found[target]
                found[model] = field.name if via == "pk" else f"{field.name}__{via}"
                changed = True
                break
    return found


def owned_models() -> list:
    """The models an organisation owns, ordered so each comes after those it points to."""
    paths = _paths()
    ordered, placed = [], set()
    remaining = list(paths)
    while remaining:
        progress = False
        for model in list(remaining):
            needs = {
                f.related_model
                for f in _foreign_keys(model)
                if f.related_model in paths and f.related_model is not model and not f.null
            }
            if needs <= placed:
                ordered.append(model)
                placed.add(model)
                remaining.remove(model)
                progress = True
        if not progress:  # a cycle through required keys cannot be restored row by row
            raise RuntimeError(f"cannot order models: {[m._meta.label for m in remaining]}")
    return ordered


def _label(model) -> str:
    return model._meta.label_lower


def _rows(model, organisation):
    from selfassess.assessments.models import Response
    from selfassess.disclosure import gate

    if model is Response:
        return gate.transfer_responses(organisation).order_by("pk")
    lookup = _paths()[model]
    return model._base_manager.filter(**{lookup: organisation.pk}).order_by("pk").distinct()


def personal_data_statement(organisation) -> list[str]:
    """What personal data an export of this organisation holds, in plain words."""
    from selfassess.assessments.lifecycle import Status
    from selfassess.assessments.models import Participant

    participants = Participant.objects.filter(assessment__organisation=organisation)
    with_email = participants.exclude(email="")
    open_ones = with_email.values("assessment").distinct().count()
    lines = [
        "The email addresses and names of the organisation's members (its admins, "
        "facilitators and viewers), and the audit log of what they did.",
        "Every participant's answers and comments, one person at a time, under a number "
        "that links their answers to each other. This is more than any page or download "
        "shows: keep the file as securely as the service itself.",
    ]
    if with_email.exists():
        lines.append(
            f"The email addresses of {with_email.count()} participants in {open_ones} "
            "assessments that are not complete yet, each beside that person's answers. "
            "They are kept only so that reminders can be sent, and are removed when an "
            "assessment is marked complete."
        )
    else:
        lines.append(
            "No participant's email address: every assessment is complete, or none had any."
        )
    complete = participants.filter(assessment__status=Status.COMPLETE).exists()
    if complete:
        lines.append(
            "For complete assessments, no email address: their answers cannot be tied to a "
            "person by this file alone."
        )
    return lines


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def export_organisation(organisation, progress: Callable[[str], None] = lambda _m: None) -> dict:
    user_model = get_user_model()
    owned = owned_models()
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "organisation": organisation.name,
        "personal_data": personal_data_statement(organisation),
        "users": {},
        "frameworks": {},
        "models": {},
    }
    for model in owned:
        rows = []
        queryset = _rows(model, organisation)
        progress(f"Exporting {model._meta.verbose_name_plural} ({queryset.count()})")
        m2m_fields = [
            f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
        ]
        for obj in (
            queryset.iterator()
            if not m2m_fields
            else queryset.prefetch_related(*[f.name for f in m2m_fields])
        ):
            fields = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or _is_secret(model, field):
                    continue
                value = field.value_from_object(obj)
                target = field.related_model if field.is_relation else None
                if target is not None and value is not None:
                    if target is user_model:
                        user = user_model._base_manager.get(pk=value)
                        document["users"][str(value)] = {
                            "email": user.email,
                            "full_name": getattr(user, "full_name", ""),
                        }
                    elif target is FrameworkVersion:
                        _export_framework(document, value)
                    elif target not in owned:
                        raise OrgDataInvalid(
                            f"{model._meta.label}.{field.name} points to "
                            f"{target._meta.label}, which the export does not cover."
                        )
                fields[field.name] = _plain(value)
            row = {"pk": obj.pk, "fields": fields}
            if m2m_fields:
                row["m2m"] = {
                    f.name: sorted(o.pk for o in getattr(obj, f.name).all()) for f in m2m_fields
                }
            rows.append(row)
        document["models"][_label(model)] = rows
    return document


def _export_framework(document, pk):
    key = str(pk)
    if key in document["frameworks"]:
        return
    version = FrameworkVersion.objects.get(pk=pk)
    document["frameworks"][key] = {
        field.name: _plain(field.value_from_object(version))
        for field in FrameworkVersion._meta.concrete_fields
        if not field.primary_key
    }


def dumps(document) -> bytes:
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


def loads(raw: bytes) -> dict:
    if len(raw) > limits.ORG_FILE_BYTES_MAX:
        raise OrgDataInvalid(
            f"The file is {len(raw):,} bytes; an organisation file can be at most "
            f"{limits.ORG_FILE_BYTES_MAX:,} bytes."
        )
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        raise OrgDataInvalid(f"The file is not a JSON document: {error}.") from None
    except RecursionError:
        raise OrgDataInvalid(
            "The file is nested too deeply to be an export; it is damaged."
        ) from None
    if problem := orgdata_checks.depth_problem(document):
        raise OrgDataInvalid(problem)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise OrgDataInvalid("The file is not an organisation export from this service.")
    if document.get("version") != FORMAT_VERSION:
        raise OrgDataInvalid(
            f"The file is export version {document.get('version')!r}; this service reads "
            f"version {FORMAT_VERSION}."
        )
    for key in ("users", "frameworks", "models"):
        if not isinstance(document.get(key), dict):
            raise OrgDataInvalid(f"The file has no {key!r} section.")
    return document


def _no_constant(name):
    raise ValueError(f"{name} is not a number an export holds")


def _fresh_secret(field) -> str:
    length = min(field.max_length or 64, 64)
    return secrets.token_hex(32)[:length]


def import_organisation(document, progress: Callable[[str], None] = lambda _m: None):
    """Recreate the organisation in ``document``; returns the new Organisation."""
    owned = owned_models()
    known = {_label(m) for m in owned}
    unknown = set(document["models"]) - known
    if unknown:
        raise OrgDataInvalid(
            f"The file holds data this service does not know: {', '.join(sorted(unknown))}."
        )
    problems = orgdata_checks.problems_in(document, owned)
    if problems:
        raise OrgDataInvalid(orgdata_checks.summary(problems))
    try:
        with transaction.atomic():
            return _import(document, owned, progress)
    except IntegrityError as error:
        raise OrgDataInvalid(
            f"The data clashes with data already here (nothing was imported): {error}."
        ) from None
    except (KeyError, TypeError, ValueError) as error:
        raise OrgDataInvalid(f"The file is damaged (nothing was imported): {error!r}.") from None


def _import(document, owned, progress):
    from django.contrib.auth.hashers import make_password

    user_model = get_user_model()
    users = {}
    for old_pk, data in document["users"].items():
        user = user_model._base_manager.filter(email=data["email"]).first()
        if user is None:
            user = user_model._base_manager.create(
                email=data["email"],
                full_name=data.get("full_name", ""),
                password=make_password(None),
            )
        users[old_pk] = user.pk
    frameworks = {}
    for old_pk, data in document["frameworks"].items():
        existing = FrameworkVersion.objects.filter(content_hash=data["content_hash"]).first()
        if existing is None:
            existing = FrameworkVersion(
                **{
                    f.attname: f.to_python(data[f.name])
                    for f in FrameworkVersion._meta.concrete_fields
                    if not f.primary_key
                }
            )
            FrameworkVersion.objects.bulk_create([existing])
            FrameworkVersion.objects.filter(pk=existing.pk).update(
                loaded_at=FrameworkVersion._meta.get_field("loaded_at").to_python(data["loaded_at"])
            )
        frameworks[old_pk] = existing.pk

    pk_maps: dict = {}
    deferred = []
    created_rows = []
    for model in owned:
        rows = document["models"].get(_label(model), [])
        progress(f"Importing {model._meta.verbose_name_plural} ({len(rows)})")
        objects = [_build(model, row, users, frameworks, pk_maps, deferred) for row in rows]
        created = model._base_manager.bulk_create(objects, batch_size=500)
        pk_maps[model] = {row["pk"]: obj.pk for row, obj in zip(rows, created, strict=True)}
        created_rows.append((model, rows, created))
        restore = [
            f
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        if restore and created:
            for row, obj in zip(rows, created, strict=True):
                for field in restore:
                    setattr(obj, field.attname, field.to_python(row["fields"][field.name]))
            model._base_manager.bulk_update(created, [f.name for f in restore], batch_size=500)

    for obj, field, old in deferred:
        setattr(obj, field.attname, pk_maps[field.related_model][old])
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{field.attname: getattr(obj, field.attname)}
        )

    for model, rows, created in created_rows:
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            source = field.m2m_field_name() + "_id"
            target = field.m2m_reverse_field_name() + "_id"
            target_map = pk_maps[field.related_model]
            links = [
                through(**{source: obj.pk, target: target_map[old]})
                for row, obj in zip(rows, created, strict=True)
                for old in row.get("m2m", {}).get(field.name, [])
            ]
            through._base_manager.bulk_create(links, batch_size=500)

    new_org_pk = next(iter(pk_maps[Organisation].values()))
    return Organisation.objects.get(pk=new_org_pk)


def _build(model, row, users, frameworks, pk_maps, deferred):
    user_model = get_user_model()
    values = {}
    later = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if _is_secret(model, field):
            values[field.attname] = _fresh_secret(field)
            continue
        value = row["fields"][field.name]
        if field.is_relation:
            target = field.related_model
            if value is None:
                values[field.attname] = None
            elif target is user_model:
                values[field.attname] = users[str(value)]
            elif target is FrameworkVersion:
                values[field.attname] = frameworks[str(value)]
            elif target in pk_maps:
                values[field.attname] = pk_maps[target][value]
            else:  # points to a row made later (a nullable key, such as an earlier cycle)
                values[field.attname] = None
                later.append((field, value))
        elif isinstance(field, models.JSONField):
            values[field.attname] = value
        else:
            values[field.attname] = field.to_python(value)
    obj = model(**values)
    deferred.extend((obj, field, old) for field, old in later)
    return obj
