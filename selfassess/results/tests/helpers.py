"""Reading results pages back in tests: tables as lists of cell texts, and building answers."""

import re
from html import unescape
from html.parser import HTMLParser

from selfassess.assessments.models import Response
from selfassess.assessments.tests.factories import ParticipantFactory


def answer(assessment, group, answers, comments=None):
    """One participant of ``group`` giving ``answers`` ({statement_id: level or None})."""
    person = ParticipantFactory(assessment=assessment, group=group)
    for statement_id, level in answers.items():
        Response.objects.create(
            participant=person,
            statement_id=statement_id,
            level=level,
            comment=(comments or {}).get(statement_id, ""),
        )
    return person


def answer_many(assessment, group, statement_levels):
    """Participants of ``group``: ``statement_levels`` maps statement id to a list of levels,
    person by person (all lists the same length)."""
    people = len(next(iter(statement_levels.values())))
    for index in range(people):
        answer(assessment, group, {sid: levels[index] for sid, levels in statement_levels.items()})


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.texts = [], []
        self._cell = None
        self._caption = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "caption":
            self._caption = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def read_page(html):
    """(tables, texts): every table as {"caption", "rows"}, and every text node, stripped."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables, parser.texts


def table_by_caption(html, caption):
    tables, _ = read_page(html)
    for table in tables:
        if table["caption"] == caption:
            return table["rows"]
    raise AssertionError(f"no table captioned {caption!r}")


_SUMMARY_ROW = re.compile(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def summary_list(html):
    """The key -> value pairs of the summary lists in ``html``, as text."""

    def text(fragment):
        return unescape(" ".join(_TAG.sub("", fragment).split()))

    return {text(key): text(value) for key, value in _SUMMARY_ROW.findall(html)}
