"""Every check an organisation export must pass before one row of it is written.

An export file may have been edited, damaged or forged on its way between deployments. The
import used to trust it: a response at level 99, an unknown statement id or a framework
snapshot with made-up text and hash imported as "Imported", and the organisation's pages
then answered 500. Now the whole document is checked first, and every problem is listed:

* its size and nesting (``core.limits``), before anything is built from it;
* its shape: the sections, users, framework snapshots and rows, with the JSON types each
  needs;
* every framework snapshot with the framework file's own checks and limits
  (``frameworks.schema.check_snapshot``), its content hash recomputed, and its id, version
  and title matching its content;
* every column of every row, with the model field's own cleaning (types, dates, numbers
  within the column's range, text lengths, choices) plus no NUL or control characters, and
  every reference pointing at a row, user or snapshot the file holds;
* every statement, component and level against the framework snapshot of the assessment the
  row belongs to: responses, votes, agreed positions and their history, workshop rounds,
  participants' place in the survey, and the statements and components actions link to.

The checks read the document only; they never touch the database, so a refused file
changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from selfassess.core import limits
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.schema import Framework, check_snapshot

#: Problems listed in full; a file with more says how many more there are.
SHOWN = 50
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STATEMENT_FIELDS = {"statement_id": False, "current_statement_id": True}  # name: may be blank
_LEVEL_FIELDS = ("level", "current_level", "target_level")


def depth_problem(document: Any) -> str | None:
    """A document nested deeper than ``JSON_DEPTH_MAX`` (walked without recursion)."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > limits.JSON_DEPTH_MAX:
            return (
                f"The file is nested more than {limits.JSON_DEPTH_MAX} levels deep, which an "
                "export never is; it is damaged."
            )
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
    return None


def problems_in(document: dict, owned: list) -> list[str]:
    """Every problem with ``document``; empty when it can be imported as it is."""
    checker = _Checker(document, owned)
    checker.run()
    return checker.problems


def summary(problems: list[str]) -> str:
    shown = problems[:SHOWN]
    more = len(problems) - len(shown)
    tail = [f"... and {more:,} more problems."] if more else []
    return "The file cannot be imported; nothing was imported:\n" + "\n".join(
        [f"- {p}" for p in shown] + tail
    )


