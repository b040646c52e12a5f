"""A framework of 27 components on 7 levels, of this project's own words, with Welsh, Arabic,
Hebrew, emoji and a very long word in its titles, taken through a whole cycle as its users
would: set up, personal links, answers (one person through every page, the rest in bulk),
results, a workshop vote, consensus, a plan, the board PDF (every component's name in its
text), the workbook, the next cycle and the comparison of the two.

Every figure checked is computed here independently from the answers the test made.
"""

import csv
import datetime
import io
import statistics

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from selfassess.assessments.models import Assessment, Participant, Response
from selfassess.frameworks.schema import load_framework_file
from selfassess.frameworks.services import store_framework
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.results.tests.helpers import table_by_caption
from selfassess.workshop.models import Vote

from .builders import TWENTY_SEVEN, level_for
from .test_pdf_scales import words

GROUPS = ["Board", "Front-line staff"]
PEOPLE = 4  # per group; k = 3, so both groups are shown


def dates(name, days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return {f"{name}[day]": day.day, f"{name}[month]": day.month, f"{name}[year]": day.year}


def ok(response, status=(200, 302)):
    assert response.status_code in status, (response.status_code, response.content[:500])
    return response


def create_assessment(client, organisation, snapshot, label, path="assessments:create"):
    ok(
        client.post(
            reverse(path, args=[organisation.pk]),
            {
                "framework_version": snapshot.pk,
                "cycle_label": label,
                "groups": GROUPS,
                "anonymity_threshold": "3",
                "introduction": "Tell us honestly where we stand.",
                **dates("closes_on", 30),
            },
        )
    )
    return Assessment.objects.get(organisation=organisation, cycle_label=label)


def issue_links(client, assessment):
    counts = {f"group_{group.pk}": str(PEOPLE) for group in assessment.groups.all()}
    response = ok(client.post(reverse("assessments:links_csv", args=[assessment.pk]), counts))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == PEOPLE * len(GROUPS)
    return [(row["group"], row["link"].rstrip("/").rsplit("/", 1)[-1]) for row in rows]


def answer_through_every_page(token, framework, levels_of):
    """One participant, in a browser of their own, through all 27 component pages."""
    browser = Client()
    ok(browser.get(reverse("participation:start", args=[token])))
    participant = Participant.from_token(token)
    for position, component in enumerate(framework.components, start=1):
        data = {"participant": participant.pk, "action": "continue"}
        for statement in component.statements:
            data[f"answer-{statement.id}"] = str(levels_of[statement.id])
            data[f"comment-{statement.id}"] = ""
        response = browser.post(reverse("participation:component", args=[position]), data)
        assert response.status_code == 302, (position, response.content[:300])
    ok(browser.post(reverse("participation:check")))
    participant.refresh_from_db()
    assert participant.completed_at is not None


def answer_the_rest(assessment, framework, people, offset):
    """Everyone else's answers, as the import would store them."""
    values = framework.scale.values
    expected = {}
    for number, participant in enumerate(people):
        levels = {
            statement.id: level_for(values, number + offset, index)
            for index, statement in enumerate(framework.statements())
        }
        Response.objects.bulk_create(
            Response(participant=participant, statement_id=sid, level=level)
            for sid, level in levels.items()
        )
        participant.completed_at = timezone.now()
        participant.save(update_fields=["completed_at"])
        for sid, level in levels.items():
            expected.setdefault(sid, []).append(level)
    return expected


@pytest.mark.django_db(transaction=False)
def test_a_27_component_7_level_framework_through_a_whole_cycle(facilitator_of):
    framework = load_framework_file(TWENTY_SEVEN)
    assert (len(framework.components), framework.scale.values) == (27, (1, 2, 3, 4, 5, 6, 7))
    snapshot = store_framework(framework, source=TWENTY_SEVEN.name).snapshot
    organisation = OrganisationFactory()
    client = facilitator_of(organisation)

    # -- set up, open and invite ---------------------------------------------------------
    assessment = create_assessment(client, organisation, snapshot, "2026/27")
    ok(client.post(reverse("assessments:open", args=[assessment.pk])))
    links = issue_links(client, assessment)

    # -- answers: one person through every page, the rest in bulk ------------------------
    first_levels = {
        s.id: framework.scale.values[i % 7] for i, s in enumerate(framework.statements())
    }
    answer_through_every_page(links[0][1], framework, first_levels)
    others = [Participant.from_token(token) for _group, token in links[1:]]
    expected = answer_the_rest(assessment, framework, others, offset=1)
    for sid, level in first_levels.items():
        expected[sid].append(level)
    ok(client.post(reverse("assessments:close", args=[assessment.pk])))

    # -- results: every component's page, figures against an independent median ----------
    overview = ok(client.get(reverse("results:overview", args=[assessment.pk]))).content.decode()
    for component in framework.components:
        page = ok(client.get(reverse("results:component", args=[assessment.pk, component.id])))
        assert component.title in overview or component.title in page.content.decode()
    board = ok(client.get(reverse("reports:board", args=[assessment.pk]))).content.decode()
    glance = table_by_caption(board, "Components at a glance")[1:]
    assert len(glance) == 27
    for row, component in zip(glance, framework.components, strict=True):
        pooled = [level for s in component.statements for level in expected[s.id]]
        median = statistics.median(pooled)
        assert row[0].endswith(component.title)
        assert float(row[1]) == median, component.title

    # -- workshop: a vote on the first statement, revealed --------------------------------
    ok(client.post(reverse("workshop:start", args=[assessment.pk])))
    ok(client.post(reverse("workshop:open_vote", args=[assessment.pk]), {"round": ""}))
    from selfassess.workshop.models import VoteRound

    round_ = VoteRound.objects.get(session__assessment=assessment, state="open")
    for number, (_group, token) in enumerate(links[:3]):
        phone = Client()
        ok(phone.get(reverse("workshop:with_link", args=[token])))
        ok(phone.post(reverse("workshop:vote"), {"round": round_.pk, "level": str(7 - number)}))
    assert sorted(Vote.objects.filter(round=round_).values_list("level", flat=True)) == [5, 6, 7]
    ok(client.post(reverse("workshop:close_vote", args=[assessment.pk]), {"round": round_.pk}))
    ok(client.post(reverse("workshop:reveal_vote", args=[assessment.pk]), {"round": round_.pk}))
    ok(client.get(reverse("workshop:control", args=[assessment.pk])))

    # -- consensus on every statement, then the plan ---------------------------------------
    for index, statement in enumerate(framework.statements()):
        current = 1 + index % 6
        ok(
            client.post(
                reverse("workshop:record", args=[assessment.pk, statement.id]),
                {
                    "current_level": str(current),
                    "target_level": str(current + 1),
                    "rationale": "Agreed in the room.",
                    "evidence": "",
                    "base_version": "0",
                },
            ),
            status=(302,),
        )
    summary = ok(client.get(reverse("workshop:summary", args=[assessment.pk])))
    assert "54 of 54 statements agreed." in summary.content.decode()
    long_title = "Train every team in " + "Supercalifragilisticexpialidociousimprovement" * 3
    ok(
        client.post(
            reverse("plans:create", args=[assessment.pk]),
            {
                "title": long_title[:200],
                "owner": "Director of improvement",
                "measure": "Teams trained, counted each quarter",
                "horizon": "medium",
                "priority": "high",
                "component_ids": [framework.components[26].id],
                **dates("due_on", 200),
            },
        ),
        status=(302,),
    )
    ok(client.get(reverse("plans:plan", args=[assessment.pk])))

    # -- the board PDF and the workbook ---------------------------------------------------
    pdf = ok(client.get(reverse("reports:pdf", args=[assessment.pk])))
    text = words(pdf_text_from_bytes(pdf.content))
    for component in framework.components:
        assert not words(component.title) - text, component.title
    workbook = load_workbook(
        io.BytesIO(ok(client.get(reverse("reports:xlsx", args=[assessment.pk]))).content)
    )
    statements_sheet = next(ws for ws in workbook.worksheets if "tatement" in ws.title)
    assert statements_sheet.max_row - 1 >= 54

    # -- complete, the next cycle, and the comparison --------------------------------------
    ok(client.post(reverse("assessments:complete", args=[assessment.pk])))
    assessment.refresh_from_db()
    assert assessment.status == "complete"
    ok(
        client.post(
            reverse("cycles:next", args=[assessment.pk]),
            {
                "cycle_label": "2027/28",
                "anonymity_threshold": "3",
                "introduction": "A year on.",
                **dates("closes_on", 40),
            },
        ),
        status=(302,),
    )
    later = Assessment.objects.get(organisation=organisation, cycle_label="2027/28")
    assert later.previous_id == assessment.pk
    ok(client.post(reverse("assessments:open", args=[later.pk])))
    later_links = issue_links(client, later)
    later_people = [Participant.from_token(token) for _group, token in later_links]
    later_expected = answer_the_rest(later, framework, later_people, offset=5)
    ok(client.post(reverse("assessments:close", args=[later.pk])))
    compare = ok(client.get(reverse("cycles:compare", args=[later.pk]))).content.decode()
    change = table_by_caption(compare, "Change by component")[1:]
    assert [row[0] for row in change] == [component.title for component in framework.components]
    for row, component in zip(change, framework.components, strict=True):
        before = statistics.median(v for s in component.statements for v in expected[s.id])
        after = statistics.median(v for s in component.statements for v in later_expected[s.id])
        assert (float(row[1]), float(row[2])) == (before, after), component.title


def pdf_text_from_bytes(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
