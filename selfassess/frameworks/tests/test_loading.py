"""Loading framework files into immutable snapshots, and the `framework` command."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selfassess.assessments.tests.factories import AssessmentFactory, small_framework_yaml
from selfassess.frameworks.models import FrameworkVersion, ImmutableSnapshotError
from selfassess.frameworks.services import LIBRARY_DIR, VersionConflict, load_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework_file(tmp_path):
    path = tmp_path / "local.yaml"
    path.write_text(small_framework_yaml(framework_id="local-adaptation"))
    return path


def test_loading_stores_a_snapshot_with_its_hash(framework_file):
    result = load_file(framework_file)
    assert result.created
    snapshot = FrameworkVersion.objects.get()
    assert snapshot.framework_id == "local-adaptation"
    assert snapshot.source == "local.yaml"
    assert len(snapshot.content_hash) == 64
    assert [s.id for s in snapshot.framework.statements()] == ["a-1", "a-2", "a-3", "b-1", "b-2"]


def test_loading_the_same_file_again_changes_nothing(framework_file):
    first = load_file(framework_file).snapshot
    second = load_file(framework_file)
    assert not second.created
    assert second.snapshot.pk == first.pk
    assert FrameworkVersion.objects.count() == 1


def test_a_changed_file_under_the_same_version_is_refused(framework_file):
    load_file(framework_file)
    framework_file.write_text(
        framework_file.read_text().replace("Statement a-1.", "A reworded statement.")
    )
    with pytest.raises(VersionConflict, match="new version number"):
        load_file(framework_file)
    assert FrameworkVersion.objects.count() == 1


def test_a_new_version_leaves_existing_assessments_on_the_old_text(framework_file):
    old = load_file(framework_file).snapshot
    assessment = AssessmentFactory(framework_version=old)
    framework_file.write_text(
        framework_file.read_text()
        .replace('version: "1"', 'version: "2"')
        .replace("Statement a-1.", "A reworded statement.")
    )
    new = load_file(framework_file).snapshot
    assert new.pk != old.pk
    assessment.refresh_from_db()
    assert assessment.framework.statement("a-1").text == "Statement a-1."
    assert new.framework.statement("a-1").text == "A reworded statement."


def test_a_snapshot_cannot_be_edited(framework_file):
    snapshot = load_file(framework_file).snapshot
    snapshot.title = "Changed"
    with pytest.raises(ImmutableSnapshotError):
        snapshot.save()
    assert FrameworkVersion.objects.get().title == "Test framework"


def test_a_snapshot_in_use_cannot_be_deleted(framework_file):
    from django.db.models import ProtectedError

    snapshot = load_file(framework_file).snapshot
    AssessmentFactory(framework_version=snapshot)
    with pytest.raises(ProtectedError):
        snapshot.delete()


def test_the_library_loads_three_frameworks(library_loaded):
    assert set(library_loaded) >= {"nhs-impact", "programme-design", "board-leadership"}
    impact = library_loaded["nhs-impact"].framework
    assert [c.title for c in impact.components] == [
        "Building a shared purpose and vision",
        "Investing in people and culture",
        "Developing leadership behaviours",
        "Building improvement capability and capacity",
        "Embedding improvement into management systems and processes",
    ]


def test_the_default_framework_meets_its_brief(library_loaded):
    impact = library_loaded["nhs-impact"].framework
    assert all(5 <= len(c.statements) <= 8 for c in impact.components)
    assert len(impact.statements()) >= 28
    assert impact.scale.values == (1, 2, 3, 4, 5)
    for statement in impact.statements():
        for level, text in statement.descriptors.items():
            assert len(text.split()) <= 40, (statement.id, level)
    terms = {entry.term.lower() for entry in impact.glossary}
    assert len(terms) >= 15
    for needed in ["co-production", "lived experience", "improvement specialist"]:
        assert any(needed in term for term in terms), needed
    assert all(c.what_good_looks_like for c in impact.components)
    assert impact.tips


def test_command_validate_reports_success(framework_file, capsys):
    call_command("framework", "validate", str(framework_file))
    assert "local.yaml: valid" in capsys.readouterr().out


def test_command_validate_fails_with_every_problem(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        small_framework_yaml()
        .replace("          3: Descriptor 3 of a-2.\n", "")
        .replace("id: b-2", "id: a-1")
    )
    with pytest.raises(CommandError) as error:
        call_command("framework", "validate", str(broken))
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "broken.yaml" in err
    assert "components[0].statements[1].levels" in err
    assert "a-1" in err


def test_command_list_shows_loaded_versions_and_files(library_loaded, capsys):
    call_command("framework", "list")
    out = capsys.readouterr().out
    assert "nhs-impact" in out
    assert str(LIBRARY_DIR / "nhs-impact.yaml") in out


def test_command_load_refuses_a_bad_file_and_loads_nothing(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n")
    with pytest.raises(CommandError):
        call_command("framework", "load", str(broken))
    assert not FrameworkVersion.objects.exists()


def test_local_framework_folders_are_loaded_with_the_library(tmp_path, settings):
    (tmp_path / "ours.yaml").write_text(small_framework_yaml(framework_id="ours", levels=3))
    settings.SELFASSESS_FRAMEWORK_DIRS = [tmp_path]
    call_command("framework", "load-library")
    ours = FrameworkVersion.objects.get(framework_id="ours")
    assert ours.framework.scale.values == (1, 2, 3)
