"""Checks of a page's HTML that every suite can use, whatever fetched the page.

`shown_none` finds Python's None printed where a reader expects a value or an error message:
"Description None", or "Error: None" on a form nobody has touched, which is what a Jinja
macro returning `none` gives the NHS.UK macros. A sentence that starts "None of ..." is text,
not a leak, so only a piece of text that *is* None (or ends a label with it) counts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# A text node that is the bare word, or ends with it after a label ("Owner: None", "(None)").
BARE_NONE = re.compile(r"(?:^|.*[:(\-\u2013]\s*)None[.)]?$", re.DOTALL)


class _NoneFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0  # inside <script> or <style>
        self._tag = ""

    def handle_starttag(self, tag, attrs):
        self._tag = tag
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value is not None and value.strip() == "None":
                self.found.append(f'<{tag} {name}="None">')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if not self._skip and text and BARE_NONE.fullmatch(text):
            self.found.append(f"<{self._tag}> ... {text[-60:]}")


def shown_none(html: str) -> list[str]:
    """Every place the page shows None as text or as an attribute's value."""
    finder = _NoneFinder()
    finder.feed(html)
    finder.close()
    return finder.found
