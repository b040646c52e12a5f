"""Walk every page a visitor can reach by following links, as they would, in the browser.

Used by the page-wide checks (reflow at 320 pixels, console errors, None shown as text): the
pages come from following the links each page offers, so a page added tomorrow is checked
the day it is linked. Pages of the same kind (one URL pattern) look alike, so at most
`per_kind` of each are loaded. Downloads are recognised by their answer's content type and
not opened as pages; sign-out and the operator's admin site are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

# Links a crawl must not follow: leaving the session, or the operator's own site.
SKIPPED_PREFIXES = ("/operator/", "/static/", "/sign-out")

LINKS = """() => [...document.querySelectorAll('a[href]')]
    .filter(a => !a.hasAttribute('download'))
    .map(a => a.href)"""

# Every element sticking out past the right edge of the window while not inside something
# that scrolls sideways on its own: what makes a page scroll sideways at this width.
OVERFLOWING = r"""() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p !== document.body
          && p !== document.documentElement) return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string'
       ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const out = [], wide = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)) {
      wide.add(el);
      if (wide.has(el.parentElement)) continue;  // name the outermost only
      out.push(name(el) + ' ends at ' + Math.round(box.right) + 'px: '
        + (el.innerText || '').trim().split('\n')[0].slice(0, 60));
    }
  }
  return out.slice(0, 5);
}"""


# Headings that skip a level (an h3 straight after the h1), and back links or headings
# outside every landmark, which a screen reader's landmark list would miss.
STRUCTURE = r"""() => {
  const out = [];
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (h.closest('[hidden], template')) continue;
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1) {
      out.push(`h${level} after h${previous}: ${h.innerText.trim().slice(0, 50)}`);
    }
    previous = level;
  }
  const landmarks = 'main, nav, header, footer, aside, [role=region], [role=navigation]';
  for (const el of document.querySelectorAll('.nhsuk-back-link, h1, h2')) {
    if (!el.closest(landmarks)) {
      out.push('outside any landmark: ' + el.innerText.trim().slice(0, 50));
    }
  }
  return out;
}"""


def kind_of(path: str) -> str | None:
    """The URL pattern a path belongs to ("plans:action(pk, action_id)"), or None if none."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.view_name}({', '.join(sorted(match.kwargs))})"


@dataclass
class Visit:
    url: str
    kind: str
    console_errors: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    structure: list[str] = field(default_factory=list)
    html: str = ""


def crawl(page, base: str, starts: list[str], per_kind: int = 1, limit: int = 250):
    """Load every page reachable from `starts`; yields a Visit for each HTML page loaded.

    The caller's `page` must already hold the visitor's session (signed in, or a
    participant's link opened)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    seen_urls: set[str] = set()
    kinds: dict[str, int] = {}
    queue = [base + start for start in starts]
    loaded = 0
    while queue and loaded < limit:
        url = urldefrag(queue.pop(0)).url
        parts = urlsplit(url)
        if url in seen_urls or not url.startswith(base):
            continue
        seen_urls.add(url)
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        kind = kind_of(parts.path)
        if kind is None or kinds.get(kind, 0) >= per_kind:
            continue
        answer = page.request.get(url)
        if not answer.ok or not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        errors.clear()
        page.goto(url, wait_until="load")
        loaded += 1
        visit = Visit(url=page.url, kind=kind, html=page.content())
        visit.overflow = page.evaluate(OVERFLOWING)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            visit.overflow = visit.overflow or ["the page is wider than the window"]
        else:
            visit.overflow = []
        visit.console_errors = list(errors)
        visit.structure = page.evaluate(STRUCTURE)
        queue.extend(page.evaluate(LINKS))
        yield visit
