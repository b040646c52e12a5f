"""The organisation's context (what it controls about itself) and the choice of peers."""

from django import forms

from selfassess.organisations.models import (
    Deprivation,
    FinancialPosition,
    ImprovementCapacity,
    LeadershipContinuity,
    Organisation,
    OrganisationType,
    Region,
    WorkforceBand,
)

#: The context attributes peers can be chosen by, in the order the pages show them.
CONTEXT_ATTRIBUTES = {
    "organisation_type": ("Type of organisation", OrganisationType),
    "workforce_band": ("Number of staff", WorkforceBand),
    "region": ("Region", Region),
    "deprivation": ("Deprivation of the population served", Deprivation),
    "financial_position": ("Financial position", FinancialPosition),
    "leadership_continuity": ("Leadership continuity", LeadershipContinuity),
    "improvement_capacity": ("Improvement capacity", ImprovementCapacity),
}
NEW_ATTRIBUTES = (
    "deprivation",
    "financial_position",
    "leadership_continuity",
    "improvement_capacity",
)


class ContextForm(forms.ModelForm):
    """An admin says what their organisation is like, and whether it takes part. The newer
    attributes may stay unsaid; peers who filter on them then leave this organisation out."""

    class Meta:
        model = Organisation
        fields = [*NEW_ATTRIBUTES, "peer_comparison"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NEW_ATTRIBUTES:
            field = self.fields[name]
            field.required = False
            field.choices = [*field.choices[1:], ("", "Prefer not to say")]
            field.widget = forms.RadioSelect(choices=field.choices)
            field.error_messages["invalid_choice"] = (
                f"Select one of the {CONTEXT_ATTRIBUTES[name][0].lower()} options"
            )


class PeerFilterForm(forms.Form):
    """Which peers to compare with: for each attribute, any of the ticked values (nothing
    ticked means any). Read from the query string, so a comparison can be bookmarked."""

    def __init__(self, *args, shares=(), **kwargs):
        super().__init__(*args, **kwargs)
        if shares:
            self.fields["share"] = forms.TypedChoiceField(
                coerce=int,
                required=False,
                choices=[(s.pk, str(s.assessment)) for s in shares],
                error_messages={"invalid_choice": "Select one of your shared assessments"},
            )
        for name, (label, choices) in CONTEXT_ATTRIBUTES.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=choices.choices,
                required=False,
                error_messages={"invalid_choice": f"Choose {label.lower()} from the list"},
            )

    def chosen(self) -> dict[str, set[str]]:
        data = self.cleaned_data if self.is_valid() else {}
        return {name: set(data.get(name) or ()) for name in CONTEXT_ATTRIBUTES if data.get(name)}
