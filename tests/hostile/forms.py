"""The forms on the service's pages, found by reading the pages themselves.

Posting to a URL only tests its form if the test knows the form's fields, and a list kept by
hand would miss the next field added. So every page a permitted visitor can GET is read, and
each ``<form method="post">`` on it gives its action URL and the names of its inputs,
selects and textareas (file inputs apart).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass
class FoundForm:
    action: str
    fields: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    files: set[str] = field(default_factory=set)


class _FormReader(HTMLParser):
    def __init__(self, page_path):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[FoundForm] = []
        self.current: FoundForm | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            action = urlsplit(attrs.get("action") or self.page_path).path or self.page_path
            self.current = FoundForm(action)
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if not name:
                return
            if attrs.get("type") == "file":
                self.current.files.add(name)
            else:
                self.current.fields[name].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def forms_on(html: str, page_path: str) -> list[FoundForm]:
    reader = _FormReader(page_path)
    reader.feed(html)
    return reader.forms
