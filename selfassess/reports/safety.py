"""Keeping people's text inert when a spreadsheet opens it.

Spreadsheet programs treat a cell that begins with =, +, - or @ as a formula, and some also
after a leading tab or carriage return; a comment such as ``=HYPERLINK("http://...")`` would
then run on an analyst's machine (OWASP, "CSV Injection"). Every text cell written to a
workbook or a CSV file goes through ``neutralise``, which puts an apostrophe in front: the
text stays readable and is never evaluated.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that cannot start a formula; anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
