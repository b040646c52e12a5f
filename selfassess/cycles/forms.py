"""Forms for cycles: starting the next one, choosing two to compare, importing survey figures.

Each checks its input at the edge and says what to fix; nothing changes until it is valid.
"""

from django import forms

from selfassess.assessments.forms import AssessmentSettingsForm
from selfassess.core import textinput


class NextCycleForm(AssessmentSettingsForm):
    """The next cycle's settings, prefilled from the last cycle; only the label and closing
    date usually need a new value."""

    def __init__(self, *args, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous

    def clean_cycle_label(self):
        label = super().clean_cycle_label()
        if label.casefold() == self.previous.cycle_label.strip().casefold():
            raise forms.ValidationError(
                f"Cycle label must be different from the last cycle's, {self.previous.cycle_label}"
            )
        # Any earlier cycle of the organisation on the same framework: comparisons and the
        # trend name cycles by label, so two with one label could not be told apart.
        earlier = self.previous.organisation.assessments.filter(
            framework_version__framework_id=self.previous.framework_version.framework_id
        ).values_list("cycle_label", flat=True)
        if any(label.casefold() == other.strip().casefold() for other in earlier):
            raise forms.ValidationError(
                f"Cycle label {label} is already used by an earlier cycle; choose another"
            )
        return label


class CompareForm(forms.Form):
    """Two cycles, by id; the choices are the organisation's answered cycles."""

    earlier = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Select the earlier cycle",
            "invalid_choice": "Select the earlier cycle from the list",
        },
    )
    later = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Select the later cycle",
            "invalid_choice": "Select the later cycle from the list",
        },
    )

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycles = {cycle.pk: cycle for cycle in cycles}
        choices = [(cycle.pk, cycle.cycle_label) for cycle in cycles]
        self.fields["earlier"].choices = choices
        self.fields["later"].choices = choices

    def clean(self):
        cleaned = super().clean()
        earlier, later = cleaned.get("earlier"), cleaned.get("later")
        if earlier is None or later is None:
            return cleaned
        if earlier == later:
            self.add_error("later", "Select two different cycles to compare")
            return cleaned
        order = list(self.cycles)
        if order.index(earlier) > order.index(later):
            self.add_error(
                "earlier",
                f"The earlier cycle must have started before the later one: "
                f"{self.cycles[earlier].cycle_label} started after "
                f"{self.cycles[later].cycle_label}, so swap them",
            )
            return cleaned
        cleaned["earlier_cycle"] = self.cycles[earlier]
        cleaned["later_cycle"] = self.cycles[later]
        return cleaned


class SurveyUploadForm(forms.Form):
    """A CSV file of indicators; its rows are checked by ``survey_import.check_rows``."""

    MAX_BYTES = 1_000_000

    file = forms.FileField(
        error_messages={
            "required": "Choose a CSV file to import",
            "empty": "The file is empty; choose a CSV file with indicators in it",
        }
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        try:
            return textinput.decode(upload.read())
        except textinput.Unreadable as unreadable:
            raise forms.ValidationError(str(unreadable)) from None