def _label(model) -> str:
    return model._meta.label_lower


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    def __init__(self, document: dict, owned: list):
        self.document = document
        self.owned = owned
        self.problems: list[str] = []
        self.rows: dict[str, dict[Any, dict]] = {}  # label -> pk -> fields
        self.frameworks: dict[str, Framework | None] = {}  # snapshot key -> framework

    def report(self, message: str) -> None:
        self.problems.append(message)

    # -- the whole document ---------------------------------------------------------------

    def run(self) -> None:
        self.users()
        self.snapshots()
        if not self.index_rows():
            return
        for model in self.owned:
            for pk, fields in self.rows[_label(model)].items():
                self.row(model, pk, fields)
        self.organisation_count()
        self.groups_per_assessment()

    def users(self) -> None:
        user_model = get_user_model()
        email_size = user_model._meta.get_field("email").max_length
        for key, user in self.document["users"].items():
            where = f"users[{_shown(key)}]"
            if not isinstance(user, dict) or not isinstance(user.get("email"), str):
                self.report(f"{where} must have an email address.")
                continue
            email = user["email"]
            try:
                validate_email(email)
            except ValidationError:
                self.report(f"{where}: {_shown(email)} is not an email address.")
            if len(email) > email_size:
                self.report(f"{where}: the email address is longer than {email_size}.")
            name = user.get("full_name", "")
            if not isinstance(name, str):
                self.report(f"{where}: the full name must be text.")
            elif problem := self.text_problem(name, 200):
                self.report(f"{where}: the full name {problem}.")

    def snapshots(self) -> None:
        """Each snapshot is a framework written by someone else: check it like a file."""
        from .orgdata import snapshot_fields

        fields = snapshot_fields()
        for key, data in self.document["frameworks"].items():
            where = f"framework snapshot {_shown(key)}"
            self.frameworks[key] = None
            if not isinstance(data, dict):
                self.report(f"{where} must be a set of fields.")
                continue
            usable = True
            for field in fields:
                if field.name not in data:
                    self.report(f"{where} has no {field.name!r}.")
                    usable = False
                elif not isinstance(field, models.JSONField):
                    usable = self.value(field, data[field.name], where) and usable
            if not usable:
                continue
            framework, problems = check_snapshot(data["content"], where)
            if problems:
                self.problems.extend(
                    f"{where}: {p.place + ': ' if p.place else ''}{p.message}" for p in problems
                )
                continue
            if framework.content_hash() != data["content_hash"]:
                self.report(
                    f"{where}: its content hash does not match its content, so its text was "
                    "changed after it was exported; export it again from the original service."
                )
                continue
            for name, value in (
                ("framework_id", framework.id),
                ("version", framework.version),
                ("title", framework.title),
            ):
                if data[name] != value:
                    self.report(
                        f"{where}: its {name} {_shown(data[name])} is not its content's "
                        f"{_shown(value)}."
                    )
            self.frameworks[key] = framework

    def index_rows(self) -> bool:
        """Rows by model and pk; False when the sections are too broken to check further."""
        models_section = self.document["models"]
        ok = True
        for model in self.owned:
            label = _label(model)
            rows = models_section.get(label, [])
            self.rows[label] = {}
            if not isinstance(rows, list):
                self.report(f"{label} must be a list of rows.")
                ok = False
                continue
            for index, row in enumerate(rows):
                where = f"{label} row {index + 1}"
                if not isinstance(row, dict) or not isinstance(row.get("fields"), dict):
                    self.report(f"{where} must have its 'fields'.")
                    ok = False
                    continue
                pk = row.get("pk")
                if not isinstance(pk, int) or isinstance(pk, bool):
                    self.report(f"{where}: its pk must be a whole number.")
                    ok = False
                    continue
                if pk in self.rows[label]:
                    self.report(f"{where}: pk {pk} is used by two rows.")
                    ok = False
                    continue
                m2m = row.get("m2m", {})
                if not isinstance(m2m, dict) or not all(
                    isinstance(v, list) and all(_is_int(i) for i in v) for v in m2m.values()
                ):
                    self.report(f"{where}: its links ('m2m') must be lists of row numbers.")
                    ok = False
                self.rows[label][pk] = row["fields"]
        return ok

    def organisation_count(self) -> None:
        from selfassess.organisations.models import Organisation

        count = len(self.rows.get(_label(Organisation), {}))
        if count != 1:
            self.report(f"The file must hold exactly one organisation; it holds {count}.")

    # -- one row ----------------------------------------------------------------------------

    def row(self, model, pk, fields: dict) -> None:
        label = _label(model)
        where = f"{label} {pk}"
        user_model = get_user_model()
        for field in model._meta.concrete_fields:
            if field.primary_key or _is_secret(model, field):
                continue
            if field.name not in fields:
                self.report(f"{where} has no {field.name!r}.")
                continue
            value = fields[field.name]
            if field.is_relation:
                self.reference(field, value, where, user_model)
            elif not isinstance(field, models.JSONField):
                self.value(field, value, where)
        self.against_framework(model, pk, fields, where)

    def reference(self, field, value, where: str, user_model) -> None:
        if value is None:
            if not field.null:
                self.report(f"{where}: {field.name!r} must not be empty.")
            return
        target = field.related_model
        if target is user_model:
            known = str(value) in self.document["users"]
        elif target is FrameworkVersion:
            known = str(value) in self.document["frameworks"]
        else:
            known = _is_int(value) and value in self.rows.get(_label(target), {})
        if not known:
            self.report(f"{where}: {field.name!r} points to {_shown(value)}, which the file lacks.")

    def value(self, field, value, where: str) -> bool:
        """Clean ``value`` as the column would hold it; report why not, once."""
        if isinstance(value, dict | list):
            self.report(
                f"{where}: {field.name!r} must be a single value, not {type(value).__name__}."
            )
            return False
        if isinstance(value, str):
            most = getattr(field, "max_length", None) or limits.TEXT_CHARS_MAX * 10
            if problem := self.text_problem(value, most):
                self.report(f"{where}: {field.name!r} {problem}.")
                return False
        if isinstance(field, models.IntegerField) and isinstance(value, bool):
            self.report(f"{where}: {field.name!r} must be a whole number, not true/false.")
            return False
        try:
            field.clean(value, None)
        except ValidationError as error:
            message = " ".join(error.messages)
            self.report(f"{where}: {field.name!r} {_shown(value)}: {message}")
            return False
        except (TypeError, ValueError, OverflowError) as error:
            self.report(f"{where}: {field.name!r} {_shown(value)} cannot be read ({error}).")
            return False
        return True

    @staticmethod
    def text_problem(value: str, most: int) -> str | None:
        if len(value) > most:
            return f"is {len(value):,} characters long; it can be at most {most:,}"
        found = _CONTROL.search(value)
        if found:
            return f"contains a control character ({ord(found.group()):#04x})"
        return None

    # -- statements and levels against the assessment's framework ---------------------------

    def against_framework(self, model, pk, fields: dict, where: str) -> None:
        framework = self.framework_of(model, fields)
        if framework is None:
            return
        statements, components, levels = self.ids_of(framework)
        for name, blank_ok in _STATEMENT_FIELDS.items():
            if name not in fields or (blank_ok and fields[name] == ""):
                continue
            if not isinstance(fields[name], str) or fields[name] not in statements:
                self.report(
                    f"{where}: the statement {_shown(fields[name])} is not in the "
                    f"assessment's framework ({framework.id} {framework.version})."
                )
        for name in _LEVEL_FIELDS:
            if name in fields:
                self.level(fields[name], levels, f"{where}: {name!r}")
        if fields.get("resume_component_id") not in (None, "", *components):
            self.report(
                f"{where}: the component {_shown(fields['resume_component_id'])} is not in the "
                "assessment's framework."
            )
        if _label(model) == "plans.action":
            self.id_list(fields.get("statement_ids"), statements, f"{where}: 'statement_ids'")
            self.id_list(fields.get("component_ids"), components, f"{where}: 'component_ids'")
        if _label(model) == "workshop.consensuschange":
            for name in ("before", "after"):
                position = fields.get(name)
                if position is None and name == "before":
                    continue
                if not isinstance(position, dict):
                    self.report(f"{where}: {name!r} must be an agreed position.")
                    continue
                for key in ("current_level", "target_level"):
                    self.level(position.get(key), levels, f"{where}: {name}.{key}")

    def ids_of(self, framework: Framework) -> tuple[set[str], set[str], set[int]]:
        """The statement, component and level ids of a snapshot, worked out once per
        snapshot rather than once per row (a file holds many thousands of rows)."""
        cache = self.__dict__.setdefault("_ids", {})
        if id(framework) not in cache:
            cache[id(framework)] = (
                {s.id for s in framework.statements()},
                {c.id for c in framework.components},
                set(framework.scale.values),
            )
        return cache[id(framework)]

    def groups_per_assessment(self) -> None:
        """No assessment brings more groups than one may have (``GROUPS_PER_ASSESSMENT_MAX``)."""
        counts: dict = {}
        for fields in self.rows.get("assessments.participantgroup", {}).values():
            key = fields.get("assessment")
            if _is_int(key):
                counts[key] = counts.get(key, 0) + 1
        most = limits.GROUPS_PER_ASSESSMENT_MAX
        for assessment, count in sorted(counts.items()):
            if count > most:
                self.report(
                    f"assessments.assessment {assessment} has {count:,} groups; an assessment "
                    f"can have at most {most}. Remove groups nobody is in, or merge small ones, "
                    "in the service it came from and export it again."
                )

    def level(self, value, levels: set[int], where: str) -> None:
        if value is None:
            return
        if not _is_int(value) or value not in levels:
            self.report(
                f"{where} is {_shown(value)}, which is not a level of the assessment's scale "
                f"({', '.join(map(str, sorted(levels)))})."
            )

    def id_list(self, value, known: set[str], where: str) -> None:
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
            self.report(f"{where} must be a list of ids.")
            return
        unknown = [i for i in value if i not in known]
        if unknown:
            self.report(f"{where}: {_shown(unknown)} are not in the assessment's framework.")

    def framework_of(self, model, fields: dict) -> Framework | None:
        """The framework of the assessment this row belongs to, following its keys."""
        from selfassess.assessments.models import Assessment

        seen = 0
        while model is not Assessment:
            step = _step_towards(model, Assessment)
            if step is None or seen > 6:
                return None
            value = fields.get(step.name)
            target = step.related_model
            fields = self.rows.get(_label(target), {}).get(value)
            if fields is None:
                return None
            model, seen = target, seen + 1
        return self.frameworks.get(str(fields.get("framework_version")))


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_secret(model, field) -> bool:
    from .orgdata import _is_secret as is_secret

    return is_secret(model, field)


def _foreign_keys(model) -> Iterable:
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


def _step_towards(model, goal):
    """The required key of ``model`` that leads, key by key, to ``goal`` (None if none)."""
    best = None
    for field in _foreign_keys(model):
        if field.null or field.related_model is model:
            continue
        if field.related_model is goal:
            return field
        if best is None and _reaches(field.related_model, goal, 5):
            best = field
    return best


def _reaches(model, goal, hops: int) -> bool:
    if model is goal:
        return True
    if hops == 0:
        return False
    return any(
        _reaches(f.related_model, goal, hops - 1)
        for f in _foreign_keys(model)
        if not f.null and f.related_model is not model
    )
