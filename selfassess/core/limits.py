"""What the service can hold, declared once: every door checks input against these figures.

A framework, an upload or a form post written by someone else must never reach a database
column, a page or the memory of a worker that cannot hold it. So the limits are named here,
once, and every door uses them with the same words:

* the framework validator (``selfassess.frameworks.schema``), and so ``framework validate``,
  ``framework load`` and the organisation import, which checks every framework snapshot it
  carries with the same checks;
* the organisation import (``selfassess.reports.orgdata_checks``): sizes, nesting, every
  column's size and range;
* the response, survey and invitation imports and the forms (dates, numbers, texts);
* the settings (request bodies, form fields, uploads), so a body too large for any page is
  refused before it is read.

Plain Python with no Django import, so the framework schema (which is tested without Django)
can use it. ``selfassess/core/tests/test_limits.py`` checks that the database columns are at
least as large as the figures here, so a migration that narrows a column fails a test.

Level values: the database keeps levels in a small unsigned integer column (0 to 32,767 on
every supported database), and a scale is a short ordered list, so level values must be
whole numbers from ``LEVEL_VALUE_MIN`` to ``LEVEL_VALUE_MAX``. A scale written as -2 to 2 is
refused with a message that suggests 0 to 4 (or 1 to 5): the analysis works on the order of
the levels, so nothing is lost by shifting them.
"""

from __future__ import annotations

# -- framework files ----------------------------------------------------------------------------

#: Bytes in one framework file. The shipped frameworks are under 50 kB; a 40-component,
#: 10-level framework with generous texts is well under 1 MB.
FRAMEWORK_FILE_BYTES_MAX = 2 * 1024 * 1024
#: Nodes (texts, numbers, lists, mappings) once every YAML alias is expanded, and characters
#: of text once expanded: an alias repeats a text without repeating its bytes, so a small file
#: could otherwise become gigabytes when stored or shown.
FRAMEWORK_NODES_MAX = 200_000
FRAMEWORK_CHARACTERS_MAX = 4_000_000

COMPONENTS_MAX = 40
STATEMENTS_PER_COMPONENT_MAX = 40
STATEMENTS_MAX = 400
LEVELS_MIN = 2
LEVELS_MAX = 10
LEVEL_VALUE_MIN = 0
LEVEL_VALUE_MAX = 100
POINTS_PER_COMPONENT_MAX = 30  # "what good looks like" points
GLOSSARY_ENTRIES_MAX = 500
TIPS_MAX = 100

#: Column sizes: framework id, version and title (FrameworkVersion), and statement and
#: component ids, stored on every response, vote, consensus and participant.
ID_CHARS_MAX = 60
VERSION_CHARS_MAX = 40
TITLE_CHARS_MAX = 300
SOURCE_CHARS_MAX = 300

#: Texts shown on pages: short names fit a heading or a table cell, long texts a paragraph.
NAME_CHARS_MAX = 300  # component titles, level names, glossary terms
LABEL_CHARS_MAX = 100  # the "don't know" label, shown on a radio button
STATEMENT_CHARS_MAX = 1_000
TEXT_CHARS_MAX = 10_000  # purpose, summaries, meanings, descriptors, guidance, definitions

#: Framework file text limits by the place's last key, used by the schema checker.
FRAMEWORK_TEXT_LIMITS = {
    "id": ID_CHARS_MAX,
    "version": VERSION_CHARS_MAX,
    "title": TITLE_CHARS_MAX,
    "name": NAME_CHARS_MAX,
    "term": NAME_CHARS_MAX,
    "label": LABEL_CHARS_MAX,
    "text": STATEMENT_CHARS_MAX,
}

# -- uploads and imports ------------------------------------------------------------------------

#: The organisation export: one JSON file of everything an organisation owns.
ORG_FILE_BYTES_MAX = 200 * 1024 * 1024
#: JSON nesting: the export is at most six levels deep (document, models, model, row,
#: fields, a JSON field's own content); a framework snapshot adds five.
JSON_DEPTH_MAX = 32

