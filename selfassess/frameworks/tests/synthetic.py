"""Frameworks of any size for the tests that prove pages and the PDF scale with them.

``framework_text(components=27, levels=7)`` writes a valid framework file with that many
components (two statements each unless told) and levels. Titles can carry right-to-left
text, Welsh, emoji and one long unbroken word, as organisations writing their own frameworks
do. Plain Python, so schema tests can use it without Django.
"""

from __future__ import annotations

import yaml

LEVEL_NAMES = (
    "Absent",
    "Aware",
    "Exploring",
    "Trying",
    "Developing",
    "Spreading",
    "Established",
    "Embedded",
    "Sustained",
    "Leading",
)
#: Titles in several scripts and with characters people type: RTL Arabic and Hebrew, Welsh
#: with its circumflexed vowels, emoji, and a word too long for any column.
MIXED_TITLES = (
    "القيادة والثقافة",  # Arabic: leadership and culture
    "שיפור מתמיד בשירות",  # Hebrew: continuous improvement in the service
    "Arweinyddiaeth a gwella ŵyr ŷd",  # Welsh, with ŵ and ŷ
    "Rapid improvement 🚀 with patients 🤝",
    "Interdisciplinaryqualityimprovementcapabilitybuildingprogramme",
)


def framework_text(
    components: int,
    levels: int,
    statements: int = 2,
    framework_id: str | None = None,
    mixed_titles: bool = False,
    long_names: bool = False,
) -> str:
    """A valid framework file as YAML text."""
    scale = [
        {
            "value": value,
            "name": LEVEL_NAMES[value - 1],
            "meaning": f"What level {value} ({LEVEL_NAMES[value - 1]}) means everywhere.",
        }
        for value in range(1, levels + 1)
    ]
    items = []
    for c in range(1, components + 1):
        title = f"Component {c}"
        if mixed_titles and c <= len(MIXED_TITLES):
            title = f"{MIXED_TITLES[c - 1]} {c}"
        if long_names:
            title += " about the way the organisation learns, plans and improves together"
        items.append(
            {
                "id": f"c{c}",
                "title": title,
                "summary": f"What component {c} covers.",
                "what_good_looks_like": [f"A sign of maturity in component {c}."],
                "statements": [
                    {
                        "id": f"c{c}-s{s}",
                        "text": f"Statement {s} of component {c}"
                        + (" ".join([""] + ["with more words to read"] * 4) if long_names else "")
                        + ".",
                        "levels": {
                            v: f"At level {v}, c{c}-s{s} looks like this."
                            for v in range(1, levels + 1)
                        },
                    }
                    for s in range(1, statements + 1)
                ],
            }
        )
    data = {
        "id": framework_id or f"synthetic-{components}-by-{levels}",
        "version": "1",
        "title": f"A framework of {components} components on {levels} levels",
        "purpose": "Proves that pages and reports scale with the framework.",
        "scale": {
            "levels": scale,
            "dont_know": {"label": "Don't know", "meaning": "Not enough seen to judge."},
        },
        "components": items,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
