"""Forms for actions, notes, status and the plan's filters.

Only what a computer can be sure about is refused here (a title, a real date, a horizon, ids
that belong to the framework). Whether an action is well written is the checker's business:
it advises on the saved action and never stops a save.
"""

from django import forms

from selfassess.assessments.forms import DatePartsField

from .models import Horizon, Priority, Status

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def statement_choices(framework):
    return [
        (statement.id, f"{c_index}.{s_index} {statement.text}")
        for c_index, component in enumerate(framework.components, start=1)
        for s_index, statement in enumerate(component.statements, start=1)
    ]


def component_choices(framework):
    return [
        (component.id, f"{index}. {component.title}")
        for index, component in enumerate(framework.components, start=1)
    ]


class ActionForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a title that says what will be done",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"max_length": "Description must be 4,000 characters or fewer"},
    )
    statement_ids = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": "Select statements from the list"},
    )
    component_ids = forms.MultipleChoiceField(
        required=False,
        error_messages={"invalid_choice": "Select components from the list"},
    )
    owner = forms.CharField(
        required=False,
        max_length=120,
        error_messages={"max_length": "Owner must be 120 characters or fewer"},
    )
    due_on = DatePartsField(
        label_for_errors="Due date", required=False, years=(EARLIEST_YEAR, LATEST_YEAR)
    )
    measure = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "Measure of success must be 2,000 characters or fewer"},
    )
    horizon = forms.ChoiceField(
        choices=Horizon.choices,
        error_messages={
            "required": "Select a horizon",
            "invalid_choice": "Select short, medium or long term",
        },
    )
    priority = forms.ChoiceField(
        choices=Priority.choices,
        error_messages={
            "required": "Select a priority",
            "invalid_choice": "Select high, medium or low priority",
        },
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement_ids"].choices = statement_choices(framework)
        self.fields["component_ids"].choices = component_choices(framework)

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_due_on(self):
        value = self.cleaned_data.get("due_on")
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise forms.ValidationError(
                f"Due date must be between {EARLIEST_YEAR} and {LATEST_YEAR}, like 31 3 2027"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        for name in ("description", "owner", "measure"):
            if name in cleaned:
                cleaned[name] = cleaned[name].strip()
        return cleaned


class EditActionForm(ActionForm):
    """The version the facilitator started from travels with the form, so a save can tell
    whether someone else saved in between."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": "Select a status",
            "invalid_choice": "Select not started, in progress, done or stopped",
        },
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=4000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter what has happened since the last note",
            "max_length": "Progress note must be 4,000 characters or fewer",
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Enter what has happened since the last note")
        return text


VIEWS = {
    "component": "By component",
    "horizon": "By horizon",
    "owner": "By owner",
    "overdue": "Overdue",
}


class PlanFilterForm(forms.Form):
    """The plan page's GET filters. An unknown value is reported and that filter ignored."""

    view = forms.ChoiceField(required=False, choices=[("", ""), *VIEWS.items()])
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status"), *Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    priority = forms.ChoiceField(
        required=False,
        choices=[("", "Any priority"), *Priority.choices],
        error_messages={"invalid_choice": "Select a priority from the list"},
    )
    horizon = forms.ChoiceField(
        required=False,
        choices=[("", "Any horizon"), *Horizon.choices],
        error_messages={"invalid_choice": "Select a horizon from the list"},
    )
    component = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Select a component from the list"}
    )
    owner = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Select an owner from the list"}
    )

    def __init__(self, *args, framework, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = [("", "Any component"), *component_choices(framework)]
        self.fields["owner"].choices = [("", "Anyone")] + [(o, o) for o in owners]

    def filters(self):
        """The valid filters only: a bad value never narrows the list silently."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }
