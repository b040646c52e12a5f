"""Personal links and join addresses, and the CSV of links a facilitator downloads.

A personal link carries the participant's token. Only the token's hash is stored, so a link
can be shown once, when it is made, and never again: the CSV is that one moment.
"""

import csv
import io

from django.urls import NoReverseMatch, reverse

# A spreadsheet treats a cell starting with one of these as a formula; a group name such as
# "=HYPERLINK(...)" must stay text when a facilitator opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def personal_link(request, token):
    try:
        path = reverse("participation:start", kwargs={"token": token})
    except NoReverseMatch:
        path = f"/take-part/{token}/"
    return request.build_absolute_uri(path)


def join_link(request, code):
    return request.build_absolute_uri("/join/" + code + "/")


def safe_cell(value):
    """Neutralise spreadsheet formula injection by making such a cell plain text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def links_csv(request, issued):
    """`issued` is a list of (group, token); returns the CSV text, one row per link."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["group", "link"])
    for group, token in issued:
        writer.writerow([safe_cell(group.name), safe_cell(personal_link(request, token))])
    return buffer.getvalue()
