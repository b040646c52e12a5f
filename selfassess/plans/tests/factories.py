import datetime

import factory
from django.utils import timezone

from selfassess.assessments.tests.factories import AssessmentFactory
from selfassess.plans.models import Action


class ActionFactory(factory.django.DjangoModelFactory):
    """A well-written short-term action, due in two months, that the checker leaves alone."""

    class Meta:
        model = Action

    assessment = factory.SubFactory(AssessmentFactory)
    title = "Run a two-day improvement skills course for ward managers"
    owner = "Head of Quality Improvement"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    measure = "40 ward managers trained; each leads one test of change."
    horizon = "short"
    priority = "high"
    statement_ids = factory.LazyFunction(lambda: ["a-1"])
    component_ids = factory.LazyFunction(lambda: ["comp-a"])
