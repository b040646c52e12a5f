"""Security headers on every page, and a Content-Security-Policy with nothing inline.

The policy is checked as text, then against the pages themselves: every inline script on a
rendered page must be allowed by a hash the test computes itself, and no page or template may
carry an inline style, a <style> element or an event-handler attribute, which the policy
would block.
"""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.urls import reverse

from .world import FACILITATOR, PARTICIPANT

PACKAGE = Path(__file__).resolve().parents[2] / "selfassess"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
BLOCKED_MARKUP = re.compile(r"""(\sstyle\s*=|<style[\s>]|\son[a-z]+\s*=\s*["'])""", re.I)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def pages(world):
    """(client, url) for a spread of pages: public, staff, results, participant."""
    facilitator = world.client_for(FACILITATOR)
    pk = world.home.assessment.pk
    yield world.client_for("anonymous"), reverse("core:home")
    yield world.client_for("anonymous"), reverse("accounts:sign_in")
    yield facilitator, reverse("assessments:overview", args=[pk])
    yield facilitator, reverse("results:overview", args=[pk])
    yield facilitator, reverse("results:groups", args=[pk])
    yield world.client_for(PARTICIPANT), reverse("participation:component", args=[1])


def test_every_page_has_the_security_headers(world):
    for client, url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


def test_the_policy_allows_only_this_origin_and_nothing_inline(world):
    response = world.client_for("anonymous").get(reverse("core:home"))
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in policy["script-src"][1:])
    text = response["Content-Security-Policy"]
    assert "unsafe-inline" not in text and "unsafe-eval" not in text and "*" not in text


def test_every_inline_script_on_a_page_is_allowed_by_its_hash(world):
    seen = 0
    for client, url in pages(world):
        response = client.get(url)
        allowed = set(directives(response)["script-src"])
        for body in INLINE_SCRIPT.findall(response.content.decode()):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, (url, body)
            seen += 1
    assert seen >= 1  # the NHS.UK template's js-enabled line: the check has something to check


def test_pages_carry_no_markup_the_policy_would_block(world):
    for client, url in pages(world):
        html = client.get(url).content.decode()
        assert not BLOCKED_MARKUP.search(html), (url, BLOCKED_MARKUP.search(html).group(0))


# Templates that never reach a browser, so the policy does not apply to them.
NOT_SERVED = {
    "reports/jinja2/reports/board_pdf.jinja": "rendered only into a PDF by WeasyPrint",
}


def _templates():
    return [
        path
        for path in sorted(PACKAGE.glob("*/jinja2/**/*.jinja"))
        if str(path.relative_to(PACKAGE)) not in NOT_SERVED
    ]


@pytest.mark.parametrize("template", _templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_inline_script_or_style(template):
    source = template.read_text()
    assert not INLINE_SCRIPT.search(source), "move the script to a static .js file"
    match = BLOCKED_MARKUP.search(source)
    assert not match, f"{match.group(0).strip()!r}: use a class in the app's static CSS"
