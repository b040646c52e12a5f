"""Creating an assessment: a draft with its groups in one go, or a clear reason it was not."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from selfassess.assessments.models import DEFAULT_GROUPS, Assessment, ParticipantGroup
from selfassess.assessments.tests.factories import FrameworkVersionFactory
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def client_in(client, member_of, organisation):
    client.force_login(member_of(organisation, Role.FACILITATOR))
    return client


def url(organisation):
    return f"/organisations/{organisation.pk}/assessments/new/"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def form_data(version, **changes):
    closes = in_days(40)
    data = {
        "framework_version": str(version.pk),
        "cycle_label": " 2026/27 ",
        "groups": ["Board", "Front-line staff"],
        "extra_groups": "Primary care partners\n\n  board \nVolunteers\n",
        "anonymity_threshold": "6",
        "closes_on[day]": str(closes.day),
        "closes_on[month]": str(closes.month),
        "closes_on[year]": str(closes.year),
        "introduction": "  Why we are doing this.  ",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_defaults_to_nhs_impact_and_every_standard_group(
    client_in, organisation, library_loaded
):
    response = client_in.get(url(organisation))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    nhs_impact = library_loaded["nhs-impact"]
    assert f'value="{nhs_impact.pk}" checked' in html
    for other in ("board-leadership", "programme-design"):
        assert f'value="{library_loaded[other].pk}" checked' not in html
        assert f'value="{library_loaded[other].pk}"' in html
    for name in DEFAULT_GROUPS:
        assert f'value="{name}" checked' in html
    assert re.search(r'<input[^>]*name="anonymity_threshold"[^>]*value="5"', html)
    assert 'name="closes_on[day]"' in html


def test_the_organisation_page_links_here_for_facilitators_only(client, member_of, organisation):
    client.force_login(member_of(organisation, Role.FACILITATOR))
    assert url(organisation) in client.get(f"/organisations/{organisation.pk}/").content.decode()
    client.force_login(member_of(organisation, Role.VIEWER))
    assert (
        url(organisation) not in client.get(f"/organisations/{organisation.pk}/").content.decode()
    )


def test_a_valid_form_makes_a_draft_with_its_groups(client_in, organisation):
    version = FrameworkVersionFactory()
    response = client_in.post(url(organisation), form_data(version))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.organisation == organisation
    assert assessment.status == "draft"
    assert assessment.framework_version == version
    assert assessment.cycle_label == "2026/27"
    assert assessment.anonymity_threshold == 6
    assert assessment.closes_on == in_days(40)
    assert assessment.introduction == "Why we are doing this."
    assert assessment.join_code is None
    # Ticked groups first, then the extra ones; "board" repeats "Board" so is left out.
    assert list(assessment.groups.values_list("name", "position")) == [
        ("Board", 0),
        ("Front-line staff", 1),
        ("Primary care partners", 2),
        ("Volunteers", 3),
    ]


def test_only_extra_groups_is_enough(client_in, organisation):
    version = FrameworkVersionFactory()
    client_in.post(url(organisation), form_data(version, groups=None, extra_groups="Everyone"))
    assert list(ParticipantGroup.objects.values_list("name", flat=True)) == ["Everyone"]


@pytest.mark.parametrize(
    "changes, field_anchor, message",
    [
        ({"cycle_label": "  "}, "id_cycle_label", "Enter a cycle label, like 2026/27"),
        ({"cycle_label": "x" * 41}, "id_cycle_label", "40 characters or fewer"),
        ({"anonymity_threshold": "2"}, "id_anonymity_threshold", "must be 3 or more"),
        ({"anonymity_threshold": "51"}, "id_anonymity_threshold", "must be 50 or fewer"),
        ({"anonymity_threshold": "five"}, "id_anonymity_threshold", "must be a whole number"),
        ({"anonymity_threshold": ""}, "id_anonymity_threshold", "Enter the anonymity threshold"),
        ({"groups": None, "extra_groups": " \n "}, "id_groups", "Select at least one group"),
        ({"groups": ["Wizards"]}, "id_groups", "Select groups from the list"),
        ({"extra_groups": "y" * 101}, "id_extra_groups", "100 characters or fewer"),
        ({"framework_version": "999999"}, "id_framework_version", "Select one of the frameworks"),
        ({"framework_version": None}, "id_framework_version", "Select a framework"),
        (
            {"closes_on[day]": "", "closes_on[month]": "", "closes_on[year]": ""},
            "id_closes_on-day",
            "Enter the closing date",
        ),
        # The summary links to the box to fill in, as the NHS.UK date input pattern asks.
        ({"closes_on[month]": ""}, "id_closes_on-month", "Closing date must include a month"),
        (
            {"closes_on[day]": "31", "closes_on[month]": "2", "closes_on[year]": "2099"},
            "id_closes_on-day",
            "Closing date must be a real date",
        ),
        ({"closes_on[year]": "twenty"}, "id_closes_on-day", "Closing date must be a real date"),
    ],
)
def test_bad_input_is_explained_and_creates_nothing(
    client_in, organisation, changes, field_anchor, message
):
    response = client_in.post(url(organisation), form_data(FrameworkVersionFactory(), **changes))
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "There is a problem" in html
    assert f'href="#{field_anchor}"' in html
    assert f'id="{field_anchor}"' in html
    assert message in html
    assert "<title>Error: Create an assessment" in html
    assert not Assessment.objects.exists()
    assert not ParticipantGroup.objects.exists()


@pytest.mark.parametrize("days", [0, -1, -400])
def test_the_closing_date_must_be_in_the_future(client_in, organisation, days):
    past = in_days(days)
    data = form_data(
        FrameworkVersionFactory(),
        **{
            "closes_on[day]": str(past.day),
            "closes_on[month]": str(past.month),
            "closes_on[year]": str(past.year),
        },
    )
    response = client_in.post(url(organisation), data)
    assert response.status_code == 400
    assert "Closing date must be in the future" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_entered_values_are_kept_when_there_is_an_error(client_in, organisation):
    data = form_data(FrameworkVersionFactory(), cycle_label="", **{"closes_on[day]": "29"})
    html = unescape(client_in.post(url(organisation), data).content.decode())
    assert 'value="29"' in html
    assert "Primary care partners" in html
    assert 'value="Board" checked' in html
    assert 'value="Corporate and support staff" checked' not in html


def test_without_frameworks_the_page_says_what_to_do(client_in, organisation):
    html = client_in.get(url(organisation)).content.decode()
    assert "No frameworks are loaded" in html
    assert "selfassess framework load-library" in html
