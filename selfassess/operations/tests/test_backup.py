"""`selfassess backup` and `selfassess restore` give back exactly what was there.

Runs on whichever database the suite runs on (SQLite, or PostgreSQL in CI's second pass).
The comparison is of every table's rows and of the analysis of an assessment, before the
backup and after the restore, with the data changed in between so the test can fail.
"""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.disclosure import gate
from selfassess.disclosure.tests.helpers import release_now
from selfassess.operations.backups import backup_kind

pytestmark = pytest.mark.django_db(transaction=True)

STATEMENTS = ["a-1", "a-2", "a-3", "b-1", "b-2"]


@pytest.fixture
def assessment():
    assessment = AssessmentFactory(status=Status.OPEN, anonymity_threshold=3)
    for name, lean in (("Board", 4), ("Front-line staff", 2)):
        group = ParticipantGroupFactory(assessment=assessment, name=name)
        for person in range(6):
            participant, _ = Participant.invite(assessment, group)
            Response.objects.bulk_create(
                Response(
                    participant=participant,
                    statement_id=statement,
                    level=None if (person + number) % 7 == 0 else 1 + (lean + person) % 5,
                    comment=f"Comment {person}-{number} <b>&</b>" if person == 0 else "",
                )
                for number, statement in enumerate(STATEMENTS)
            )
    release_now(assessment)
    return assessment


def snapshot(assessment):
    """Every row of every model, and the assessment's analysis."""
    tables = set(connection.introspection.table_names())
    rows = {
        model._meta.label: sorted(model.objects.values_list(), key=repr)
        for model in apps.get_models()
        if model._meta.db_table in tables
    }
    return rows, gate.analysis_of(assessment, gate.latest_release(assessment))


def test_restore_gives_back_identical_rows_and_results(assessment, tmp_path):
    before = snapshot(assessment)
    path = tmp_path / "selfassess.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert "Backed up" in out.getvalue()
    assert backup_kind(path) in {"sqlite", "postgresql"}

    Response.objects.filter(statement_id="a-1").update(level=None, comment="")
    Response.objects.filter(statement_id="b-2").update(level=1)
    Participant.invite(assessment, assessment.groups.first())
    assert snapshot(assessment) != before  # the change shows, so the comparison can fail

    call_command("restore", str(path), interactive=False, stdout=io.StringIO())
    after = snapshot(assessment)
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert Response.objects.count() == 12 * len(STATEMENTS)


def test_restore_asks_first_and_a_no_changes_nothing(assessment, tmp_path, monkeypatch):
    path = tmp_path / "copy.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    Response.objects.update(level=1)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(path))
    assert set(Response.objects.values_list("level", flat=True)) == {1}


def test_a_backup_into_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(CommandError, match="does not exist: create it first"):
        call_command("backup", str(tmp_path / "missing" / "copy.backup"))


def test_restoring_something_that_is_not_a_backup_changes_nothing(assessment, tmp_path):
    count = Response.objects.count()
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="unknown kind of backup"):
        call_command("restore", str(path), interactive=False)
    with pytest.raises(CommandError, match="there is no backup file"):
        call_command("restore", str(tmp_path / "absent.backup"), interactive=False)
    assert Response.objects.count() == count
