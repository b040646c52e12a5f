"""Importing responses: malformed files, the mapping steps, the preview and the confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selfassess.assessments.models import Participant, Response
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
def signed_in(client, assessment, member_of):
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
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


def test_a_valid_file_is_imported_after_confirmation(signed_in, assessment):
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


def test_bad_rows_block_the_import_until_dropped(signed_in, assessment):
    body = GOOD + "3 May,3,Established,Nobody\n"
    page = walk_to_check(signed_in, assessment, body).content.decode()
    assert "1 row has problems" in page and "Line" in page
    before = Response.objects.count()
    url = reverse("reports:import_check", args=[assessment.pk])
    refused = signed_in.post(url, {})
    assert refused.status_code == 400 and Response.objects.count() == before
    signed_in.post(url, {"drop_bad_rows": "on"})
    assert Response.objects.count() == before + 4


def test_an_unreadable_upload_gets_a_clear_error(signed_in, assessment):
    upload = SimpleUploadedFile("form.csv", b"a,a\n1,2\n", content_type="text/csv")
    response = signed_in.post(reverse("reports:import", args=[assessment.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Column names must be different" in response.content.decode()


def test_steps_without_a_file_go_back_to_the_upload(signed_in, assessment):
    response = signed_in.get(reverse("reports:import_check", args=[assessment.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:import", args=[assessment.pk])
