"""A real headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, for every
suite's browser tests: a pytest plugin loaded by the root conftest, so there is one browser
and one set of fixtures (`page`, `no_js_page`, `phone_page`, `assert_accessible`).

Playwright cannot download browsers here, so it is pointed at the system one. When that
browser is missing the tests skip locally, but fail when SELFASSESS_REQUIRE_BROWSER=1 (as CI
sets it), so a CI run can never pass without them.
"""

import os
import re
import shutil

import pytest

CHROMIUM = os.environ.get("SELFASSESS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test that uses the browser `system`, before `-m` selects by marker."""
    for item in items:
        if _uses_browser(item):
            item.add_marker(pytest.mark.system)


@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_run_browser_tests_last(items):
    """While the browser is open Playwright's event loop is in this thread, so a later test
    would run with DJANGO_ALLOW_ASYNC_UNSAFE set. Running these last (after pytest-django's
    own ordering, hence trylast) leaves nothing after them."""
    items.sort(key=_uses_browser)


BROWSER_FIXTURES = {"browser", "page", "no_js_page", "phone_page"}


def _uses_browser(item):
    """Whether the test opens the browser: by asking for one of its fixtures, or by naming one
    as a parameter that it then asks for with ``request.getfixturevalue``, which pytest cannot
    see at collection (such a test once ran early, leaving Playwright's loop running for the
    tests after it)."""
    names = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "request" in names:
        names |= {value for value in callspec.params.values() if isinstance(value, str)}
    return bool(names & BROWSER_FIXTURES)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: Playwright's sync API allows one instance per thread."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package."
        if os.environ.get("SELFASSESS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop in this thread while the browser is open;
    # Django's database access from the same thread is still synchronous and safe. Put back
    # at the end, and these tests run last (see above), so no other test runs with it set.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.javascript_disabled = True  # assert_accessible reads this: see there
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page; fail on any serious or critical violation, naming it."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        if getattr(page, "javascript_disabled", False):
            results = _run_on_a_copy(axe, page)
        else:
            results = axe.run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in BLOCKING_IMPACTS
        ]
        assert not blocking, f"{page.url}:\n" + "\n".join(blocking)

    return check


SCRIPT_TAG = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
HEAD_TAG = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def _run_on_a_copy(axe, page):
    """axe-core waits on timers, which never fire where JavaScript is off, so it would hang.
    It checks instead a copy of the page as the browser shows it (scripts removed, so the copy
    stays exactly as it is without JavaScript, styles loaded from the same server)."""
    html = SCRIPT_TAG.sub("", page.content())
    html = HEAD_TAG.sub(lambda head: f'{head.group(0)}<base href="{page.url}">', html, count=1)
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()
        copy.set_content(html, wait_until="load")
        return axe.run(copy)
    finally:
        context.close()


# -- helpers for journeys: plain functions, imported with `from tests.browser import ...` -----


def press_tab_until(page, condition, limit=400):
    """Press Tab, as a keyboard user does, until the focused element `el` meets `condition`
    (a JavaScript expression); fail, naming the condition, if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"
        ):
            return
    raise AssertionError(f"Tab never reached an element where {condition} on {page.url}")


def fits_viewport(page):
    """True when the page needs no sideways scrolling (WCAG 1.4.10, reflow at 320 pixels)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def table_rows(table):
    """A table's body as {row header text: [the other cells' text]}, as a reader sees it."""
    return table.evaluate(
        """table => Object.fromEntries([...table.tBodies].flatMap(body => [...body.rows]).map(
            row => [row.cells[0].innerText.trim(),
                    [...row.cells].slice(1).map(cell => cell.innerText.trim())]))"""
    )


def summary_list(locator):
    """An NHS.UK summary list as {key text: value text}."""
    return locator.evaluate(
        """list => Object.fromEntries([...list.querySelectorAll('.nhsuk-summary-list__row')].map(
            row => [row.querySelector('dt').innerText.trim(),
                    row.querySelector('dd').innerText.trim()]))"""
    )
