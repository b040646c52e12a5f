"""An assessment has at most ``GROUPS_PER_ASSESSMENT_MAX`` groups (issue 13): with 20,000
groups the personal-links page took 25 seconds."""

import datetime

import pytest
from django.utils import timezone

from selfassess.assessments.forms import AssessmentForm
from selfassess.assessments.tests.factories import FrameworkVersionFactory
from selfassess.core import limits

pytestmark = pytest.mark.django_db


def posted(extra_names):
    day = timezone.localdate() + datetime.timedelta(days=30)
    return {
        "framework_version": FrameworkVersionFactory().pk,
        "cycle_label": "2026/27",
        "groups": ["Board"],
        "extra_groups": "\n".join(extra_names),
        "anonymity_threshold": "5",
        "closes_on[day]": str(day.day),
        "closes_on[month]": str(day.month),
        "closes_on[year]": str(day.year),
    }


def test_thirty_groups_are_accepted():
    names = [f"Site {i}" for i in range(limits.GROUPS_PER_ASSESSMENT_MAX - 1)]
    form = AssessmentForm(posted(names), organisation=None)
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["group_names"]) == limits.GROUPS_PER_ASSESSMENT_MAX


def test_one_group_more_is_refused_with_the_limit():
    names = [f"Site {i}" for i in range(limits.GROUPS_PER_ASSESSMENT_MAX)]
    form = AssessmentForm(posted(names), organisation=None)
    assert not form.is_valid()
    assert form.errors["extra_groups"] == [
        "An assessment can have at most 30 groups; you gave 31. Merge small groups or leave "
        "some out"
    ]


def test_twenty_thousand_groups_are_refused_before_they_are_split():
    form = AssessmentForm(posted([f"Group {i}" for i in range(20_000)]), organisation=None)
    assert not form.is_valid()
    assert "Enter at most 30 groups, one per line" in form.errors["extra_groups"][0]
