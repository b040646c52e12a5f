import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from selfassess.assessments.lifecycle import Status, TransitionNotAllowed
from selfassess.assessments.models import Assessment, Participant, Response
from selfassess.assessments.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    ParticipantGroupFactory,
    ResponseFactory,
)
from selfassess.assessments.tokens import hash_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        [Status.OPEN],
        [Status.OPEN, Status.CLOSED],
        [Status.OPEN, Status.CLOSED, Status.OPEN],
        [Status.OPEN, Status.CLOSED, Status.COMPLETE],
    ],
)
def test_allowed_transitions(path):
    assessment = AssessmentFactory()
    for target in path:
        assessment.transition_to(target)
    assessment.refresh_from_db()
    assert assessment.status == path[-1]


@pytest.mark.parametrize(
    "path, refused",
    [
        ([], Status.CLOSED),
        ([], Status.COMPLETE),
        ([Status.OPEN], Status.COMPLETE),
        ([Status.OPEN], Status.DRAFT),
        ([Status.OPEN, Status.CLOSED, Status.COMPLETE], Status.OPEN),
    ],
)
def test_refused_transitions_change_nothing(path, refused):
    assessment = AssessmentFactory()
    for target in path:
        assessment.transition_to(target)
    before = assessment.status
    with pytest.raises(TransitionNotAllowed):
        assessment.transition_to(refused)
    assessment.refresh_from_db()
    assert assessment.status == before


def test_status_cannot_be_changed_by_editing_the_field():
    assessment = AssessmentFactory()
    assessment.status = Status.COMPLETE
    with pytest.raises(TransitionNotAllowed, match="can only become: open"):
        assessment.save()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_anonymity_threshold_is_never_below_three():
    assessment = AssessmentFactory.build(anonymity_threshold=2)
    with pytest.raises(ValidationError):
        assessment.full_clean(exclude=["organisation", "framework_version"])
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentFactory(anonymity_threshold=2)


def test_default_threshold_is_five():
    assert AssessmentFactory().anonymity_threshold == 5


def test_invitation_token_is_stored_only_as_a_hash():
    group = ParticipantGroupFactory()
    participant, token = Participant.invite(group.assessment, group, "a@example.nhs.uk")
    assert len(token) >= 43
    assert participant.token_hash == hash_token(token)
    assert token not in participant.token_hash
    assert Participant.from_token(token) == participant
    assert Participant.from_token(token + "x") is None


def test_invited_participants_have_not_joined_by_code_unless_told():
    group = ParticipantGroupFactory()
    invited, _ = Participant.invite(group.assessment, group, "a@example.nhs.uk")
    joined, _ = Participant.invite(group.assessment, group, joined_by_code=True)
    invited.refresh_from_db()
    joined.refresh_from_db()
    assert invited.joined_by_code is False
    assert joined.joined_by_code is True


def test_revoked_token_no_longer_opens_anything():
    group = ParticipantGroupFactory()
    participant, token = Participant.invite(group.assessment, group)
    participant.revoked_at = participant.invited_at
    participant.save()
    assert Participant.from_token(token) is None


def test_participant_group_must_belong_to_the_assessment():
    participant = ParticipantFactory()
    participant.group = ParticipantGroupFactory()
    with pytest.raises(ValidationError, match="Choose a group from this assessment"):
        participant.full_clean()


def test_one_response_per_participant_and_statement():
    response = ResponseFactory(statement_id="a-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(participant=response.participant, statement_id="a-1", level=2)


@pytest.mark.parametrize(
    "statement_id, level, message",
    [
        ("zz-9", 3, "not part of the assessment's framework"),
        ("a-1", 6, "Choose one of the levels"),
        ("a-1", 0, "Choose one of the levels"),
    ],
)
def test_response_must_fit_the_framework(statement_id, level, message):
    response = ResponseFactory.build(
        participant=ParticipantFactory(), statement_id=statement_id, level=level
    )
    with pytest.raises(ValidationError, match=message):
        response.full_clean()


def test_dont_know_is_a_response_without_a_level():
    response = ResponseFactory(level=None)
    response.full_clean()
    assert response.is_dont_know


def test_for_user_scopes_to_membership(member_of):
    mine = AssessmentFactory()
    AssessmentFactory()
    user = member_of(mine.organisation)
    assert list(Assessment.objects.for_user(user)) == [mine]
