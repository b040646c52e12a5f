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
    """A file claims a version that is already loaded with different content."""


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


@transaction.atomic
def store_framework(framework: Framework, source: str) -> LoadResult:
    """Store a snapshot once; loading the same content again changes nothing."""
    content_hash = framework.content_hash()
    existing = FrameworkVersion.objects.filter(
        framework_id=framework.id, version=framework.version
    ).first()
    if existing is not None:
        if existing.content_hash != content_hash:
            raise VersionConflict(
                f"{source}: version {framework.version!r} of framework {framework.id!r} is "
                "already loaded with different content. Give the changed file a new version "
                "number so assessments made with the old text keep it."
            )
        return LoadResult(existing, created=False)
    snapshot = FrameworkVersion.objects.create(
        framework_id=framework.id,
        version=framework.version,
        title=framework.title,
        content=framework.to_dict(),
        content_hash=content_hash,
        # A file name is not checked by the schema; keep what the column holds.
        source=source[: limits.SOURCE_CHARS_MAX],
    )
    return LoadResult(snapshot, created=True)


def load_file(path) -> LoadResult:
    """Validate and store one file; raises FrameworkInvalid or VersionConflict."""
    framework = load_framework_file(path)
    return store_framework(framework, source=Path(path).name)
