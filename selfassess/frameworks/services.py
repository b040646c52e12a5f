"""Loading framework files into the database."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from selfassess.core import limits

from .models import FrameworkVersion
from .schema import Framework, load_framework_file

LIBRARY_DIR = Path(__file__).resolve().parent / "library"


class VersionConflict(Exception):
    """A snapshot that differs from the one already loaded with its id and version, or
    that would add a version to a framework belonging to someone else."""


@dataclass(frozen=True)
class LoadResult:
    snapshot: FrameworkVersion
    created: bool


def framework_files():
    """Every framework file the service knows: the shipped library, then local folders."""
    folders = [LIBRARY_DIR, *settings.SELFASSESS_FRAMEWORK_DIRS]
    files = []
    for folder in folders:
        files.extend(sorted(Path(folder).glob("*.yaml")) + sorted(Path(folder).glob("*.yml")))
    return files


def conflict(framework_id: str, version: str, content_hash: str, owner, source: str) -> str | None:
    """Why ``framework`` cannot be stored for ``owner``, or None: the checks every door
    shares (``framework load``, ``load-library`` and the organisation import).

    A snapshot with the id and version of one already here must be that one, word for word,
    and belong to the same owner (or to everyone); and a new version of a framework must
    have the owner of its earlier versions, so nobody can add a version of another's
    framework (or of a shipped one) and have it offered as the latest."""
    existing = FrameworkVersion.objects.filter(framework_id=framework_id, version=version).first()
    if existing is not None:
        if existing.content_hash != content_hash:
            return (
                f"{source}: version {version!r} of framework {framework_id!r} is "
                "already loaded with different content, so it is refused. Give the changed "
                "file a new version number so assessments made with the old text keep it."
            )
        if existing.owner_id is not None and existing.owner_id != getattr(owner, "pk", None):
            return (
                f"{source}: version {version!r} of framework {framework_id!r} "
                "belongs to another organisation here. Give the custom framework its own id."
            )
        return None
    earlier = (
        FrameworkVersion.objects.filter(framework_id=framework_id).select_related("owner").first()
    )
    if earlier is None or earlier.owner_id == getattr(owner, "pk", None):
        return None
    claim = f"{source}: version {version!r} of framework {framework_id!r}"
    if earlier.owner_id is None:
        return (
            f"{claim} is refused: {framework_id!r} is a framework shared by every "
            "organisation, and only the operator adds versions of it. Ask the operator to "
            "load that version (or give a custom framework its own id), then try again."
        )
    if owner is None:
        return (
            f"{claim} is refused: {framework_id!r} belongs to the organisation "
            f"{earlier.owner.name!r}. Load it with --organisation for that organisation, or "
            "give the shared framework its own id."
        )
    return (
        f"{claim} is refused: {framework_id!r} belongs to another organisation here. Give "
        "the custom framework its own id."
    )


@transaction.atomic
def store_framework(framework: Framework, source: str, owner=None) -> LoadResult:
    """Store a snapshot once, for everyone (``owner`` None) or for one organisation; loading
    the same content again changes nothing. Raises VersionConflict (see ``conflict``)."""
    content_hash = framework.content_hash()
    if problem := conflict(framework.id, framework.version, content_hash, owner, source):
        raise VersionConflict(problem)
    existing = FrameworkVersion.objects.filter(
        framework_id=framework.id, version=framework.version
    ).first()
    if existing is not None:
        return LoadResult(existing, created=False)
    snapshot = FrameworkVersion.objects.create(
        framework_id=framework.id,
        version=framework.version,
        title=framework.title,
        content=framework.to_dict(),
        content_hash=content_hash,
        # A file name is not checked by the schema; keep what the column holds.
        source=source[: limits.SOURCE_CHARS_MAX],
        owner=owner,
    )
    return LoadResult(snapshot, created=True)


def load_file(path, owner=None) -> LoadResult:
    """Validate and store one file; raises FrameworkInvalid or VersionConflict."""
    framework = load_framework_file(path)
    return store_framework(framework, source=Path(path).name, owner=owner)
