"""A component's page: each statement's figures, its contested flag and its comments."""

import pytest
from django.urls import reverse

from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.organisations.models import Role

from .helpers import answer, summary_list, table_by_caption

pytestmark = pytest.mark.django_db


def get_page(client, member_of, assessment, component_id="comp-a", role=Role.VIEWER):
    client.force_login(member_of(assessment.organisation, role))
    response = client.get(reverse("results:component", args=[assessment.pk, component_id]))
    assert response.status_code == 200
    return response.content.decode()


def section(html, statement_id):
    """The part of the page about one statement, up to the next statement's heading."""
    start = html.index(f'<h2 id="statement-{statement_id}">')
    end = html.find('<h2 id="statement-', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_statement_figures_match_hand_worked_values(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    # a-1: 5,5,4,2,2,1 (6 levels, enough for r_wg). Sorted 1,2,2,4,5,5: median (2+4)/2 = 3.
    # Quartiles at positions 1.25 and 3.75: 2 and 4.75, so the middle half spans 2.75 levels,
    # shown to one decimal as 2.8. Sample variance (6*75 - 19^2) / 30 = 89/30 > 2, so r_wg = 0.
    assert summary_list(section(html, "a-1")) == {
        "Median level": "3",
        "Spread of the middle half": "2.8 levels",
        "Agreement": "0.00",
        "Don't know": "0%",
        "Answers": "6",
    }
    # a-2: 1,5,3,1,5 (5 levels, just enough for r_wg) and one don't know: median 3, quartiles
    # at positions 1 and 3 of 1,1,3,5,5: 1 and 5, 4 levels. Variance (5*61 - 225)/20 = 4,
    # r_wg 0; don't know 1/6 = 17%.
    assert summary_list(section(html, "a-2")) == {
        "Median level": "3",
        "Spread of the middle half": "4 levels",
        "Agreement": "0.00",
        "Don't know": "17%",
        "Answers": "6",
    }
    # a-3: six 4s: median 4, no variance, r_wg 1.
    assert summary_list(section(html, "a-3"))["Agreement"] == "1.00"


def test_component_summary_matches_hand_worked_values(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    top = html[: html.index('<h2 id="statement-')]
    # Every statement's overall figures are shown, so all three are pooled: 18 answers, one
    # don't know (1/18 = 6%), median 4 (see test_overview). Agreement is the mean of the
    # statements' r_wg, (0 + 0 + 1) / 3 = 0.333..., rounded down to 0.33.
    assert summary_list(top) == {
        "Median level": "4",
        "Agreement (mean of its statements)": "0.33",
        "Statements counted": "3 of 3",
        "Don't know": "6%",
        "Answers": "18",
    }


def test_distribution_table_is_the_alternative_to_the_bar(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    rows = table_by_caption(html, "Answers to statement 1.2 by level")
    # a-2: 1 twice, 3 once, 5 twice, don't know once, out of 6 answers.
    assert rows == [
        ["Answer", "People", "Share"],
        ["1 Not started", "2", "33%"],
        ["2 Emerging", "0", "0%"],
        ["3 Developing", "1", "17%"],
        ["4 Established", "0", "0%"],
        ["5 Leading", "2", "33%"],
        ["Don't know", "1", "17%"],
    ]
    bar = section(html, "a-2")
    # Segments on the 640 wide bar: 2/6, 1/6, 2/6 and 1/6 of it.
    for answer_key, width in [("1", "213.33"), ("3", "106.67"), ("5", "213.33")]:
        assert f'data-answer="{answer_key}"' in bar
        assert f'width="{width}"' in bar
    assert 'data-answer="dont-know"' in bar


def test_contested_statements_are_tagged_with_an_explanation(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    # a-1 (IQR 2.75, r_wg 0) and a-2 (IQR 4, r_wg 0) are contested; a-3 (all 4s) is not.
    for statement_id in ("a-1", "a-2"):
        part = section(html, statement_id)
        assert "Contested" in part
        assert "Views are widely spread: agreement is below 0.50" in part
    assert "Contested" not in section(html, "a-3")
    other = get_page(client, member_of, assessment, "comp-b")
    assert "nhsuk-tag" not in other


def test_comments_are_text_only_sorted_and_escaped(client, member_of):
    assessment = AssessmentFactory(anonymity_threshold=3)
    group = ParticipantGroupFactory(assessment=assessment, name="Estates team")
    answer(assessment, group, {"a-1": 3}, {"a-1": "Zebra crossings need work"})
    answer(assessment, group, {"a-1": 4}, {"a-1": "  apples are mentioned  "})
    answer(assessment, group, {"a-1": 2}, {"a-1": "<script>alert(1)</script>"})
    answer(assessment, group, {"a-1": 2}, {"a-1": "   "})
    html = section(get_page(client, member_of, assessment), "a-1")
    comments = html[html.index("<h3>Comments</h3>") :]
    first = comments.index("&lt;script&gt;alert(1)&lt;/script&gt;")
    second = comments.index("apples are mentioned")
    third = comments.index("Zebra crossings need work")
    assert first < second < third  # alphabetical ("<" first), whatever the order given
    assert "<script>alert" not in html
    assert "Estates team" not in html
    assert comments.count("<li>") == 3  # the blank comment is not shown


def test_comments_are_held_back_until_the_statements_figures_are_released(client, member_of):
    assessment = AssessmentFactory(anonymity_threshold=3)
    group = ParticipantGroupFactory(assessment=assessment)
    # a-1: three levels (3, 4, 4), so its figures are shown. a-2: three answers but only two
    # levels (a "don't know" does not count towards k), so its figures and comments are not.
    answer(assessment, group, {"a-1": 3, "a-2": 3}, {"a-2": "Only two of us gave a level"})
    answer(assessment, group, {"a-1": 4, "a-2": 3})
    answer(assessment, group, {"a-1": 4, "a-2": None}, {"a-1": "Three answered this one"})
    html = get_page(client, member_of, assessment)
    assert "Only two of us gave a level" not in html
    held_back = section(html, "a-2")
    assert (
        "The figures for this statement are not shown: fewer than k people gave a level (k = 3)."
        in held_back
    )
    assert "Comments are shown only with a statement's figures" in " ".join(held_back.split())
    assert "Three answered this one" in section(html, "a-1")
    assert "No comments on this statement." not in section(html, "a-1")


def test_statements_without_answers_say_so(client, member_of):
    assessment = AssessmentFactory(anonymity_threshold=3)
    group = ParticipantGroupFactory(assessment=assessment)
    for level in (3, 4, 5):  # k = 3 levels, so a-1 is shown
        answer(assessment, group, {"a-1": level})
    html = get_page(client, member_of, assessment)
    assert "No one has answered this statement in this release." in section(html, "a-2")
    assert 'id="chart-statement-a-2"' not in html
    assert 'id="chart-statement-a-1"' in html


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.ADMIN])
def test_people_who_run_assessments_can_add_an_action_from_each_statement(
    client, member_of, assessment, role
):
    html = get_page(client, member_of, assessment, role=role)
    create = reverse("plans:create", args=[assessment.pk])
    for number, statement_id in [("1.1", "a-1"), ("1.2", "a-2"), ("1.3", "a-3")]:
        part = section(html, statement_id)
        link = f'<a href="{create}?statement={statement_id}">'
        assert link in part, statement_id
        assert f"Add an action for statement {number} to the development plan" in part
        assert html.count(link) == 1  # one per statement, each named by its number
    # The link opens the plan's form, started from that statement.
    form = client.get(f"{create}?statement=a-2")
    assert form.status_code == 200
    assert "This action starts from statement 1.2" in form.content.decode()


def test_viewers_are_not_offered_a_plan_action(client, member_of, assessment):
    html = get_page(client, member_of, assessment)
    assert "Add an action" not in html
    assert reverse("plans:create", args=[assessment.pk]) not in html
