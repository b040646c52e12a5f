"""Every page, download, report and command shows only what the disclosure gate releases.

Two proofs, over every named URL (read from the URL configuration, with the access test's
declarations of who may use it) for every member role, and every command of the service:

1. **Live answers never reach output.** With a release made, every participant's answers and
   comments are changed in the database. Every output must be byte for byte (after removing
   CSRF tokens) what it was: it is a function of the release alone, so loading a page before
   and after someone saves, or edits, shows nothing about what they said.
2. **A gate that withholds everything shows nothing.** With the gate swapped for one that
   releases nothing, changing the answers *and* the frozen releases changes no output either.

The organisation export is the one declared exception (it moves everything an organisation
owns between deployments): the test checks that it is the only output that changes.
"""

import io
import json
import re
import zipfile

import pytest
from asgiref.sync import async_to_sync
from django.core.management import call_command, get_commands
from openpyxl import load_workbook
from pypdf import PdfReader

from selfassess.assessments.models import Response
from selfassess.disclosure import gate
from selfassess.disclosure.models import Release
from selfassess.disclosure.tests.helpers import release_now
from tests.security.expectations import CannotFill, expectation_for, fill
from tests.security.outcomes import OK
from tests.security.routes import all_routes
from tests.security.world import ADMIN, FACILITATOR, VIEWER

MEMBER_ROLES = (VIEWER, FACILITATOR, ADMIN)
TRANSFER = {"reports:organisation_export(pk)"}
"""Outputs that carry answers one by one on purpose (see reports.orgdata)."""
AUDIT_LOG = {"audit:log(pk)", "audit:download(pk)"}
"""The audit log says what was done, so this test's own sign-ins and downloads add to it
between the two readings; it never holds answers, which `_no_answer_in_the_log` checks."""

COMMANDS = {
    "report": "writes the board report and data tables: run below in every format",
    "export-org": "the organisation export: the declared transfer exception, run below",
    "import-org": "reads a file in; prints only counts of what it created",
    "import-responses": "reads a file in; prints only counts and the file's own problems",
    "framework": "frameworks only: no answers",
    "plan": "checks a plan file: no answers",
    "backup": "copies the database file for the operator; prints a path",
    "restore": "restores a database copy; prints a path",
    "seed_demo": "creates the demo; prints how many answers it wrote",
    "demo_sign_in": "prints a sign-in link",
    "exchange": "signs and reads sharing files of frozen shares, built through the gate",
    "approve_organisation": "lets organisations send email; prints their names",
}

CSRF = re.compile(r'(name="(?:csrfmiddlewaretoken|form_key|batch)" value=")[^"]+"')


def _first_event(response):
    """A live stream never ends: what it sends on connecting (the whole state, rendered) is
    its output. Its JSON carries the page's html, whose CSRF token is new each time."""

    async def first():
        events = aiter(response.streaming_content)
        try:
            return await anext(events)
        finally:
            await events.aclose()

    chunk = async_to_sync(first)().decode()
    data = json.loads("".join(line[6:] for line in chunk.splitlines() if line.startswith("data: ")))
    data["html"] = CSRF.sub(r"\1", data.get("html", ""))
    return response.status_code, data


def _normalise(response):
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/event-stream"):
        return _first_event(response)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in content_type:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book]
    text = body.decode("utf-8", errors="replace")
    return response.status_code, response.get("Location", ""), CSRF.sub(r"\1", text)


def _member_routes(world):
    for route in all_routes():
        if route.namespace == "admin":
            continue
        expect = expectation_for(route)
        if expect is None or not expect.get:
            continue
        try:
            kwargs = fill(route, world)
        except CannotFill:
            continue
        for role in MEMBER_ROLES:
            if expect.policy.get(role) == OK:
                yield route, role, kwargs, expect.query or {}


def _outputs(world):
    from django.urls import reverse

    world.action(), world.import_batch()  # made on first use: make them before comparing
    outputs = {}
    clients = {role: world.client_for(role) for role in MEMBER_ROLES}
    for route, role, kwargs, query in _member_routes(world):
        response = clients[role].get(reverse(route.name, kwargs=kwargs), query)
        outputs[(route.key, role)] = _normalise(response)
    return outputs


