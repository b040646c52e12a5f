"""Organisations own their data; people reach it only through a membership with a role."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class OrganisationType(models.TextChoices):
    ACUTE_TRUST = "acute_trust", "Acute trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    COMMUNITY_TRUST = "community_trust", "Community trust"
    COMBINED_TRUST = "combined_trust", "Combined acute and community trust"
    AMBULANCE_TRUST = "ambulance_trust", "Ambulance trust"
    SPECIALIST_TRUST = "specialist_trust", "Specialist trust"
    ICB = "icb", "Integrated care board"
    PRIMARY_CARE_NETWORK = "pcn", "Primary care network"
    GP_PRACTICE = "gp_practice", "GP practice"
    OTHER_PRIMARY_CARE = "other_primary_care", "Other primary care provider"
    REGIONAL_TEAM = "regional_team", "NHS England regional team"
    NATIONAL_TEAM = "national_team", "National team"
    OTHER = "other", "Other health or care organisation"


class Region(models.TextChoices):
    EAST_OF_ENGLAND = "east_of_england", "East of England"
    LONDON = "london", "London"
    MIDLANDS = "midlands", "Midlands"
    NORTH_EAST_YORKSHIRE = "north_east_yorkshire", "North East and Yorkshire"
    NORTH_WEST = "north_west", "North West"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    NATIONAL = "national", "National"


class WorkforceBand(models.TextChoices):
    """Headcount bands, so later peer comparison can match organisations of a similar size."""

    UNDER_500 = "under_500", "Fewer than 500 staff"
    FROM_500 = "500_2999", "500 to 2,999 staff"
    FROM_3000 = "3000_7999", "3,000 to 7,999 staff"
    FROM_8000 = "8000_14999", "8,000 to 14,999 staff"
    FROM_15000 = "15000_plus", "15,000 staff or more"


class Deprivation(models.TextChoices):
    """How deprived the population served is, against England as a whole (for example by the
    Index of Multiple Deprivation of the areas the organisation serves)."""

    MOST = "most", "Mostly among the most deprived areas"
    MORE = "more", "More deprived than average"
    AVERAGE = "average", "About average, or a broad mix"
    LESS = "less", "Less deprived than average"


class FinancialPosition(models.TextChoices):
    SURPLUS = "surplus", "In surplus"
    BALANCED = "balanced", "Breaking even"
    DEFICIT = "deficit", "In deficit"
    RECOVERY = "recovery", "In deficit, under a recovery or support plan"


class LeadershipContinuity(models.TextChoices):
    STABLE = "stable", "Stable: chief executive and most of the board in post 3 years or more"
    SOME_CHANGE = "some_change", "Some change: a few board members new in the last 3 years"
    MUCH_CHANGE = "much_change", "Much change: a new chief executive or most of the board new"
    INTERIM = "interim", "Interim: the chief executive or chair is acting or interim"


class ImprovementCapacity(models.TextChoices):
    TEAM = "team", "A dedicated improvement team with protected time"
    SOME = "some", "Some trained people, without a dedicated team"
    LITTLE = "little", "Little or no trained improvement capacity yet"


#: What each context attribute is for, shown beside it on the form: context shapes what an
#: organisation can do, so peers are chosen to be alike in it.
CONTEXT_EXPLANATIONS = {
    "deprivation": (
        "Populations with more deprivation bring more need and often harder recruitment, so "
        "compare with organisations that serve similar places."
    ),
    "financial_position": (
        "An organisation in deficit or under a recovery plan has less room to invest in "
        "improvement, and often other priorities for the board's time."
    ),
    "leadership_continuity": (
        "Improvement culture rests on leaders who stay long enough to see it through; a new or "
        "interim board starts from a different place."
    ),
    "improvement_capacity": (
        "People with improvement skills and time to use them are what turns intent into "
        "change; say what you have now, not what is planned."
    ),
}


# ODS codes are 3 to 6 letters and digits (for example RX1, QWE, A81001 or 15N).
ods_code_validator = RegexValidator(
    r"^[A-Z0-9]{3,6}$",
    "Enter an ODS code of 3 to 6 capital letters and numbers, like RX1 or A81001.",
)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    ods_code = models.CharField(
        "ODS code", max_length=6, blank=True, validators=[ods_code_validator]
    )
    organisation_type = models.CharField(max_length=32, choices=OrganisationType.choices)
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)
    workforce_band = models.CharField(max_length=16, choices=WorkforceBand.choices, blank=True)
    # Context an organisation's admin describes, for choosing comparable peers (see
    # selfassess/peers). Blank until they say.
    deprivation = models.CharField(max_length=16, choices=Deprivation.choices, blank=True)
    financial_position = models.CharField(
        max_length=16, choices=FinancialPosition.choices, blank=True
    )
    leadership_continuity = models.CharField(
        max_length=16, choices=LeadershipContinuity.choices, blank=True
    )
    improvement_capacity = models.CharField(
        max_length=16, choices=ImprovementCapacity.choices, blank=True
    )
    peer_comparison = models.BooleanField(
        default=False,
        help_text="Takes part in the peer comparison: its shares to peers may be compared.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    awaiting_approval = models.BooleanField(
        default=False,
        help_text="Set up while sign-up needs the operator's approval, and not yet approved: "
        "it cannot email invitations or reminders until this is cleared.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"],
                condition=~models.Q(ods_code=""),
                name="organisation_ods_code_unique",
            )
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        """ODS codes are written in capitals; accept any case and surrounding spaces."""
        self.ods_code = (self.ods_code or "").strip().upper()
        super().clean_fields(exclude=exclude)


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    FACILITATOR = "facilitator", "Facilitator"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_role_per_member")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"
