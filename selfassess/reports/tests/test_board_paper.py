"""The board report as a board paper, read back from the PDF with pypdf: cover sheet,
contents, outline, tags and language, the provisional mark, the foreword's paragraphs, whole
words in headers, and the figures computed by hand in the results fixture."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Assessment
from selfassess.organisations.models import Role
from selfassess.reports.models import ReportSettings
from selfassess.reports.provisional import is_provisional

COVER = {
    "meeting": "Board of directors, meeting in public",
    "meeting_date": date(2027, 5, 14),
    "presenter": "Director of Quality Improvement",
    "purpose": "approval",
    "board_asked": "Note the results.\r\nApprove the development plan.",
    "cover_summary": "Views differ most between the board and front-line staff.",
    "risks": "The board keeps hearing only its own view.",
    "foreword": "First paragraph of the foreword.\r\nSecond paragraph.\r\n\r\nThird paragraph.",
}
SECTION_TITLES = [
    "Foreword",
    "Summary",
    "Agreed levels and survey medians",
    "Agreement and contested statements",
    "Differences between groups",
    "Development plan",
    "Comparison with the last cycle",
    "How these figures were worked out",
]


def pages_text(content):
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.fixture
def facilitator(client, assessment, member_of):
    user = member_of(assessment.organisation, Role.FACILITATOR)
    client.force_login(user)
    return user


def get_pdf(client, assessment):
    response = client.get(reverse("reports:pdf", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content


@pytest.fixture
def paper(client, assessment, facilitator):
    ReportSettings.objects.create(assessment=assessment, **COVER)
    return get_pdf(client, assessment)


def test_the_pdf_is_tagged_with_its_language_and_title(paper):
    reader = PdfReader(io.BytesIO(paper))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    tree = root["/StructTreeRoot"].get_object()
    found = set()

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "keys"):
            if "/S" in node:
                found.add(node["/S"])
                if node["/S"] == "/Figure":
                    assert len(node["/Alt"]) > 40  # the chart's title and its description
            if "/K" in node:
                walk(node["/K"])

    walk(tree)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure", "/L"} <= found
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()
    assert reader.metadata.title.startswith("Improvement self-assessment") or (
        "improvement self-assessment 2026/27" in reader.metadata.title
    )


def test_the_outline_has_an_entry_for_each_section_on_its_page(paper):
    reader = PdfReader(io.BytesIO(paper))
    titles = outline_titles(reader)
    for title in SECTION_TITLES:
        assert title in titles
    assert "Contents" in titles and "The board is asked to" in titles
    texts = pages_text(paper)
    title, sections = reader.outline[0], reader.outline[1]  # the paper's title, then its parts
    assert reader.get_destination_page_number(title) == 0
    entries = [item for item in sections if not isinstance(item, list)]
    assert [e.title for e in entries if e.title in SECTION_TITLES] == SECTION_TITLES
    for entry in entries:
        assert entry.title in texts[reader.get_destination_page_number(entry)]


def test_the_cover_holds_every_field_and_the_contents_give_pages(paper):
    texts = pages_text(paper)
    cover = texts[0]
    assert "Improvement self-assessment 2026/27: report to the board" in cover
    for expected in [
        "Meeting Board of directors, meeting in public",
        "Date of meeting 14 May 2027",
        "Presented by Director of Quality Improvement",
        "Purpose For approval",
        "The board is asked to",
        "Note the results.",
        "Approve the development plan.",
        "Views differ most between the board and front-line staff.",
        "Risks of not acting The board keeps hearing only its own view.",
    ]:
        assert expected in cover
    contents = texts[1]
    assert "Contents" in contents
    for title in SECTION_TITLES:
        match = re.search(rf"{re.escape(title)} (?:\. )+(\d+)", contents)
        assert match, title
        assert title in texts[int(match.group(1)) - 1]  # the page it names holds the section


def test_the_foreword_keeps_its_paragraphs(client, assessment, facilitator):
    ReportSettings.objects.create(assessment=assessment, foreword=COVER["foreword"])
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    for text in ("First paragraph of the foreword.", "Second paragraph.", "Third paragraph."):
        assert f"<p>{text}</p>" in html


def test_the_pdf_holds_figures_computed_by_hand(paper):
    text = " ".join(pages_text(paper))
    # As in test_report: component A's survey median 4, middle half 2.25 to 4, agreed 2.5,
    # target 4; statement a-1 median 3 (1,2,2,3,4,5,5), quartiles 2 and 4.5.
    assert re.search(r"1\. Component A 4 2\.25 to 4 2\.5 4", text)
    assert re.search(r"1\.1 Statement a-1\. \(contested\) 3 2 to 4\.5 3 4", text)
    # The cover's own summary is what the facilitator wrote; the report's summary counts
    # the 7 people who answered (3 board, 3 staff, 1 partner).
    assert "7 people in" in text


def test_an_open_assessment_is_provisional_on_every_page(paper, assessment):
    assert assessment.status == Status.DRAFT and is_provisional(assessment)
    texts = pages_text(paper)
    assert len(texts) >= 4
    assert all("PROVISIONAL" in text for text in texts)


@pytest.mark.parametrize("status", [Status.CLOSED, Status.COMPLETE])
def test_a_closed_assessment_is_not_provisional(client, assessment, facilitator, status):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    assessment.refresh_from_db()
    assert not is_provisional(assessment)
    if status == Status.COMPLETE:
        texts = pages_text(get_pdf(client, assessment))
        assert not any("provisional" in text.lower() for text in texts)


def test_headers_keep_their_words_whole(client, assessment, facilitator):
    """Long group names in a narrow table: every word of every header is found whole in the
    PDF's text, so none was hyphenated or split across lines."""
    assessment.groups.filter(name="Board").update(name="Patient and lived-experience partners")
    assessment.groups.filter(name="Front-line staff").update(
        name="Clinical and professional leaders"
    )
    assessment.groups.filter(name="Patient partners").update(name="Front-line staff")
    lines = [
        line
        for page in PdfReader(io.BytesIO(get_pdf(client, assessment))).pages
        for line in page.extract_text().splitlines()
    ]
    words = {word for line in lines for word in line.split()}
    for word in ["Patient", "lived-experience", "partners", "Clinical", "professional"]:
        assert word in words, word
    assert "Front-line" in words


