"""The board report (web and PDF), its settings and the downloads: figures and access."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.reports.models import ReportSettings
from selfassess.results.tests.helpers import read_page


def pdf_text(content):
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


@pytest.fixture
def facilitator(client, assessment, member_of):
    user = member_of(assessment.organisation, Role.FACILITATOR)
    client.force_login(user)
    return user


def test_report_page_shows_independently_computed_figures(client, assessment, facilitator):
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    tables, _texts = read_page(html)
    glance = next(t for t in tables if t["caption"] == "Components at a glance")
    # Component A pools a-1 (5,5,4,2,2,1,3), a-2 (1,5,3,1,5) and a-3 (4 x 6): 18 rated,
    # sorted 1,1,1,2,2,3,3,4 x 7,5 x 4. Median: the 9th and 10th are 4. Lower quartile at
    # position 17/4 = 4.25 (from 0): 2 + 0.25 (3 - 2) = 2.25; upper at 12.75: 4.
    # Agreed a-1 3 and a-2 2 -> median 2.5; targets 4 and 4 -> 4.
    assert glance["rows"][1][:5] == ["1. Component A", "4", "2.25 to 4", "2.5", "4"]
    statements = next(t for t in tables if t["caption"] == "Component A: statements")
    assert statements["rows"][1] == ["1.1 Statement a-1. (contested)", "3", "2 to 4.5", "3", "4"]
    assert "1 of 15 group figures" not in html  # the count below is worked out, not assumed
    assert "Patient partners" in html and ">Hidden<" in html
    # The figures say which release they come from: the first, at closing, of 3 + 3 + 1 people.
    assert 'data-release="1"' in html
    assert re.search(r"Release 1 \(at closing, [^)]*, 7 people\)", html)


def test_pdf_holds_the_same_figures(client, assessment, facilitator):
    response = client.get(reverse("reports:pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "report to the board" in text
    assert re.search(r"1\. Component A 4 2\.25 to 4 2\.5 4", text)
    assert re.search(r"1\.1 Statement a-1\. \(contested\) 3 2 to 4\.5 3 4", text)
    assert "fewer than 3 people" in text


def test_settings_choose_sections_foreword_and_comments(client, assessment, facilitator):
    from selfassess.assessments.models import Response

    url = reverse("reports:settings", args=[assessment.pk])
    page = client.get(url)
    assert page.status_code == 200
    comment = Response.objects.get(comment__startswith="=")
    # a-1 was answered by 7 people (>= k), so its comment is offered, escaped as text.
    assert "1.1: =HYPERLINK(&#34;http://example.invalid&#34;" in page.content.decode()
    response = client.post(
        url,
        {"sections": ["summary", "plan"], "foreword": "A word from the sponsor.", "comments": []},
    )
    assert response.status_code == 302
    saved = ReportSettings.objects.get(assessment=assessment)
    assert saved.sections == ["summary", "plan"] and saved.foreword == "A word from the sponsor."
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    assert "A word from the sponsor." in html
    assert "Agreement and contested statements" not in html
    assert comment.pk  # the fixture's comment exists


def test_comments_chosen_appear_and_others_do_not(client, assessment, facilitator):
    from selfassess.assessments.models import Response

    first = Response.objects.filter(statement_id="a-3").first()
    first.comment = "We do this well on the wards."
    first.save()
    other = Response.objects.filter(statement_id="a-3").last()
    other.comment = "Not chosen."
    other.save()
    url = reverse("reports:settings", args=[assessment.pk])
    assert "We do this well" in client.get(url).content.decode()
    from selfassess.disclosure import gate

    # Comments are chosen by their key (a digest of their text), never by whose answer held them.
    chosen = gate.comment_key(assessment, "a-3", "We do this well on the wards.")
    response = client.post(url, {"sections": ["comments"], "comments": [chosen]})
    assert response.status_code == 302
    assert ReportSettings.objects.get(assessment=assessment).comment_keys == [chosen]
    refused = client.post(url, {"sections": ["comments"], "comments": [str(first.pk)]})
    assert refused.status_code == 400  # a response's id is not a comment key
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    assert "We do this well on the wards." in html and "Not chosen." not in html


def test_settings_reject_bad_input_and_change_nothing(client, assessment, facilitator):
    url = reverse("reports:settings", args=[assessment.pk])
    response = client.post(url, {"sections": ["nonsense"], "foreword": "x" * 5001})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose sections from the list." in html
    assert "5,000 characters or fewer" in html
    assert not ReportSettings.objects.exists()


@pytest.mark.parametrize(
    ("name", "kwargs", "viewer_status"),
    [
        ("reports:board", {}, 200),
        ("reports:pdf", {}, 200),
        ("reports:settings", {}, 403),
        ("reports:downloads", {}, 403),
        ("reports:xlsx", {}, 403),
        ("reports:json", {}, 403),
        ("reports:csv", {"table": "statements"}, 403),
        ("reports:import", {}, 403),
        ("reports:delete_assessment", {}, 403),
    ],
)
def test_access(client, assessment, member_of, name, kwargs, viewer_status):
    url = reverse(name, kwargs={"pk": assessment.pk, **kwargs})
    assert client.get(url).status_code == 302  # signed out: to sign in
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert client.get(url).status_code == 404  # another organisation's admin
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    assert client.get(url).status_code == viewer_status
    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    assert client.get(url).status_code == 200


def test_downloads(client, assessment, facilitator):
    xlsx = client.get(reverse("reports:xlsx", args=[assessment.pk]))
    assert xlsx.content[:2] == b"PK"
    csv = client.get(reverse("reports:csv", args=[assessment.pk, "statements"]))
    assert csv.content.decode("utf-8-sig").startswith("Number,Statement id")
    assert client.get(reverse("reports:csv", args=[assessment.pk, "nope"])).status_code == 404
    assert client.get(reverse("reports:json", args=[assessment.pk])).json()["about"]


def test_overview_panel_links_by_role(client, assessment, member_of):
    client.force_login(member_of(assessment.organisation, Role.VIEWER))
    html = client.get(reverse("assessments:overview", args=[assessment.pk])).content.decode()
    assert reverse("reports:board", args=[assessment.pk]) in html
    assert reverse("reports:downloads", args=[assessment.pk]) not in html
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    html = client.get(reverse("assessments:overview", args=[assessment.pk])).content.decode()
    assert reverse("reports:downloads", args=[assessment.pk]) in html
    assert reverse("reports:import", args=[assessment.pk]) in html
    data_page = reverse("reports:organisation_data", args=[assessment.organisation.pk])
    assert data_page not in html
    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    html = client.get(reverse("assessments:overview", args=[assessment.pk])).content.decode()
    assert data_page in html
    assert reverse("reports:delete_assessment", args=[assessment.pk]) in html


def test_comparison_with_the_previous_cycle(client, assessment, facilitator):
    """The earlier cycle: Board gave a-1 1, 1, 2 (median 1) and b-1 3, 3, 3. Now a-1's
    median is 3 (see above), so it moved up by 2; agreed a-1 was 2, now 3."""
    from selfassess.assessments.models import Assessment, ConsensusRating
    from selfassess.assessments.tests.factories import ParticipantGroupFactory
    from selfassess.results.tests.helpers import answer_many

    earlier = Assessment.objects.create(
        organisation=assessment.organisation,
        framework_version=assessment.framework_version,
        cycle_label="2025/26",
        anonymity_threshold=3,
    )
    board = ParticipantGroupFactory(assessment=earlier, name="Board")
    answer_many(earlier, board, {"a-1": [1, 1, 2], "b-1": [3, 3, 3]})
    ConsensusRating.objects.create(assessment=earlier, statement_id="a-1", current_level=2)
    assessment.previous = earlier
    assessment.save(update_fields=["previous"])
    html = client.get(reverse("reports:board", args=[assessment.pk])).content.decode()
    tables, _texts = read_page(html)
    table = next(t for t in tables if t["caption"] == "Components, 2025/26 and 2026/27")
    # Component A then: only a-1 was answered (1, 1, 2): median 1; now 4 (see the first
    # test). Agreed then 2 (a-1 only), now 2.5 over a-1 and a-2, but a comparison takes only
    # statements agreed in both cycles: a-1, 2 then and 3 now.
    assert table["rows"][1] == ["1. Component A", "1", "4", "+3", "2", "3", "+1"]
    moved = next(t for t in tables if t["caption"] == "Statements whose median moved most")
    assert ["1.1 Statement a-1.", "1", "3", "+2"] in moved["rows"]


def test_levels_chart_escapes_and_describes_every_figure():
    from selfassess.charts import ScaleLevel
    from selfassess.reports.charts import LevelsRow, levels_chart

    levels = [ScaleLevel(v, f"Level {v}") for v in range(1, 6)]
    svg = levels_chart(
        "x",
        "Title <b>",
        "Description.",
        [
            LevelsRow("Row <script>", 3, 2, 4.5, 2, 4),
            LevelsRow("Empty", None, None, None, None, None),
        ],
        levels,
    )
    assert "<script>" not in svg and "Row &lt;script&gt;" in svg
    assert "survey median 3, middle half from 2 to 4.5; agreed current level 2; target 4." in svg
    assert "Empty: no rated answers; agreed current level \N{EN DASH}; target \N{EN DASH}." in svg
    assert svg.count("<polygon") == 2  # the target in the row and in the key
    assert 'role="img"' in svg


def test_organisation_export_access(client, assessment, member_of):
    url = reverse("reports:organisation_export", args=[assessment.organisation.pk])
    assert client.get(url).status_code == 302
    client.force_login(member_of(OrganisationFactory(), Role.ADMIN))
    assert client.get(url).status_code == 404
    client.force_login(member_of(assessment.organisation, Role.FACILITATOR))
    assert client.get(url).status_code == 403
    client.force_login(member_of(assessment.organisation, Role.ADMIN))
    assert client.get(url).status_code == 200
