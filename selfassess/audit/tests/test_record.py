import pytest

from selfassess.audit.models import Action, AuditEvent
from selfassess.audit.services import record
from selfassess.organisations.tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_record_keeps_who_did_what_to_which_organisation(member_of):
    organisation = OrganisationFactory()
    user = member_of(organisation)
    event = record(
        organisation=organisation,
        actor=user,
        action=Action.EXPORTED,
        summary="Downloaded the results workbook",
        details={"assessment": 7},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.organisation == organisation
    assert stored.actor == user
    assert stored.actor_label == user.get_username()
    assert stored.details == {"assessment": 7}


@pytest.mark.django_db
def test_the_service_itself_is_named_when_nobody_signed_in_acted():
    organisation = OrganisationFactory()
    event = record(
        organisation=organisation, actor=None, action=Action.OTHER, summary="Closed on its date"
    )
    assert event.actor is None
    assert event.actor_label == "the service"
