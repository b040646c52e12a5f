"""What organisations writing their own frameworks ran into beyond sizes (issue 12): two
frameworks with one title in the picker, a new cycle reusing an earlier label, and workshop
joiners counted as survey invitees in the response rate the board sees."""

import datetime

from django.urls import reverse
from django.utils import timezone

from selfassess.assessments.forms import AssessmentForm
from selfassess.assessments.lifecycle import Status
from selfassess.assessments.models import Participant, Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    FrameworkVersionFactory,
    ParticipantGroupFactory,
    small_framework,
)
from selfassess.reports.report import board_report


def test_frameworks_with_one_title_and_version_are_told_apart_in_the_picker(db):
    ours = FrameworkVersionFactory(framework=small_framework(framework_id="ours"))
    theirs = FrameworkVersionFactory(framework=small_framework(framework_id="theirs"))
    alone = FrameworkVersionFactory(framework=small_framework(framework_id="alone", version="2"))
    field = AssessmentForm(organisation=None).fields["framework_version"]
    labels = {value.value: label for value, label in field.choices}
    assert labels[ours.pk] == "Test framework (version 1) (ours)"
    assert labels[theirs.pk] == "Test framework (version 1) (theirs)"
    assert labels[alone.pk] == "Test framework (version 2)"


def test_a_next_cycle_cannot_reuse_an_earlier_cycles_label(db, facilitator_of):
    first = AssessmentFactory(cycle_label="2024/25", status=Status.COMPLETE)
    second = AssessmentFactory(
        organisation=first.organisation,
        framework_version=first.framework_version,
        cycle_label="2025/26",
        previous=first,
        status=Status.COMPLETE,
    )
    ParticipantGroupFactory(assessment=second, name="Board")
    client = facilitator_of(first.organisation)
    day = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        reverse("cycles:next", args=[second.pk]),
        {
            "cycle_label": "2024/25",
            "anonymity_threshold": "5",
            "closes_on[day]": day.day,
            "closes_on[month]": day.month,
            "closes_on[year]": day.year,
        },
    )
    assert response.status_code == 400
    assert "Cycle label 2024/25 is already used by an earlier cycle" in response.content.decode()
    assert first.organisation.assessments.count() == 2


def test_workshop_joiners_who_never_answered_are_not_survey_invitees(db):
    assessment = AssessmentFactory(anonymity_threshold=3)
    board = ParticipantGroupFactory(assessment=assessment, name="Board")
    statement = assessment.framework.statements()[0].id
    for number in range(16):
        person, _ = Participant.invite(assessment, board, f"p{number}@example.nhs.uk")
        if number < 10:
            Response.objects.create(participant=person, statement_id=statement, level=3)
    for number in range(5):  # joined the workshop by its code; two of them also answered
        person, _ = Participant.invite(assessment, board, joined_by_code=True)
        if number < 2:
            Response.objects.create(participant=person, statement_id=statement, level=4)
    (row,) = board_report(assessment)["participation"]
    assert (row.invited, row.answered) == (18, 12)
