import factory

from selfassess.accounts.tests.factories import UserFactory
from selfassess.organisations.models import Membership, Organisation, OrganisationType, Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test organisation {n} NHS Trust")
    organisation_type = OrganisationType.ACUTE_TRUST


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.FACILITATOR
