"""Building SVG text safely: escaping, ids, the accessible outer element, small helpers.

Charts are strings so that pages, PDF reports and exports can all embed the same markup
without a browser or a plotting library. Every piece of text that reaches the SVG goes through
``escape`` (or ``attr`` for attribute values): statement texts, group names and labels are
written by people, and a chart is marked safe when it is put into a page, so an unescaped "<"
would be an injection.

Only presentation attributes are used (``fill``, ``font-size``...), never ``style``
attributes or ``<style>`` elements, so the charts keep working under a strict Content
Security Policy.
"""

import re
from xml.sax.saxutils import escape as _sax_escape

FONT_FAMILY = "Frutiger W01, Arial, Helvetica, sans-serif"
CHAR_WIDTH = 0.56
"""Average character width as a share of the font size, for laying out text without a font."""

# Characters XML 1.0 does not allow at all (C0 controls other than tab, newline and carriage
# return, lone surrogates, U+FFFE and U+FFFF): removed, or the SVG would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def escape(text: object) -> str:
    """Text content: XML-escaped, with characters XML cannot hold removed."""
    return _sax_escape(_NOT_XML.sub("", str(text)))


def attr(text: object) -> str:
    """An attribute value, for use inside double quotes."""
    return _sax_escape(_NOT_XML.sub("", str(text)), {'"': "&quot;", "'": "&#x27;"})


def safe_id(text: str) -> str:
    """An id fragment from any text: letters, digits, '-' and '_' only, never empty."""
    cleaned = _ID_UNSAFE.sub("-", str(text)).strip("-")
    return f"chart-{cleaned or 'unnamed'}"


def num(value: float) -> str:
    """A coordinate, with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def level_text(value: float) -> str:
    """A median or quartile as shown: 3, 3.5 or 3.25 (never 3.0)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH


def fit(text: str, width: float, font_size: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width`` (the full text goes in a
    <title> beside it, so nothing is lost)."""
    limit = max(int(width / (font_size * CHAR_WIDTH)), 1)
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def text_at(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 14,
    fill: str = "#212B32",
    anchor: str = "start",
    weight: str | None = None,
) -> str:
    bold = f' font-weight="{attr(weight)}"' if weight else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{attr(fill)}" '
        f'text-anchor="{attr(anchor)}"{bold}>{escape(content)}</text>'
    )


def hatch_pattern(pattern_id: str, background: str, stripe: str) -> str:
    """Diagonal stripes, so a hidden or "don't know" area differs from levels without colour."""
    return (
        f'<pattern id="{attr(pattern_id)}" patternUnits="userSpaceOnUse" width="8" height="8" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{attr(background)}"/>'
        f'<rect width="3" height="8" fill="{attr(stripe)}"/></pattern>'
    )


def document(
    chart_id: str,
    title: str,
    description: str,
    width: float,
    height: float,
    body: str,
    defs: str = "",
) -> str:
    """The outer <svg>: an image to assistive technology, named by its <title> and described
    by its <desc>, scaling to the width of its container."""
    base = safe_id(chart_id)
    defs_element = f"<defs>{defs}</defs>" if defs else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{base}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" focusable="false" '
        f'aria-labelledby="{base}-title" aria-describedby="{base}-desc" '
        f'font-family="{attr(FONT_FAMILY)}">'
        f'<title id="{base}-title">{escape(title)}</title>'
        f'<desc id="{base}-desc">{escape(description)}</desc>'
        f"{defs_element}{body}</svg>"
    )
