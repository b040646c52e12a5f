"""Factories for assessments, built on a small framework so tests stay fast and readable.

The test framework has two components and five statements on a 1-5 scale; statement ids
a-1..a-3 and b-1..b-2.
"""

import factory

from selfassess.assessments.models import Assessment, Participant, ParticipantGroup, Response
from selfassess.frameworks.models import FrameworkVersion
from selfassess.frameworks.schema import parse_framework
from selfassess.organisations.tests.factories import OrganisationFactory

LEVEL_NAMES = ["Not started", "Emerging", "Developing", "Established", "Leading"]


def small_framework_yaml(framework_id="test-framework", version="1", levels=5):
    lines = [
        f"id: {framework_id}",
        f'version: "{version}"',
        "title: Test framework",
        "purpose: A small framework for tests.",
        "scale:",
        "  levels:",
    ]
    for value in range(1, levels + 1):
        name = LEVEL_NAMES[value - 1] if levels == 5 else f"Level {value}"
        lines += [
            f"    - value: {value}",
            f"      name: {name}",
            f"      meaning: Meaning {value}.",
        ]
    lines += [
        "  dont_know:",
        "    label: Don't know",
        "    meaning: Not enough to judge.",
        "components:",
    ]
    for component, count in (("a", 3), ("b", 2)):
        lines += [
            f"  - id: comp-{component}",
            f"    title: Component {component.upper()}",
            f"    summary: Summary of component {component.upper()}.",
            "    what_good_looks_like:",
            "      - Something good.",
            "    statements:",
        ]
        for number in range(1, count + 1):
            lines += [
                f"      - id: {component}-{number}",
                f"        text: Statement {component}-{number}.",
                "        levels:",
            ]
            lines += [
                f"          {v}: Descriptor {v} of {component}-{number}."
                for v in range(1, levels + 1)
            ]
    return "\n".join(lines) + "\n"


def small_framework(**kwargs):
    return parse_framework(small_framework_yaml(**kwargs), "test-framework.yaml")


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkVersion
        django_get_or_create = ["content_hash"]

    class Params:
        framework = factory.LazyFunction(small_framework)

    framework_id = factory.LazyAttribute(lambda o: o.framework.id)
    version = factory.LazyAttribute(lambda o: o.framework.version)
    title = factory.LazyAttribute(lambda o: o.framework.title)
    content = factory.LazyAttribute(lambda o: o.framework.to_dict())
    content_hash = factory.LazyAttribute(lambda o: o.framework.content_hash())
    source = "test-framework.yaml"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    framework_version = factory.SubFactory(FrameworkVersionFactory)
    cycle_label = "2026/27"


class ParticipantGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantGroup

    assessment = factory.SubFactory(AssessmentFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    position = factory.Sequence(int)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    assessment = factory.SubFactory(AssessmentFactory)
    group = factory.LazyAttribute(lambda o: ParticipantGroupFactory(assessment=o.assessment))
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    participant = factory.SubFactory(ParticipantFactory)
    statement_id = "a-1"
    level = 3
