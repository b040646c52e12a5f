"""The NHS.UK frontend's files, served from the npm package, with its web fonts left out.

The package's stylesheet starts with @font-face rules that load the Frutiger fonts from the
NHS.UK asset server. This service calls no outside service and its Content-Security-Policy
allows fonts from its own origin only, so every page would ask for them, be refused, and log
console errors. The fonts are licensed to NHS.UK and are not in the npm package, so they
cannot be served from here either; the stylesheet falls back to Arial and Helvetica, which
is what these pages showed anyway.

So this finder serves every file of the package as the package has it, except the
stylesheet, which it serves as a copy without the @font-face rules. The copy is made from
the installed package (never committed) when the package changes, so an upgrade carries on.
It is used by `runserver`, the tests and `collectstatic` alike.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "nhsuk"
STYLESHEETS = ("nhsuk-frontend.min.css",)
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def without_font_faces(css: str) -> str:
    """The stylesheet with every @font-face rule removed (they hold no nested braces)."""
    return FONT_FACE.sub("", css)


def derived_copy(source: Path, target_dir: Path) -> Path:
    """The font-free copy of `source`, remade whenever the source's content changes.

    Keyed on a hash of the content, not on file times: npm gives every installed file the
    same fixed modification time, so an upgraded package would look no newer than the copy.
    """
    raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    target_dir = target_dir / digest
    target = target_dir / source.name
    if target.exists():
        return target
    target_dir.mkdir(parents=True, exist_ok=True)
    text = without_font_faces(raw.decode("utf-8"))
    # Written to a temporary file and moved into place, so two processes starting at once
    # never serve a half-written stylesheet.
    handle, temporary = tempfile.mkstemp(dir=target_dir, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)
    return target


class NhsukFrontendFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.root = Path(settings.NHSUK_FRONTEND_DIR)
        self.derived_dir = Path(settings.NHSUK_DERIVED_DIR)
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        if not self.root.is_dir():
            return [
                Error(
                    f"The NHS.UK frontend is not installed at {self.root}.",
                    hint="Run `npm ci` (or `make setup`) to install it from the npm registry.",
                    id="selfassess.E001",
                )
            ]
        return []

    def _path_of(self, name: str) -> Path | None:
        source = self.root / name
        if not source.is_file():
            return None
        if name in STYLESHEETS:
            return derived_copy(source, self.derived_dir)
        return source

    def find(self, path, find_all=False, **kwargs):
        """Django's finders give [] for "not here" whether or not all matches are asked for."""
        find_all = find_all or kwargs.get("all", False)
        if not path.startswith(PREFIX + "/"):
            return []
        name = path[len(PREFIX) + 1 :]
        if ".." in Path(name).parts:
            return []
        found = self._path_of(name)
        if found is None:
            return []
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        if not self.root.is_dir():
            return
        for path in utils.get_files(self.storage, ignore_patterns):
            if path in STYLESHEETS:
                copy = derived_copy(self.root / path, self.derived_dir)
                storage = FileSystemStorage(location=copy.parent)
                storage.prefix = PREFIX
                yield path, storage
            else:
                yield path, self.storage