def test_the_web_report_marks_itself_provisional(client, assessment, facilitator):
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    assert "Provisional: this assessment is still open" in html
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.CLOSED)
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    assert "Provisional" not in html


def test_the_cover_is_saved_from_the_settings_form(client, assessment, facilitator):
    url = reverse("reports:settings", args=[assessment.pk])
    post = {
        "sections": ["summary"],
        "meeting": "  Board of directors  ",
        "meeting_date[day]": "14",
        "meeting_date[month]": "5",
        "meeting_date[year]": "2027",
        "presenter": "Chief Nurse",
        "purpose": "assurance",
        "board_asked": "Note the findings.",
        "cover_summary": "",
        "risks": "",
    }
    assert client.post(url, post).status_code == 302
    saved = ReportSettings.objects.get(assessment=assessment)
    assert (saved.meeting, saved.meeting_date, saved.presenter, saved.purpose) == (
        "Board of directors",
        date(2027, 5, 14),
        "Chief Nurse",
        "assurance",
    )
    page = client.get(url).content.decode()
    assert 'value="Board of directors"' in page and 'value="2027"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"meeting_date[day]": "31", "meeting_date[month]": "2"}, "must be a real date"),
        ({"meeting_date[year]": ""}, "must include a year"),
        ({"purpose": "for fun"}, "Choose the purpose from the list."),
        ({"board_asked": "x" * 2001}, "2,000 characters or fewer"),
        ({"presenter": "x" * 201}, "200 characters or fewer"),
    ],
)
def test_bad_cover_input_is_refused_and_changes_nothing(
    client, assessment, facilitator, changes, message
):
    url = reverse("reports:settings", args=[assessment.pk])
    post = {
        "meeting_date[day]": "14",
        "meeting_date[month]": "5",
        "meeting_date[year]": "2027",
        **changes,
    }
    response = client.post(url, post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportSettings.objects.exists()
