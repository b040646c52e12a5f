"""The NHS.UK stylesheet is served without the web fonts that only an outside server has."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from selfassess.core.staticfinders import NhsukFrontendFinder, derived_copy, without_font_faces


def test_the_served_stylesheet_asks_for_no_outside_font():
    original = (Path(settings.NHSUK_FRONTEND_DIR) / "nhsuk-frontend.min.css").read_text()
    assert "@font-face" in original and "https://" in original  # what the package ships
    served = Path(finders.find("nhsuk/nhsuk-frontend.min.css")).read_text()
    assert "@font-face" not in served
    assert "https://" not in served
    # Everything else in the stylesheet is kept, byte for byte.
    assert served == without_font_faces(original)
    assert len(original) - len(served) == sum(len(rule) for rule in _rules(original))


def _rules(css):
    rules, start = [], css.find("@font-face")
    while start != -1:
        end = css.index("}", start) + 1
        rules.append(css[start:end])
        start = css.find("@font-face", end)
    return rules


def test_other_package_files_are_served_as_the_package_has_them():
    found = finders.find("nhsuk/nhsuk-frontend.min.js")
    assert Path(found) == Path(settings.NHSUK_FRONTEND_DIR) / "nhsuk-frontend.min.js"
    assert finders.find("nhsuk/../package.json") is None
    assert finders.find("core/service.css") is not None  # the apps' own files still come


def test_collectstatic_lists_the_copy_in_place_of_the_original():
    listed = {path: storage for path, storage in NhsukFrontendFinder().list([])}
    css = listed["nhsuk-frontend.min.css"]
    assert "@font-face" not in Path(css.path("nhsuk-frontend.min.css")).read_text()
    assert "nhsuk-frontend.min.js" in listed


def test_a_changed_package_gets_a_new_copy(tmp_path):
    source = tmp_path / "sheet.css"
    source.write_text("@font-face{src:url(https://x/a.woff2)}body{color:red}")
    first = derived_copy(source, tmp_path / "out")
    assert first.read_text() == "body{color:red}"
    source.write_text("@font-face{src:url(https://x/b.woff2)}body{color:blue}")
    second = derived_copy(source, tmp_path / "out")
    assert second.read_text() == "body{color:blue}"
