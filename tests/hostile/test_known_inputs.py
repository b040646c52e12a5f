"""The inputs issue 12 found giving a 500, each posted as its user would, now refused with a
message that says what to fix, and nothing stored."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import ConsensusRating
from selfassess.assessments.tests.factories import AssessmentFactory
from selfassess.cycles.models import StaffSurveyIndicator
from selfassess.plans.models import Action
from tests.security.world import ADMIN

HUGE = "9" * 20


def _dates(name, year, day="1", month="1"):
    return {f"{name}[day]": day, f"{name}[month]": month, f"{name}[year]": year}


@pytest.mark.parametrize("year", [HUGE, "²⁰²⁸", "-1"])
def test_a_huge_or_odd_year_on_the_date_forms_is_a_message(world, year):
    client = world.client_for(ADMIN)
    home = world.home
    draft = AssessmentFactory(organisation=home.organisation, status=Status.DRAFT)
    complete = AssessmentFactory(organisation=home.organisation, status=Status.COMPLETE)
    posts = {
        reverse("assessments:create", args=[home.organisation.pk]): {
            "cycle_label": "2031/32",
            "anonymity_threshold": "5",
            "framework_version": home.assessment.framework_version_id,
            "groups": ["Board"],
            **_dates("closes_on", year),
        },
        reverse("assessments:edit", args=[draft.pk]): {
            "cycle_label": "2031/32",
            "anonymity_threshold": "5",
            **_dates("closes_on", year),
        },
        reverse("assessments:extend", args=[home.assessment.pk]): _dates("closes_on", year),
        reverse("cycles:next", args=[complete.pk]): {
            "cycle_label": "2031/32",
            "anonymity_threshold": "5",
            **_dates("closes_on", year),
        },
        reverse("plans:create", args=[home.assessment.pk]): {
            "title": "Train coaches",
            "horizon": "short",
            "priority": "medium",
            **_dates("due_on", year),
        },
    }
    closing_dates = {a.pk: a.closes_on for a in type(home.assessment).objects.all()}
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "must be a real date" in response.content.decode(), url
    assert {a.pk: a.closes_on for a in type(home.assessment).objects.all()} == closing_dates
    assert not Action.objects.exists()


def test_a_forged_consensus_form_with_no_position_yet_asks_to_reload(world):
    assessment = world.home.assessment
    statement = assessment.framework.components[0].statements[0]
    url = reverse("workshop:record", args=[assessment.pk, statement.id])
    level = str(assessment.framework.scale.values[0])
    response = world.client_for(ADMIN).post(
        url,
        {
            "current_level": level,
            "target_level": level,
            "rationale": "Agreed in the room.",
            "base_version": "7",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This form is out of date: reload the page" in page
    assert 'name="base_version" value="0"' in page
    assert not ConsensusRating.objects.filter(statement_id=statement.id).exists()


@pytest.mark.parametrize("version", ["-1", HUGE, "1.5"])
def test_a_damaged_consensus_version_is_a_message(world, version):
    assessment = world.home.assessment
    statement = assessment.framework.components[0].statements[0]
    url = reverse("workshop:record", args=[assessment.pk, statement.id])
    response = world.client_for(ADMIN).post(url, {"base_version": version})
    assert response.status_code == 400
    assert "The form was damaged" in response.content.decode()


@pytest.mark.parametrize(
    "content, message",
    [
        ("2025,q1,La\x00bel,50\n", "NUL character on line 1"),
        ("2025,q1,La\x1bbel,50\n", "control character (0x1b)"),
        ("²⁰²⁵,q1,Label,50\n", "is not a year: write it as four digits"),
        ("2025,q1," + "x" * 131_073 + ",50\n", "cells can be at most 10,000 characters"),
    ],
)
def test_a_staff_survey_file_with_odd_text_is_refused(world, content, message):
    url = reverse("cycles:survey", args=[world.home.organisation.pk])
    upload = SimpleUploadedFile("survey.csv", content.encode("utf-8"))
    response = world.client_for(ADMIN).post(url, {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StaffSurveyIndicator.objects.exists()


def test_the_date_forms_still_take_a_real_date(world):
    client = world.client_for(ADMIN)
    day = timezone.localdate() + datetime.timedelta(days=120)
    url = reverse("assessments:extend", args=[world.home.assessment.pk])
    response = client.post(url, _dates("closes_on", str(day.year), str(day.day), str(day.month)))
    assert response.status_code == 302
    world.home.assessment.refresh_from_db()
    assert world.home.assessment.closes_on == day
