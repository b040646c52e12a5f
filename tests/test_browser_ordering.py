"""The browser tests run last, because Playwright's event loop stays running on the main
thread once the browser is open; a test that opens it must be known as one at collection."""

from types import SimpleNamespace

from tests.browser import _uses_browser


def item(fixtures, params=None):
    callspec = SimpleNamespace(params=params) if params is not None else None
    return SimpleNamespace(fixturenames=fixtures, callspec=callspec)


def test_a_test_asking_for_a_page_uses_the_browser():
    assert _uses_browser(item(["db", "phone_page"]))
    assert _uses_browser(item(["browser"]))


def test_a_page_named_as_a_parameter_and_fetched_by_name_uses_the_browser():
    assert _uses_browser(item(["request", "fixture", "live_server"], {"fixture": "no_js_page"}))


def test_other_tests_do_not():
    assert not _uses_browser(item(["db", "client"]))
    assert not _uses_browser(item(["db", "fixture"], {"fixture": "phone_page"}))  # no request
    assert not _uses_browser(item(["request", "level"], {"level": 3}))
