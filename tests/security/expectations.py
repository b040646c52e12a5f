"""The declared access rule, and how to fill the URL, for every named URL of the service.

A URL missing from EXPECTED, or with a kwarg that `fill` cannot fill, fails the access test:
whoever adds a URL decides here who may use it. Read the view before declaring it.

`post` is the form a permitted visitor would send (a function of the world), or None when
the view takes no POST. With `changes=True` a permitted POST must change the database, which
proves the form is valid and so that a refused POST leaving the database alone means
something.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import policies
from .world import VIEWER, World


@dataclass(frozen=True)
class Expect:
    policy: dict
    get: bool = True  # False: GET is refused with 405 (or the policy's own refusal)
    post: Callable[[World], dict] | None = None
    changes: bool = False
    why: str = ""
    post_policy: dict | None = None  # when a POST is judged differently from a GET
    query: dict | None = None  # query parameters the view needs to do anything at all


def _no_data(world):
    return {}


def _date_parts(name, days_ahead):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return {f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year}


def _new_organisation(world):
    return {
        "name": "Newly set up NHS Trust",
        "organisation_type": "acute_trust",
        "region": "london",
        "workforce_band": "under_500",
    }


def _new_assessment(world):
    return {
        "cycle_label": "2030/31",
        "anonymity_threshold": "5",
        "introduction": "Why we ask.",
        "framework_version": world.home.assessment.framework_version_id,
        "groups": ["Board"],
        **_date_parts("closes_on", 60),
    }


def _later_closing_date(world):
    return _date_parts("closes_on", 90)


def _invitation_rows(world):
    return {"rows": "new.person@example.nhs.uk,Board"}


def _link_counts(world):
    return {f"group_{world.home.assessment.groups.first().pk}": "2"}


def _answers(world):
    data = {"participant": world.home.participant.pk, "action": "continue"}
    for statement_id in ("a-1", "a-2", "a-3"):
        data[f"answer-{statement_id}"] = "3"
        data[f"comment-{statement_id}"] = ""
    return data


def _add_person(world):
    return {"email": "new.colleague@example.nhs.uk", "role": "viewer"}


def _change_role(world):
    return {"role": "facilitator"}


def _link_request(world):
    return {"email": world.home.members[VIEWER].user.email}


def _require_two_factor(world):
    return {"require_two_factor": "on"}


def _join_limit(world):
    return {"joiners_per_group": "25", "back": "join"}


def _join_code(world):
    return {"code": world.home.assessment.join_code}


def _context(world):
    return {"deprivation": "more", "financial_position": "deficit", "peer_comparison": "on"}


GET_AND_POST = {"post": _no_data}
POST_ONLY = {"get": False, "post": _no_data, "changes": True}

EXPECTED: dict[str, Expect] = {
    # -- core
    "core:home": Expect(policies.PUBLIC),
    "core:about": Expect(policies.PUBLIC),
    "core:privacy": Expect(policies.PUBLIC),
    "core:accessibility": Expect(policies.PUBLIC),
    "core:signed_out": Expect(policies.PUBLIC),
    # -- accounts
    "accounts:sign_in": Expect(policies.PUBLIC, **GET_AND_POST),
    "accounts:request_link": Expect(
        policies.PUBLIC,
        get=False,
        post=_link_request,
        changes=True,
        why="anyone may ask; same answer",
    ),
    "accounts:check_email": Expect(policies.PUBLIC),
    "accounts:sign_in_link(token)": Expect(
        policies.BEARER, post=_no_data, changes=True, why="a one-time link signs its holder in"
    ),
    "accounts:two_factor": Expect(policies.SIGNED_IN, post=_no_data, why="owes a code"),
    "accounts:sso_start(key)": Expect(
        policies.SWITCHED_OFF,
        get=False,
        post=_no_data,
        why="no provider in the test world; tests/security/test_single_sign_on.py runs one",
    ),
    "accounts:sso_callback(key)": Expect(policies.SWITCHED_OFF, why="as sso_start"),
    "accounts:cis2_jwks": Expect(policies.SWITCHED_OFF, why="CIS2 is not configured here"),
    "accounts:sign_out": Expect(policies.PUBLIC, get=False, post=_no_data),
    "accounts:two_factor_settings": Expect(policies.SIGNED_IN),
    "accounts:two_factor_setup": Expect(policies.SIGNED_IN, post=_no_data),
    "accounts:two_factor_recovery_codes": Expect(policies.SIGNED_IN, get=False, post=_no_data),
    "accounts:two_factor_turn_off": Expect(policies.SIGNED_IN, get=False, post=_no_data),
    "accounts:organisation_policy(pk)": Expect(
        policies.MANAGE, post=_require_two_factor, changes=True
    ),
    # -- organisations
    "organisations:create": Expect(policies.SIGNED_IN, post=_new_organisation, changes=True),
    "organisations:detail(pk)": Expect(policies.MEMBER),
    "organisations:people(pk)": Expect(policies.MANAGE, post=_add_person, changes=True),
    "organisations:person(pk, membership_pk)": Expect(
        policies.MANAGE, post=_change_role, changes=True
    ),
    "organisations:remove_person(pk, membership_pk)": Expect(policies.MANAGE, **POST_ONLY),
    "organisations:send_sign_in_link(pk, membership_pk)": Expect(policies.MANAGE, **POST_ONLY),
    # -- frameworks: the shared library, not any organisation's data
    "frameworks:list": Expect(policies.SIGNED_IN),
    "frameworks:detail(pk)": Expect(policies.SIGNED_IN),
    # -- assessments
    "assessments:create(organisation_pk)": Expect(policies.RUN, post=_new_assessment, changes=True),
    "assessments:overview(pk)": Expect(policies.MEMBER),
    "assessments:edit(pk)": Expect(
        policies.RUN, post=_no_data, why="open assessments redirect: settings are locked"
    ),
    "assessments:open(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "assessments:close(pk)": Expect(policies.RUN, post=_no_data, changes=True),
    "assessments:reopen(pk)": Expect(policies.RUN, post=_later_closing_date),
    "assessments:extend(pk)": Expect(policies.RUN, post=_later_closing_date, changes=True),
    "assessments:complete(pk)": Expect(policies.RUN, post=_no_data),
    "assessments:invite(pk)": Expect(policies.RUN, post=_invitation_rows, changes=True),
    "assessments:links_csv(pk)": Expect(policies.RUN, post=_link_counts, changes=True),
    "assessments:join(pk)": Expect(policies.RUN),
    "assessments:join_qr(pk)": Expect(policies.RUN),
    "assessments:join_limit(pk)": Expect(policies.RUN, post=_join_limit, changes=True),
    "assessments:remind(pk)": Expect(policies.RUN, **POST_ONLY),
    "assessments:participants(pk)": Expect(policies.RUN),
    "assessments:revoke(pk, participant_pk)": Expect(policies.RUN, **POST_ONLY),
    "assessments:resend(pk, participant_pk)": Expect(
        policies.RUN,
        get=False,
        post=_no_data,
        why="sends failed emails again; in the test world none has failed, so nothing changes",
    ),
    "assessments:resend_failed(pk)": Expect(
        policies.RUN,
        get=False,
        post=_no_data,
        why="sends failed emails again; in the test world none has failed, so nothing changes",
    ),
    # -- participation
    "participation:intro": Expect(policies.PARTICIPANT_SESSION),
    "participation:component(position)": Expect(
        policies.PARTICIPANT_SESSION, post=_answers, changes=False
    ),
    "participation:check": Expect(policies.PARTICIPANT_SESSION, post=_no_data),
    "participation:done": Expect(policies.AFTER_LEAVING),
    "participation:saved": Expect(policies.AFTER_LEAVING),
    "participation:joined": Expect(policies.PARTICIPANT_SESSION),
    "participation:start(token)": Expect(policies.BEARER, why="the personal link"),
    "participation:join": Expect(policies.PUBLIC, post=_join_code),
    "participation:join(code)": Expect(policies.PUBLIC, post=_no_data),
    # -- results
    "results:overview(pk)": Expect(policies.MEMBER),
    "results:component(pk, component_id)": Expect(policies.MEMBER),
    "results:discussion(pk)": Expect(policies.MEMBER),
    "results:groups(pk)": Expect(policies.MEMBER),
    # -- workshop (facilitator side needs run_assessments; consensus summary view_results)
    "workshop:control(pk)": Expect(policies.RUN),
    "workshop:control_live(pk)": Expect(policies.RUN),
    "workshop:presenter_stream(pk)": Expect(policies.RUN, query={"view": "screen"}),
    "workshop:start(pk)": Expect(policies.RUN, **POST_ONLY),
    "workshop:end(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:show(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:open_vote(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:close_vote(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:reveal_vote(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:countdown(pk)": Expect(policies.RUN, get=False, post=_no_data),
    "workshop:lock_vote(pk)": Expect(policies.RUN, get=False, post=lambda w: {"locked": "on"}),
    "workshop:screen_count(pk)": Expect(policies.RUN, get=False, post=lambda w: {"shown": "off"}),
    "workshop:screen_blank(pk)": Expect(policies.RUN, get=False, post=lambda w: {"blank": "on"}),
    "workshop:screen(pk)": Expect(policies.RUN),
    "workshop:screen_live(pk)": Expect(policies.RUN),
    "workshop:screen_qr(pk)": Expect(policies.RUN),
    "workshop:summary(pk)": Expect(policies.MEMBER),
    "workshop:record(pk, statement_id)": Expect(policies.RUN, post=_no_data),
    # -- workshop (participant side: the participant's session, as in participation)
    "workshop:join_code": Expect(policies.PUBLIC, post=_join_code),
    "workshop:vote": Expect(policies.PARTICIPANT_SESSION, post=_no_data),
    "workshop:vote_live": Expect(policies.PARTICIPANT_SESSION),
    "workshop:vote_stream": Expect(policies.PARTICIPANT_SESSION),
    "workshop:with_link(token)": Expect(policies.BEARER, why="the personal link"),
    "workshop:join(code)": Expect(
        policies.JOIN_CODE_NOT_RUNNING,
        post=_no_data,
        why="the world runs no workshop, so its code is refused as a wrong code is",
    ),
    # -- plans (reading needs membership; changing needs run_assessments)
    "plans:plan(pk)": Expect(policies.MEMBER),
    "plans:priorities(pk)": Expect(policies.MEMBER),
    "plans:create(pk)": Expect(policies.RUN, post=_no_data),
    "plans:action(pk, action_pk)": Expect(policies.MEMBER),
    "plans:edit(pk, action_pk)": Expect(policies.RUN, post=_no_data),
    "plans:status(pk, action_pk)": Expect(policies.RUN, get=False, post=_no_data),
    "plans:note(pk, action_pk)": Expect(
        policies.RUN, get=False, post=lambda world: {"text": "Spoke to the owner."}, changes=True
    ),
    # -- cycles
    "cycles:compare(pk)": Expect(policies.MEMBER),
    "cycles:trend(pk)": Expect(policies.MEMBER),
    "cycles:next(pk)": Expect(policies.RUN, post=_no_data),
    "cycles:survey(organisation_pk)": Expect(policies.RUN, post=_no_data),
    # -- reports: the board report for members; data and imports for facilitators; deleting
    # and the organisation's own data for admins
    "reports:board(pk)": Expect(policies.MEMBER),
    "reports:pdf(pk)": Expect(policies.MEMBER),
    "reports:settings(pk)": Expect(policies.RUN, post=_no_data),
    "reports:downloads(pk)": Expect(policies.RUN),
    "reports:xlsx(pk)": Expect(policies.RUN),
    "reports:json(pk)": Expect(policies.RUN),
    "reports:csv(pk, table)": Expect(policies.RUN),
    "reports:import(pk)": Expect(policies.RUN, post=_no_data),
    "reports:import_columns(pk)": Expect(policies.RUN, post=_no_data),
    "reports:import_answers(pk)": Expect(policies.RUN, post=_no_data),
    "reports:import_check(pk)": Expect(policies.RUN, post=_no_data),
    "reports:import_undo(pk, batch_pk)": Expect(policies.RUN, **POST_ONLY),
    # -- disclosure
    "disclosure:snapshot(pk)": Expect(
        policies.RUN, get=False, post=_no_data, changes=True, why="releases a snapshot"
    ),
    "disclosure:comments(pk)": Expect(policies.RUN, post=_no_data),
    "reports:delete_assessment(pk)": Expect(policies.MANAGE, post=_no_data),
    "reports:organisation_data(pk)": Expect(policies.MANAGE, post=_no_data),
    "reports:organisation_export(pk)": Expect(policies.MANAGE),
    # -- peers: the context and opt-in are the admins'; the comparison any member's
    "peers:context(pk)": Expect(policies.MANAGE, post=_context, changes=True),
    "peers:compare(pk)": Expect(policies.MEMBER),
    # -- exchange: sharing files speak for the organisation, so admins only
    "exchange:send(pk)": Expect(policies.MANAGE, post=_no_data, why="no peer share: refused"),
    "exchange:withdraw(pk)": Expect(
        policies.MANAGE, get=False, post=_no_data, why="names no sent file: sent back"
    ),
    "exchange:receive(pk)": Expect(policies.MANAGE, post=_no_data, why="no file: refused"),
    # -- systems: a system's pages by system role; a member's side by its own roles
    "systems:index": Expect(policies.SIGNED_IN),
    "systems:view(system_pk)": Expect(policies.SYSTEM_VIEW),
    "systems:component(system_pk, component_id)": Expect(policies.SYSTEM_VIEW),
    "systems:pdf(system_pk)": Expect(policies.SYSTEM_DOWNLOAD),
    "systems:xlsx(system_pk)": Expect(policies.SYSTEM_DOWNLOAD),
    "systems:exchange(system_pk)": Expect(policies.SYSTEM_EXCHANGE),
    "systems:members(system_pk)": Expect(
        policies.SYSTEM_MANAGE, post=lambda world: {"ods_code": "rx9"}, changes=True
    ),
    "systems:end(system_pk, member_pk)": Expect(policies.SYSTEM_MANAGE, **POST_ONLY),
    "systems:roles(system_pk)": Expect(
        policies.SYSTEM_MANAGE,
        post=lambda world: {"email": "new.viewer@example.nhs.uk", "role": "viewer"},
        changes=True,
    ),
    "systems:remove_role(system_pk, role_pk)": Expect(policies.SYSTEM_MANAGE, **POST_ONLY),
    "systems:set_up(organisation_pk)": Expect(
        policies.MANAGE, post=lambda world: {"kind": "provider_collaborative"}, changes=True
    ),
    "systems:memberships(organisation_pk)": Expect(policies.MANAGE),
    "systems:accept(organisation_pk, member_pk)": Expect(policies.MANAGE, **POST_ONLY),
    "systems:leave(organisation_pk, member_pk)": Expect(policies.MANAGE, **POST_ONLY),
    "systems:successor(organisation_pk)": Expect(
        policies.MANAGE, post=_no_data, why="home's admin is admin of no other organisation"
    ),
    "systems:sharing(assessment_pk)": Expect(policies.MANAGE),
    "systems:share(assessment_pk, audience)": Expect(
        policies.MANAGE,
        post=lambda world: {"scope": "positions_rationale", "confirm": "yes"},
        changes=True,
    ),
    "systems:notes(assessment_pk, audience)": Expect(
        policies.RUN,
        post=lambda world: {"note-a-1": "Coaching on every ward.", "contact-a-1": "QI lead"},
        changes=True,
    ),
    # -- audit: an organisation's log, for its admins only
    "audit:log(pk)": Expect(policies.MANAGE),
    "audit:download(pk)": Expect(policies.MANAGE),
    # -- operations
    "operations:floor": Expect(
        policies.SWITCHED_OFF, get=False, post=_no_data, why="benchmark harness only"
    ),
}

ADMIN_EXPECTED = {
    "admin:login": Expect(policies.OPERATOR_SIGN_IN_PAGE, post=_no_data),
    "admin:logout": Expect(
        policies.OPERATOR_SIGN_OUT_BY_GET, post=_no_data, post_policy=policies.PUBLIC
    ),
    "admin:password_change_done": Expect(policies.OPERATOR_ONLY),
    "admin:jsi18n": Expect(policies.OPERATOR_ONLY),
    "admin:autocomplete": Expect(
        policies.OPERATOR_ONLY,
        query={"app_label": "organisations", "model_name": "membership", "field_name": "user"},
    ),
    "admin:view_on_site(content_type_id, object_id)": Expect(policies.OPERATOR_NOTHING_TO_SHOW),
    "admin:frameworks_frameworkversion_add": Expect(policies.OPERATOR_REFUSED, post=_no_data),
    # The audit log is only ever added to: the operator may read it, never add, edit or delete.
    "admin:audit_auditevent_add": Expect(policies.OPERATOR_REFUSED, post=_no_data),
    "admin:audit_auditevent_change(object_id)": Expect(
        policies.OPERATOR_ONLY, post=_no_data, post_policy=policies.OPERATOR_REFUSED
    ),
    "admin:audit_auditevent_delete(object_id)": Expect(policies.OPERATOR_REFUSED, post=_no_data),
    # The mail outbox and the worker's task records: read-only, for the operator.
    "admin:mail_outboundemail_add": Expect(policies.OPERATOR_REFUSED, post=_no_data),
    "admin:mail_outboundemail_change(object_id)": Expect(
        policies.OPERATOR_ONLY, post=_no_data, post_policy=policies.OPERATOR_REFUSED
    ),
    "admin:mail_outboundemail_delete(object_id)": Expect(policies.OPERATOR_REFUSED, post=_no_data),
    "admin:django_tasks_database_dbtaskresult_add": Expect(
        policies.OPERATOR_REFUSED, post=_no_data
    ),
    "admin:django_tasks_database_dbtaskresult_change(object_id)": Expect(
        policies.OPERATOR_ONLY, post=_no_data, post_policy=policies.OPERATOR_REFUSED
    ),
    "admin:django_tasks_database_dbtaskresult_delete(object_id)": Expect(
        policies.OPERATOR_REFUSED, post=_no_data
    ),
    # A person's authenticator key and QR code: never shown, even to the operator.
    "admin:otp_totp_totpdevice_config(pk)": Expect(policies.OPERATOR_REFUSED),
    "admin:otp_totp_totpdevice_qrcode(pk)": Expect(policies.OPERATOR_REFUSED),
    "admin:frameworks_frameworkversion_change(object_id)": Expect(
        policies.OPERATOR_ONLY, post=_no_data, post_policy=policies.OPERATOR_REFUSED
    ),
}
EXPECTED.update(ADMIN_EXPECTED)

# Declared as they should be, but not yet so: each xfails strictly, so the fix makes the test
# fail until its entry here is removed. Empty while every URL behaves as declared.
KNOWN_PROBLEMS = {}

# The operator's admin site is Django's own: every other URL under it has one rule.
NAMESPACE_EXPECTED = {"admin": Expect(policies.OPERATOR_ONLY, post=_no_data)}


def expectation_for(route) -> Expect | None:
    return EXPECTED.get(route.key) or NAMESPACE_EXPECTED.get(route.namespace)


# -- filling URL kwargs from the world -------------------------------------------------------

PK_MEANS = {
    "organisations": "organisation",
    "peers": "organisation",
    "exchange": "organisation",
    "frameworks": "framework_version",
    "accounts": "organisation",
    "audit": "organisation",
}
# Routes whose pk is an organisation although their app's other routes use assessments.
ORGANISATION_PK = {"reports:organisation_data", "reports:organisation_export"}


class CannotFill(LookupError):
    pass


def _first_table():
    from selfassess.reports.data import TABLE_NAMES

    return sorted(TABLE_NAMES)[0]


def _admin_model(route):
    """The model behind an admin URL named like "admin:<app>_<model>_<view>"."""
    if route.name.endswith("_password_change"):  # UserAdmin names it after auth.User
        return apps.get_model(settings.AUTH_USER_MODEL)
    stem = route.name.split(":", 1)[1].rsplit("_", 1)[0]
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == stem:
            return model
    raise CannotFill(f"no model for {route.name}")


def _admin_object_pk(route, world):
    model = _admin_model(route)
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        raise CannotFill(f"the test world has no {model.__name__} for {route.name}")
    return str(obj.pk)


def fill(route, world: World) -> dict:
    """Kwargs for `route`, taken from the home organisation's objects by name."""
    home = world.home
    values = {}
    for name in route.kwargs:
        if route.namespace == "admin":
            if route.name == "admin:view_on_site":
                values[name] = str(home.organisation.pk)
            elif name in ("object_id", "id", "pk"):
                values[name] = _admin_object_pk(route, world)
            elif name == "app_label":
                values[name] = "organisations"
            elif name == "content_type_id":
                values[name] = str(ContentType.objects.get_for_model(home.organisation).pk)
            else:
                raise CannotFill(f"do not know how to fill {name!r} in {route.key}")
            continue
        if name == "pk":
            means = PK_MEANS.get(route.namespace, "assessment")
            if route.name in ORGANISATION_PK:
                means = "organisation"
            values[name] = (
                home.assessment.framework_version_id
                if means == "framework_version"
                else getattr(home, means).pk
            )
        elif name == "organisation_pk":
            values[name] = home.organisation.pk
        elif name == "assessment_pk":
            values[name] = home.assessment.pk
        elif name == "system_pk":
            values[name] = world.systems.system.pk
        elif name == "member_pk":
            # Accepting needs an open invitation; leaving and ending, the active membership.
            held = world.systems.invitation if route.name == "systems:accept" else None
            values[name] = (held or world.systems.membership).pk
        elif name == "role_pk":
            values[name] = world.systems.system.roles.order_by("pk").first().pk
        elif name == "audience":
            values[name] = f"system-{world.systems.system.pk}"
        elif name == "membership_pk":
            values[name] = home.members[VIEWER].pk
        elif name == "participant_pk":
            values[name] = home.participant.pk
        elif name == "component_id":
            values[name] = home.assessment.framework.components[0].id
        elif name == "statement_id":
            values[name] = home.assessment.framework.components[0].statements[0].id
        elif name == "action_pk":
            values[name] = world.action().pk
        elif name == "batch_pk":
            values[name] = world.import_batch().pk
        elif name == "table":
            values[name] = _first_table()
        elif name == "position":
            values[name] = 1
        elif name == "code":
            values[name] = home.assessment.join_code
        elif name == "token" and route.namespace == "accounts":
            values[name] = world.sign_in_link_kwargs()[name]
        elif name == "key" and route.namespace == "accounts":
            values[name] = "entra-nhsmail"
        elif name == "token":
            values[name] = home.token
        else:
            raise CannotFill(f"do not know how to fill {name!r} in {route.key}")
    return values
