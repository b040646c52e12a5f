"""Importing responses: malformed files, the mapping steps, the preview and the confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import ImportBatch, Participant, Response
from selfassess.audit.models import Action, AuditEvent
from selfassess.organisations.models import Role
from selfassess.reports import imports

GOOD = "When,a-1,Q2,Team\n1 May,3,Established,Board\n2 May,Don't know,Not sure,Front-line staff\n"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty"),
        (b"a-1,a-1\n1,2\n", "repeated: a-1"),
        (b"a-1,\n1,2\n", "needs a name"),
        (b"a-1,a-2\n", "no answers"),
        (b"\x00\x01\x02binary", "not text"),
        (b"x" * (imports.MAX_BYTES + 1), "larger than 2 MB"),
    ],
)
def test_malformed_files_are_refused(raw, message):
    with pytest.raises(imports.ImportInvalid, match=message):
        imports.read_csv(raw)


def test_rows_are_checked_one_by_one(assessment):
    sheet = imports.read_csv(b"a-1,a-2,Team\n3,4,Board\n9,4,Board\n3\n,,Board\n2,1,Nobody\n")
    mapping = imports.Mapping(
        statements={"a-1": "a-1", "a-2": "a-2"},
        values={"3": 3, "4": 4, "2": 2, "1": 1},
        group_column="Team",
    )
    assert imports.check_mapping(mapping, sheet, assessment) == []
    preview = imports.check(mapping, sheet, assessment)
    assert [line for line, _g, _a in preview.good] == [2]
    reasons = {row.line: " ".join(row.reasons) for row in preview.bad}
    assert "'9' is not mapped" in reasons[3]
    assert "1 values but the header has 3" in reasons[4]
    assert "no answers" in reasons[5]
    assert "'Nobody' is not one of this assessment's groups" in reasons[6]


def test_mapping_problems_are_named(assessment):
    sheet = imports.read_csv(b"x,y\n1,2\n")
    mapping = imports.Mapping(statements={"x": "zz-9", "y": "zz-9"}, values={"1": 7})
    problems = " ".join(imports.check_mapping(mapping, sheet, assessment))
    assert "'zz-9' is not a statement" in problems
    assert "more than one column" in problems
    assert "Choose either one group" in problems
    assert "not a level" in problems


@pytest.fixture
def signed_in(client, unanswered, member_of):
    """A facilitator of ``unanswered`` (nobody has answered it, so imports are allowed)."""
    client.force_login(member_of(unanswered.organisation, Role.FACILITATOR))
    return client


def walk_to_check(client, assessment, body):
    pk = assessment.pk
    upload = SimpleUploadedFile("form.csv", body.encode(), content_type="text/csv")
    response = client.post(reverse("reports:import", args=[pk]), {"file": upload})
    assert response.status_code == 302
    page = client.get(reverse("reports:import_columns", args=[pk])).content.decode()
    assert "Column: Q2" in page
    response = client.post(
        reverse("reports:import_columns", args=[pk]),
        {
            "group": "column",
            "column_0": "",
            "column_1": "a-1",
            "column_2": "a-2",
            "column_3": "group",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reports:import_answers", args=[pk])).content.decode()
    answers = ["3", "Don't know", "Established", "Not sure"]
    assert all(f"Answer: {a}".replace("'", "&#39;") in page for a in answers)
    response = client.post(
        reverse("reports:import_answers", args=[pk]),
        {"value_0": "3", "value_1": "dont_know", "value_2": "4", "value_3": "dont_know"},
    )
    assert response.status_code == 302
    return client.get(reverse("reports:import_check", args=[pk]))


def test_a_valid_file_is_imported_after_confirmation(signed_in, unanswered):
    assessment = unanswered
    before = Participant.objects.filter(assessment=assessment).count()
    page = walk_to_check(signed_in, assessment, GOOD)
    assert "2 rows are ready to import" in page.content.decode()
    assert Participant.objects.filter(assessment=assessment).count() == before
    signed_in.post(reverse("reports:import_check", args=[assessment.pk]), {})
    new = Participant.objects.filter(assessment=assessment).order_by("-pk")[:2]
    assert {p.group.name for p in new} == {"Board", "Front-line staff"}
    levels = sorted(
        (r.statement_id, r.level or 0) for r in Response.objects.filter(participant__in=list(new))
    )
    assert levels == [("a-1", 0), ("a-1", 3), ("a-2", 0), ("a-2", 4)]  # 0: don't know


def test_bad_rows_block_the_import_until_dropped(signed_in, unanswered):
    assessment = unanswered
    body = GOOD + "3 May,3,Established,Nobody\n"
    page = walk_to_check(signed_in, assessment, body).content.decode()
    assert "1 row has problems" in page and "Line" in page
    before = Response.objects.count()
    url = reverse("reports:import_check", args=[assessment.pk])
    refused = signed_in.post(url, {})
    assert refused.status_code == 400 and Response.objects.count() == before
    signed_in.post(url, {"drop_bad_rows": "on"})
    assert Response.objects.count() == before + 4


def test_an_unreadable_upload_gets_a_clear_error(signed_in, unanswered):
    assessment = unanswered
    upload = SimpleUploadedFile("form.csv", b"a,a\n1,2\n", content_type="text/csv")
    response = signed_in.post(reverse("reports:import", args=[assessment.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Column names must be different" in response.content.decode()


def test_steps_without_a_file_go_back_to_the_upload(signed_in, unanswered):
    assessment = unanswered
    response = signed_in.get(reverse("reports:import_check", args=[assessment.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:import", args=[assessment.pk])


def two_rows(assessment):
    sheet = imports.read_csv(b"a-1,Team\n3,Board\n4,Front-line staff\n")
    mapping = imports.Mapping(
        statements={"a-1": "a-1"}, values={"3": 3, "4": 4}, group_column="Team"
    )
    preview = imports.check(mapping, sheet, assessment)
    assert len(preview.good) == 2 and not preview.bad
    return preview


def test_an_import_is_one_logged_batch_and_can_be_undone(unanswered, member_of):
    actor = member_of(unanswered.organisation, Role.FACILITATOR)
    assert imports.apply(unanswered, two_rows(unanswered), actor=actor, source_name="f.csv") == 2
    batch = ImportBatch.objects.get(assessment=unanswered)
    assert batch.rows == 2 and batch.source_name == "f.csv" and batch.imported_by == actor
    assert batch.per_group == {"Board": 1, "Front-line staff": 1}
    people = Participant.objects.filter(assessment=unanswered)
    assert people.count() == 2 and all(p.import_batch_id == batch.pk for p in people)
    logged = AuditEvent.objects.get(action=Action.IMPORTED)
    assert logged.organisation == unanswered.organisation and logged.details["batch"] == batch.pk
    assert "2 people" in logged.summary
    assert imports.undo(batch, actor=actor) == 2
    assert not Participant.objects.filter(assessment=unanswered).exists()
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by == actor
    assert AuditEvent.objects.filter(action=Action.IMPORT_UNDONE).count() == 1
    with pytest.raises(imports.ImportInvalid, match="already been undone"):
        imports.undo(batch, actor=actor)


def test_an_import_is_refused_once_anyone_answered_in_the_service(assessment):
    # The fixture's seven people answered in the service: an import beside them could be
    # subtracted to show their answers, so it is refused and nothing is added.
    before = (Participant.objects.count(), Response.objects.count())
    with pytest.raises(imports.ImportInvalid, match="already answered this assessment"):
        imports.apply(assessment, two_rows(assessment))
    assert (Participant.objects.count(), Response.objects.count()) == before
    assert not ImportBatch.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.IMPORTED).exists()


def close(assessment):
    # Straight to closed in the database: what matters here is the status, not the journey.
    type(assessment).objects.filter(pk=assessment.pk).update(status=Status.CLOSED)
    assessment.refresh_from_db()


def test_an_import_is_refused_once_the_assessment_closed(unanswered):
    close(unanswered)
    with pytest.raises(imports.ImportInvalid, match="has closed"):
        imports.apply(unanswered, two_rows(unanswered))
    assert not Participant.objects.filter(assessment=unanswered).exists()


def test_an_undo_is_refused_once_the_assessment_closed(unanswered):
    imports.apply(unanswered, two_rows(unanswered))
    close(unanswered)
    with pytest.raises(imports.ImportInvalid, match="cannot be undone"):
        imports.undo(ImportBatch.objects.get(assessment=unanswered))
    assert Participant.objects.filter(assessment=unanswered).count() == 2


def test_the_upload_page_refuses_an_answered_assessment(client, assessment, member_of):
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    upload = SimpleUploadedFile("form.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(reverse("reports:import", args=[assessment.pk]), {"file": upload})
    assert response.status_code == 400
    assert "already answered this assessment" in response.content.decode()
