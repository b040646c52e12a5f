"""No generated file makes an import or a command end in a traceback (issue 12).

Each command that reads a file (framework validate and load, import-org, import-responses
with its CSV and its mapping, plan check) and each import function behind the web uploads
(responses, staff survey, invitations) is fed generated files: random bytes, text in odd
encodings, CSV rows of hostile values, JSON of every shape, YAML with aliases and odd keys.
A command may refuse the file (CommandError, with its exit code) and an import may report
problems; any other exception fails the test. Nothing is written by a refused import.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.assessments import invitations
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.cycles import survey_import
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.tests.test_schema import MINIMAL
from selfassess.organisations.models import Organisation
from selfassess.reports import imports

from .test_forms import CSV_LIKE, HOSTILE

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE, inner, max_size=4),
    max_leaves=20,
)
YAML_EDITS = st.sampled_from(
    [
        ("- value: 1\n", "- value: -1\n"),
        ("- value: 2\n", "- value: 99999999999999999999\n"),
        ("id: minimal", "id: &a minimal\nextra: *a"),
        ("          2: Most", "          02: Most"),
        ("title: Minimal framework", "title: !!binary aGVsbG8="),
        ("title: Minimal framework", "title: 2026-01-01"),
        ("title: Minimal framework", "title: [a, b]"),
        ('version: "1.0"', "version: 1e400"),
        ("components:", "components: &c\n"),
        ("id: minimal", "id: minimal\n\x00"),
    ]
)
FRAMEWORK_FILES = st.one_of(
    st.binary(max_size=400),
    st.tuples(YAML_EDITS, YAML_EDITS).map(
        lambda edits: MINIMAL.replace(*edits[0]).replace(*edits[1]).encode("utf-8", "replace")
    ),
    HOSTILE.map(lambda value: MINIMAL.replace("Shared purpose", value).encode("utf-8", "replace")),
)


def _command(*args):
    try:
        call_command(*args)
    except CommandError as error:
        assert error.returncode in (1, 2)
    except SystemExit as leaving:  # argparse refusing options
        assert leaving.code in (1, 2)


@given(content=FRAMEWORK_FILES)
@SETTINGS
def test_framework_validate_and_load_refuse_or_load_any_file(content, tmp_path_factory, db):
    path = tmp_path_factory.mktemp("frameworks") / "framework.yaml"
    path.write_bytes(content)
    _command("framework", "validate", str(path))
    _command("framework", "load", str(path))


@given(content=st.one_of(CSV_LIKE, JSON_VALUES.map(lambda v: json.dumps(v).encode())))
@SETTINGS
def test_import_org_refuses_any_file_without_writing(content, tmp_path_factory, db):
    path = tmp_path_factory.mktemp("org") / "org.json"
    path.write_bytes(content)
    before = (Organisation.objects.count(), FrameworkVersion.objects.count())
    _command("import-org", str(path))
    assert (Organisation.objects.count(), FrameworkVersion.objects.count()) == before


@pytest.fixture
def assessment(db):
    assessment = AssessmentFactory(anonymity_threshold=3)
    ParticipantGroupFactory(assessment=assessment, name="Board")
    return assessment


ANSWER_CELLS = st.one_of(st.sampled_from(["1", "3", "5", "Board", "Don't know", ""]), HOSTILE)
ANSWER_FILES = st.one_of(
    CSV_LIKE,
    st.lists(st.lists(ANSWER_CELLS, min_size=3, max_size=3), min_size=1, max_size=4).map(
        lambda rows: "\n".join(
            ",".join(f'"{cell}"' for cell in row) for row in [["a-1", "a-2", "who"], *rows]
        ).encode("utf-8", "replace")
    ),
)


@given(
    answers=ANSWER_FILES,
    mapping=st.one_of(
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries(
            {"group": st.just("Board")},
            optional={"columns": JSON_VALUES, "values": JSON_VALUES, "group_column": JSON_VALUES},
        ).map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=50),
    ),
)
@SETTINGS
def test_import_responses_refuses_or_imports_any_files(
    answers, mapping, assessment, tmp_path_factory
):
    folder = tmp_path_factory.mktemp("responses")
    (folder / "answers.csv").write_bytes(answers)
    (folder / "mapping.json").write_bytes(mapping)
    before = Response.objects.count()
    _command(
        "import-responses",
        str(assessment.pk),
        str(folder / "answers.csv"),
        "--mapping",
        str(folder / "mapping.json"),
        "--dry-run",
    )
    assert Response.objects.count() == before


@given(content=CSV_LIKE)
@SETTINGS
def test_plan_check_reads_or_refuses_any_file(content, tmp_path_factory, db):
    path = tmp_path_factory.mktemp("plans") / "plan.csv"
    path.write_bytes(content)
    _command("plan", "check", str(path))


@given(content=CSV_LIKE)
@SETTINGS
def test_the_upload_imports_check_any_file(content, assessment):
    """The functions behind the web uploads: a problem list, never an exception."""
    try:
        sheet = imports.read_csv(content)
    except imports.ImportInvalid:
        pass
    else:
        imports.answer_values(sheet, [name for name in sheet.header][:3])
    text = content.decode("utf-8", "replace")
    survey_import.check_rows(text)
    invitees, problems = invitations.check_rows(assessment, text)
    assert invitees or problems
    assert not Participant.objects.exists()