#: A sharing file between deployments (``selfassess.exchange``): one share payload, whose
#: largest part is 400 statements' rationale, plus its context and signature.
SHARE_FILE_BYTES_MAX = 10 * 1024 * 1024

#: CSV uploads (responses, staff survey, invitations, plans).
CSV_FILE_BYTES_MAX = 5_000_000
CSV_ROWS_MAX = 20_000
CSV_COLUMNS_MAX = 500
CSV_CELL_CHARS_MAX = 10_000

# -- sharing between organisations --------------------------------------------------------------

#: A learning note beside a share: a short paragraph on what worked, and who to ask (a role,
#: never a person's name).
LEARNING_NOTE_CHARS_MAX = 1_500
CONTACT_ROLE_CHARS_MAX = 150
#: The response import keeps the file in the session between its steps, so it is smaller
#: than the other CSV uploads.
RESPONSE_IMPORT_BYTES_MAX = 2 * 1024 * 1024
#: Invitation lists and staff survey files uploaded through a page.
SMALL_UPLOAD_BYTES_MAX = 1_000_000
#: Different answers an imported file may hold: each becomes one choice on the page that
#: says what it means, and a file of free text would otherwise make a page of thousands.
IMPORT_ANSWER_VALUES_MAX = 200

# -- groups -------------------------------------------------------------------------------------

#: Groups in one assessment. Results are shown group by group (and withheld below the
#: anonymity threshold), so a useful assessment has a handful; thirty covers every staff
#: group, site and directorate split we have seen, and keeps the pages that list groups
#: (personal links, results, the response import) quick.
GROUPS_PER_ASSESSMENT_MAX = 30

# -- request bodies -----------------------------------------------------------------------------

#: The largest file any page accepts (the response import), and the most a request body may
#: be: that file plus room for the form's other fields and the multipart framing. A body
#: over it is refused before it is read (``selfassess.core.uploads``), and the proxy in front
#: should refuse it too (README, "Running it in production").
UPLOAD_FILE_BYTES_MAX = max(RESPONSE_IMPORT_BYTES_MAX, SMALL_UPLOAD_BYTES_MAX)
REQUEST_BODY_BYTES_MAX = UPLOAD_FILE_BYTES_MAX + 64 * 1024
#: A form's fields other than files (DATA_UPLOAD_MAX_MEMORY_SIZE): a pasted invitation list
#: of up to 1 MB, URL-encoded, is the largest.
FORM_BODY_BYTES_MAX = 2 * 1024 * 1024
#: Fields in one form post (DATA_UPLOAD_MAX_NUMBER_FIELDS): the column-matching form of the
#: response import has one per column, so this must exceed ``CSV_COLUMNS_MAX``.
FORM_FIELDS_MAX = 1_000
#: Files in one post (DATA_UPLOAD_MAX_NUMBER_FILES): no page takes more than one.
FORM_FILES_MAX = 5

# -- numbers and dates in forms and files -------------------------------------------------------

#: The years a date typed into a form may have: wide enough for any plan or closing date,
#: narrow enough that no date arithmetic overflows.
YEAR_MIN = 1900
YEAR_MAX = 2200
#: Digits a number typed into a form may have before it is refused without being parsed.
NUMBER_DIGITS_MAX = 9
#: The largest whole number a positive integer column holds on every supported database.
POSITIVE_INT_MAX = 2_147_483_647
SMALL_INT_MAX = 32_767

# -- email ---------------------------------------------------------------------------------------

#: People one invitation list may hold.
INVITATION_LIST_ROWS_MAX = 2_000
#: Emails to participants (invitations, reminders and resends) one organisation may have
#: queued in any hour and in any day. The service's own address sends them, so an account
#: that set up an organisation cannot use it to send unlimited mail. An hour allows one full
#: list; a day allows a large trust's whole staff list in a few lists.
PARTICIPANT_EMAILS_PER_HOUR = 2_000
PARTICIPANT_EMAILS_PER_DAY = 6_000
#: Characters of a mail server's refusal kept to show a facilitator.
MAIL_FAILURE_CHARS_MAX = 300
