"""Organisation export and import: every table round-trips; deletion needs the typed name."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from selfassess.accounts.models import User
from selfassess.assessments.models import Assessment, Participant
from selfassess.disclosure import gate
from selfassess.frameworks.models import FrameworkVersion
from selfassess.organisations.models import Organisation, Role
from selfassess.reports import orgdata
from selfassess.reports.models import ReportSettings
from selfassess.results.tests.helpers import read_page


def normalised(document):
    """The document with every primary key replaced by its row's position within its table,
    so two exports of the same data compare equal whatever ids the database gave them."""
    positions = {
        label: {row["pk"]: index for index, row in enumerate(rows)}
        for label, rows in document["models"].items()
    }
    users = {pk: data["email"] for pk, data in document["users"].items()}
    frameworks = {pk: data["content_hash"] for pk, data in document["frameworks"].items()}
    label_of = {m: orgdata._label(m) for m in orgdata.owned_models()}
    result = {}
    for model in orgdata.owned_models():
        label = label_of[model]
        rows = []
        for row in document["models"][label]:
            fields = {}
            for name, value in row["fields"].items():
                field = model._meta.get_field(name)
                if field.is_relation and value is not None:
                    target = field.related_model
                    if target is User:
                        value = users[str(value)]
                    elif target is FrameworkVersion:
                        value = frameworks[str(value)]
                    else:
                        value = positions[label_of[target]][value]
                fields[name] = value
            m2m = {
                name: sorted(
                    positions[label_of[model._meta.get_field(name).related_model]][pk] for pk in pks
                )
                for name, pks in row.get("m2m", {}).items()
            }
            rows.append({"fields": fields, "m2m": m2m})
        result[label] = rows
    return result


@pytest.fixture
def rich(assessment, member_of):
    """The fixture assessment plus a membership, report settings and an earlier cycle."""
    admin = member_of(assessment.organisation, Role.ADMIN, user__full_name="An organisation admin")
    earlier = Assessment.objects.create(
        organisation=assessment.organisation,
        framework_version=assessment.framework_version,
        cycle_label="2025/26",
    )
    assessment.previous = earlier
    assessment.save(update_fields=["previous"])
    chosen = gate.comment_key(assessment, "a-1", '=HYPERLINK("http://example.invalid","click")')
    ReportSettings.objects.create(
        assessment=assessment,
        sections=["summary"],
        foreword="Foreword",
        updated_by=admin,
        comment_keys=[chosen],
    )
    return assessment


def test_owned_models_cover_the_organisations_data():
    labels = {orgdata._label(m) for m in orgdata.owned_models()}
    expected = {
        "organisations.organisation",
        "organisations.membership",
        "assessments.assessment",
        "assessments.participantgroup",
        "assessments.participant",
        "assessments.response",
        "assessments.consensusrating",
        "reports.reportsettings",
    }
    assert expected <= labels


def test_export_then_import_round_trips_every_table(rich):
    organisation = rich.organisation
    first = orgdata.export_organisation(organisation)
    assert all(
        "token_hash" not in row["fields"] for row in first["models"]["assessments.participant"]
    )
    old_hashes = set(Participant.objects.values_list("token_hash", flat=True))
    organisation.delete()
    assert not Assessment.objects.exists()
    imported = orgdata.import_organisation(orgdata.loads(orgdata.dumps(first)))
    second = orgdata.export_organisation(imported)
    assert normalised(json.loads(orgdata.dumps(second))) == normalised(first)
    assert old_hashes.isdisjoint(Participant.objects.values_list("token_hash", flat=True))
    new = Assessment.objects.get(cycle_label="2026/27")
    assert new.previous.cycle_label == "2025/26"


def test_the_export_begins_by_saying_what_personal_data_it_holds(rich):
    document = orgdata.export_organisation(rich.organisation)
    assert list(document)[:5] == [
        "format",
        "version",
        "exported_at",
        "organisation",
        "personal_data",
    ]
    statement = document["personal_data"]
    assert "email addresses and names of the organisation's members" in statement[0]
    assert "one person at a time" in statement[1]
    # The fixture's seven participants gave no email address, and nothing is complete yet.
    assert any("No participant's email address" in line for line in statement)
    assert not any("For complete assessments" in line for line in statement)
    # What it says it holds, it holds: every answer, one row each (5 + 5 + 1 + 4 + 4 + 1 ...).
    rows = document["models"]["assessments.response"]
    from selfassess.assessments.models import Response

    assert (
        len(rows)
        == Response.objects.filter(participant__assessment__organisation=rich.organisation).count()
        == 3 * 5 + 3 * 5 + 1
    )


def test_the_statement_counts_participants_emails(rich):
    Participant.objects.filter(
        pk__in=list(rich.participants.values_list("pk", flat=True)[:2])
    ).update(email="someone@example.invalid")
    statement = orgdata.personal_data_statement(rich.organisation)
    assert any(
        line.startswith("The email addresses of 2 participants in 1 assessments")
        for line in statement
    )


def test_import_into_an_empty_deployment_gives_identical_results_pages(client, rich, member_of):
    organisation = rich.organisation
    client.force_login(member_of(organisation, Role.VIEWER))
    pages = ["results:overview", "results:groups", "results:discussion"]
    before = [read_page(client.get(reverse(p, args=[rich.pk])).content.decode())[0] for p in pages]
    document = orgdata.dumps(orgdata.export_organisation(organisation))
    Organisation.objects.all().delete()
    FrameworkVersion.objects.all().delete()
    User.objects.all().delete()
    imported = orgdata.import_organisation(orgdata.loads(document))
    new = imported.assessments.get(cycle_label="2026/27")
    client.force_login(member_of(imported, Role.VIEWER))
    after = [read_page(client.get(reverse(p, args=[new.pk])).content.decode())[0] for p in pages]
    assert after == before
    assert before[0][0]["rows"]  # the pages did hold figures


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json", "not a JSON document"),
        (b'{"format": "other"}', "not an organisation export"),
        (b'{"format": "selfassess-organisation", "version": 9}', "version 9"),
    ],
)
def test_bad_files_are_refused(raw, message):
    with pytest.raises(orgdata.OrgDataInvalid, match=message):
        orgdata.loads(raw)


def test_importing_twice_clashes_and_changes_nothing(rich):
    rich.organisation.ods_code = "RX1"
    rich.organisation.save()
    document = orgdata.export_organisation(rich.organisation)
    count = Assessment.objects.count()
    with pytest.raises(orgdata.OrgDataInvalid, match="clashes"):
        orgdata.import_organisation(document)
    assert Assessment.objects.count() == count


def test_organisation_data_page_exports_and_deletes_after_typed_name(client, rich, member_of):
    organisation = rich.organisation
    url = reverse("reports:organisation_data", args=[organisation.pk])
    client.force_login(member_of(organisation, Role.FACILITATOR))
    assert client.get(url).status_code == 403
    client.force_login(member_of(organisation, Role.ADMIN))
    export = client.get(reverse("reports:organisation_export", args=[organisation.pk]))
    assert json.loads(export.content)["organisation"] == organisation.name
    wrong = client.post(url, {"confirmation": "something else"})
    assert wrong.status_code == 400 and Organisation.objects.filter(pk=organisation.pk).exists()
    assert client.post(url, {"confirmation": organisation.name}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not Participant.objects.exists()


def test_delete_assessment_needs_its_name(client, rich, member_of):
    client.force_login(member_of(rich.organisation, Role.ADMIN))
    url = reverse("reports:delete_assessment", args=[rich.pk])
    assert client.post(url, {"confirmation": "2025/26"}).status_code == 400
    assert client.post(url, {"confirmation": "2026/27"}).status_code == 302
    assert not Assessment.objects.filter(pk=rich.pk).exists()


def test_commands_round_trip_and_exit_codes(rich, tmp_path, capsys):
    path = tmp_path / "org.json"
    call_command("export-org", str(rich.organisation.pk), "-o", str(path))
    said = capsys.readouterr()
    holds = [line for line in (said.out + said.err).splitlines() if line.startswith("It holds: ")]
    assert len(holds) == len(json.loads(path.read_text())["personal_data"]) >= 3
    rich.organisation.delete()
    call_command("import-org", str(path))
    assert Assessment.objects.filter(cycle_label="2026/27").exists()


def test_the_demo_organisation_round_trips_with_every_app_s_data(library_loaded):
    """The demo holds data of every app (workshop, plans, cycles...): whatever models the
    other apps add, the export walks them, and the round trip keeps every row."""
    from selfassess.demo.generator import create_demo

    demo = create_demo()
    first = orgdata.export_organisation(demo.organisation)
    filled = [label for label, rows in first["models"].items() if rows]
    assert {"plans.action", "assessments.consensusrating", "assessments.response"} <= set(filled)
    demo.organisation.delete()
    imported = orgdata.import_organisation(orgdata.loads(orgdata.dumps(first)))
    second = orgdata.export_organisation(imported)
    assert normalised(json.loads(orgdata.dumps(second))) == normalised(first)


FORMULA = '=HYPERLINK("http://example.invalid","click")'


def test_a_withheld_comment_stays_withheld_after_export_and_import(rich):
    from selfassess.disclosure.models import Release

    key = gate.comment_key(rich, "a-1", FORMULA)
    gate.withhold_comment(rich, statement_id="a-1", key=key, actor=None)
    shown = gate.comments_of(rich, gate.latest_release(rich))
    assert FORMULA not in [c.text for c in shown.get("a-1", [])]
    document = orgdata.loads(orgdata.dumps(orgdata.export_organisation(rich.organisation)))
    rich.organisation.delete()
    Release.objects.all().delete()
    new = orgdata.import_organisation(document).assessments.get(cycle_label="2026/27")
    shown = gate.comments_of(new, gate.latest_release(new))
    assert FORMULA not in [c.text for c in shown.get("a-1", [])]