def _command_outputs(world, tmp_path):
    outputs = {}
    assessment = world.home.assessment
    for kind in ("html", "json", "csv", "xlsx", "pdf"):
        target = tmp_path / f"report.{kind}"
        call_command("report", str(assessment.pk), "--format", kind, "-o", str(target))
        data = target.read_bytes()
        if kind == "pdf":
            outputs[kind] = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        elif kind == "csv":  # a zip of tables: compare what it holds, not its file dates
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                outputs[kind] = {name: archive.read(name) for name in archive.namelist()}
        elif kind == "xlsx":
            book = load_workbook(io.BytesIO(data), read_only=True)
            outputs[kind] = [[list(r) for r in s.iter_rows(values_only=True)] for s in book]
        else:
            outputs[kind] = data
    target = tmp_path / "org.json"
    call_command("export-org", str(world.home.organisation.pk), "-o", str(target))
    outputs["export-org"] = re.sub(rb'"exported_at": "[^"]*"', b"", target.read_bytes())
    return outputs


def _change_every_answer():
    for response in Response.objects.all():
        response.level = None if response.level == 1 else 1
        response.comment = f"A changed comment {response.pk}"
        response.save(update_fields=["level", "comment"])


def _change_every_release():
    for release in Release.objects.all():
        release.counts = {
            sid: {group: {"1": 9} for group in by_group} for sid, by_group in release.counts.items()
        }
        release.withheld = {}
        release.comments = {sid: ["A planted comment"] for sid in release.counts}
        release.save()


def withhold_everything(monkeypatch):
    """Swap the gate for one that releases nothing at all."""
    monkeypatch.setattr(gate, "latest_release", lambda assessment: None)
    monkeypatch.setattr(gate, "release_numbered", lambda assessment, number: None)
    monkeypatch.setattr(gate, "comments_of", lambda *args, **kwargs: {})
    monkeypatch.setattr(
        gate,
        "revealed_votes",
        lambda assessment, round_: gate.RevealedVotes(None, "withheld", [], 0, 5),
    )
    monkeypatch.setattr(gate, "transfer_responses", lambda organisation: Response.objects.none())


def _no_answer_in_the_log(outputs):
    """No comment anyone wrote (each changed one is "A changed comment N") is in the log."""
    comments = [r.comment for r in Response.objects.exclude(comment="")]
    assert comments
    logs = [str(output) for (route, _role), output in outputs.items() if route in AUDIT_LOG]
    assert logs, "the audit log was not read"
    assert not any(comment in log for comment in comments for log in logs)


def test_every_command_of_the_service_is_declared():
    ours = {name for name, app in get_commands().items() if str(app).startswith("selfassess")}
    assert ours == set(COMMANDS)


@pytest.mark.django_db
def test_live_answers_never_reach_any_output(world, tmp_path):
    release_now(world.home.assessment)
    pages, commands = _outputs(world), _command_outputs(world, tmp_path)
    assert len(pages) > 60
    _change_every_answer()
    pages_after, commands_after = _outputs(world), _command_outputs(world, tmp_path)
    _no_answer_in_the_log(pages_after)
    changed = sorted(
        {key for key in pages if pages[key] != pages_after[key] and key[0] not in AUDIT_LOG}
    )
    assert {route for route, _role in changed} <= TRANSFER
    assert {route for route, _role in changed} == TRANSFER, "the export must carry the answers"
    assert [k for k in commands if commands[k] != commands_after[k]] == ["export-org"]


@pytest.mark.django_db
def test_a_gate_that_withholds_everything_shows_nothing(world, tmp_path, monkeypatch):
    release_now(world.home.assessment)
    withhold_everything(monkeypatch)
    pages, commands = _outputs(world), _command_outputs(world, tmp_path)
    _change_every_answer()
    _change_every_release()
    pages_after, commands_after = _outputs(world), _command_outputs(world, tmp_path)
    # The organisation export carries the frozen releases themselves (it moves everything
    # an organisation owns), so it is the one output left to change here too.
    _no_answer_in_the_log(pages_after)
    unchanging = TRANSFER | AUDIT_LOG
    assert [k for k in pages if pages[k] != pages_after[k] and k[0] not in unchanging] == []
    assert [k for k in commands if commands[k] != commands_after[k]] in ([], ["export-org"])
