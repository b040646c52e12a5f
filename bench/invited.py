"""An organisation with one assessment of the NHS IMPACT framework and a crowd of invited
people: what the load scripts start from. Run inside the scratch database's own process
(``bench.server.scratch_database``), never the app's."""

FRAMEWORK_ID = "nhs-impact"


def setup_django():
    import django

    django.setup()


def invited_crowd(organisation_name: str, status: str, people: int):
    """Return ``(assessment, participants, tokens)``: ``people`` invited participants spread
    over the default groups, with the personal-link tokens only the invitation emails hold."""
    from selfassess.assessments.models import (
        DEFAULT_GROUPS,
        Assessment,
        Participant,
        ParticipantGroup,
    )
    from selfassess.assessments.tokens import hash_token, new_token
    from selfassess.frameworks.models import FrameworkVersion
    from selfassess.organisations.models import Organisation, OrganisationType

    organisation = Organisation.objects.create(
        name=organisation_name, organisation_type=OrganisationType.ACUTE_TRUST
    )
    version = FrameworkVersion.objects.filter(framework_id=FRAMEWORK_ID).latest("pk")
    assessment = Assessment.objects.create(
        organisation=organisation, framework_version=version, cycle_label="2025/26", status=status
    )
    groups = ParticipantGroup.objects.bulk_create(
        ParticipantGroup(assessment=assessment, name=name, position=index)
        for index, name in enumerate(DEFAULT_GROUPS)
    )
    tokens = [new_token() for _ in range(people)]
    participants = Participant.objects.bulk_create(
        Participant(
            assessment=assessment, group=groups[index % len(groups)], token_hash=hash_token(token)
        )
        for index, token in enumerate(tokens)
    )
    return assessment, participants, tokens
