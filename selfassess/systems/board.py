"""The system's board paper (PDF) and workbook, from the same picture as its pages.

The tables are built once (``tables``) and written by the reports app's workbook writer, so
text is made safe for spreadsheets the same way; the PDF is the board paper's own template
laid out by WeasyPrint with the board report's stylesheet, as a tagged PDF/UA document.
Members are in name order and components side by side: there is no total and no ranking.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from selfassess.reports.data import DECIMAL, INTEGER, Column, Table
from selfassess.reports.writers import write_xlsx

from .picture import SystemPicture

OWN = " (the system's own assessment)"
FOOTER = '@page { @bottom-left { content: "Improvement self-assessment: a system\'s members" } }'


def _scope(cycle) -> str:
    scope = cycle.payload["scope"]
    parts = ["agreed positions"]
    if scope["rationale"]:
        parts.append("rationale")
    if scope["survey"]:
        parts.append("survey summaries")
    return ", ".join(parts)


def _rows_of_members(picture: SystemPicture):
    """(label, cycle) for each member that shared, in name order, then the system's own."""
    rows = [(m, picture.latest[m]) for m in picture.shared_members]
    if picture.own:
        rows.append((picture.own.member + OWN, picture.own))
    return rows


def tables(system, picture: SystemPicture) -> list[Table]:
    about = Table(
        "about",
        "About",
        [Column("item", "Item"), Column("value", "Value")],
        [
            ["System", system.name],
            ["Kind", system.get_kind_display()],
            ["Members", len(picture.members)],
            ["Members that shared", len(picture.shared_members)],
            [
                "Framework",
                picture.structure["framework"]["title"] if picture.structure else "None shared",
            ],
            ["Made", timezone.localtime().strftime("%-d %B %Y %H:%M")],
        ],
    )
    members = Table(
        "members",
        "Members and what they shared",
        [
            Column("member", "Member"),
            Column("cycle", "Cycle"),
            Column("shared", "Shared"),
            Column("release", "Survey release", INTEGER),
            Column("carried_from", "Shared by a predecessor"),
        ],
    )
    for label, cycle in _rows_of_members(picture):
        survey = cycle.payload.get("survey")
        members.rows.append(
            [
                label,
                cycle.cycle,
                _scope(cycle),
                survey["release"]["number"] if survey else None,
                cycle.from_name if cycle.carried_on else "",
            ]
        )
    components = Table(
        "components",
        "Components by member",
        [
            Column("component", "Component"),
            Column("member", "Member"),
            Column("current", "Agreed current level", DECIMAL),
            Column("target", "Target level", DECIMAL),
            Column("survey_median", "Survey median", DECIMAL),
        ],
    )
    for component in picture.components:
        cid = component["id"]
        for label, cycle in _rows_of_members(picture):
            part = cycle.component(cid)
            components.rows.append(
                [
                    component["title"],
                    label,
                    part.get("current"),
                    part.get("target"),
                    cycle.survey_median(cid, component=True),
                ]
            )
    across_columns = [
        Column("members", "Members with a level", INTEGER),
        Column("median", "Median agreed level", DECIMAL),
        Column("lowest", "Lowest", DECIMAL),
        Column("highest", "Highest", DECIMAL),
        Column("spread", "Spread (highest minus lowest)", DECIMAL),
        Column("target_median", "Median target", DECIMAL),
        Column("survey_median", "Median of survey medians", DECIMAL),
    ]

    def across_row(across, kinds_key):
        current = across["current"][kinds_key]
        return [
            current.n,
            current.median,
            current.lowest,
            current.highest,
            current.spread,
            across["target"][kinds_key].median,
            across["survey"][kinds_key].median,
        ]

    across_components = Table(
        "across_components",
        "Components across members",
        [Column("component", "Component"), *across_columns],
    )
    for component in picture.components:
        across_components.rows.append(
            [component["title"], *across_row(picture.across_components, component["id"])]
        )
    statements = Table(
        "statements",
        "Statements by member",
        [
            Column("number", "Statement"),
            Column("text", "Text"),
            Column("member", "Member"),
            Column("current", "Agreed current level", INTEGER),
            Column("target", "Target level", INTEGER),
            Column("survey_median", "Survey median", DECIMAL),
        ],
    )
    across_statements = Table(
        "across_statements",
        "Statements across members",
        [
            Column("number", "Statement"),
            Column("text", "Text"),
            *across_columns,
            Column("rating_highly", "Members at the top two levels"),
        ],
    )
    for sid in picture.statement_ids:
        ref = picture.statement_refs[sid]
        for label, cycle in _rows_of_members(picture):
            statements.rows.append(
                [
                    ref["number"],
                    ref["text"],
                    label,
                    cycle.current(sid),
                    cycle.target(sid),
                    cycle.survey_median(sid),
                ]
            )
        across_statements.rows.append(
            [
                ref["number"],
                ref["text"],
                *across_row(picture.across_statements, sid),
                "; ".join(picture.rating_highly.get(sid, [])),
            ]
        )
    notes = Table(
        "notes",
        "Learning notes",
        [
            Column("number", "Statement"),
            Column("member", "Member"),
            Column("current", "Their agreed level", INTEGER),
            Column("contact", "Contact"),
            Column("note", "What has worked"),
        ],
    )
    for note in picture.notes:
        ref = picture.statement_refs.get(note.statement_id)
        if ref:
            notes.rows.append(
                [ref["number"], note.member, note.current, note.contact_role, note.text]
            )
    return [
        about,
        members,
        across_components,
        components,
        across_statements,
        statements,
        notes,
    ]


def workbook(system, picture: SystemPicture) -> bytes:
    return write_xlsx(tables(system, picture))


def board_html(system, picture: SystemPicture) -> str:
    return render_to_string(
        "systems/board_pdf.jinja",
        {"system": system, "picture": picture, "made": timezone.localtime()},
    )


def board_pdf(system, picture: SystemPicture) -> bytes:
    from weasyprint import CSS, HTML  # loading Pango is slow and only PDFs need it

    from selfassess.reports.pdf import PDF_VARIANT, STYLESHEET

    footer = CSS(string=FOOTER)
    return HTML(string=board_html(system, picture), base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET)), footer], pdf_variant=PDF_VARIANT
    )
