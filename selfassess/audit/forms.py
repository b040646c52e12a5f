"""The audit log's filter: a kind of event and a range of days, all optional."""

from django import forms

from selfassess.assessments.forms import DatePartsField

from .models import Action


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All kinds of event"), *Action.choices], required=False)
    since = DatePartsField(label_for_errors="From date", required=False)
    until = DatePartsField(label_for_errors="To date", required=False)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "To date must be the same as or after the from date")
        return cleaned

    def filters(self) -> dict:
        """What to filter by: nothing at all when the form is not valid, so a mistyped date
        shows the whole log with the error, never a silently wrong part of it."""
        if not self.is_valid():
            return {}
        return {
            "kind": self.cleaned_data["kind"],
            "since": self.cleaned_data["since"],
            "until": self.cleaned_data["until"],
        }
