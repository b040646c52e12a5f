"""Forms for the report settings, the response import and the typed confirmations."""

from django import forms

from selfassess.assessments.forms import DatePartsField

from . import imports
from .imports import DONT_KNOW, NO_ANSWER
from .models import Purpose
from .sections import SECTIONS

COVER_TEXTS = {
    "cover_title": ("title", 200),
    "meeting": ("meeting", 200),
    "presenter": ("presenting role", 200),
    "board_asked": ("what the board is asked to do", 2000),
    "cover_summary": ("summary", 3000),
    "risks": ("risks of not acting", 2000),
}
COVER_FIELDS = (*COVER_TEXTS, "meeting_date", "purpose")


def _text_field(name):
    label, limit = COVER_TEXTS[name]
    return forms.CharField(
        required=False,
        max_length=limit,
        widget=forms.Textarea if limit > 200 else forms.TextInput,
        error_messages={"max_length": f"The {label} must be {limit:,} characters or fewer."},
    )


class ReportSettingsForm(forms.Form):
    sections = forms.MultipleChoiceField(
        choices=SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose sections from the list."},
    )
    foreword = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"max_length": "The foreword must be 5,000 characters or fewer."},
    )
    comments = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose comments from the list."},
    )
    cover_title = _text_field("cover_title")
    meeting = _text_field("meeting")
    meeting_date = DatePartsField(label_for_errors="Meeting date", required=False)
    presenter = _text_field("presenter")
    purpose = forms.ChoiceField(
        required=False,
        choices=[("", "Not stated"), *Purpose.choices],
        error_messages={"invalid_choice": "Choose the purpose from the list."},
    )
    board_asked = _text_field("board_asked")
    cover_summary = _text_field("cover_summary")
    risks = _text_field("risks")

    def __init__(self, *args, comment_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = comment_choices

    def clean_meeting_date(self):
        value = self.cleaned_data.get("meeting_date")
        if value is not None and not 2000 <= value.year <= 2100:
            raise forms.ValidationError("Meeting date must be a real date, like 14 5 2027")
        return value

    def clean(self):
        cleaned = super().clean()
        for name in COVER_TEXTS:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty. Choose a CSV file with a header row and answers.",
        }
    )


GROUP_FROM_COLUMN = "column"


class ColumnsForm(forms.Form):
    """One choice per CSV column: a statement, the group column, or leave it out."""

    group = forms.ChoiceField(
        error_messages={"required": "Choose where each person's group comes from."}
    )

    def __init__(self, *args, header, statements, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        self.fields["group"].choices = [
            *[(str(g.pk), f"Everyone is in {g.name}") for g in groups],
            (GROUP_FROM_COLUMN, "A column of the file names each person's group"),
        ]
        options = [("", "Leave out"), ("group", "Group"), *statements]
        for index, name in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=name, choices=options, required=False
            )

    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.header))]

    def clean(self):
        data = super().clean()
        chosen = {name: data.get(f"column_{i}") for i, name in enumerate(self.header)}
        group_columns = [name for name, value in chosen.items() if value == "group"]
        if data.get("group") == GROUP_FROM_COLUMN and len(group_columns) != 1:
            raise forms.ValidationError("Mark exactly one column as the group column.")
        if data.get("group") != GROUP_FROM_COLUMN and group_columns:
            raise forms.ValidationError(
                "You chose one group for everyone, so do not mark a column as the group."
            )
        statements = [v for v in chosen.values() if v and v != "group"]
        if not statements:
            raise forms.ValidationError("Choose a statement for at least one column.")
        repeated = imports.repeated(statements)
        if repeated:
            raise forms.ValidationError(
                f"Each statement can come from one column only; repeated: {', '.join(repeated)}."
            )
        data["statements"] = {n: v for n, v in chosen.items() if v and v != "group"}
        data["group_column"] = group_columns[0] if group_columns else None
        return data


class ValuesForm(forms.Form):
    """One choice per answer found in the file: a level, don't know, or no answer."""

    def __init__(self, *args, values, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.values = values
        options = [
            ("", "Choose what this answer means"),
            *[(str(level.value), f"{level.value} {level.name}") for level in scale.levels],
            (DONT_KNOW, scale.dont_know_label),
            (NO_ANSWER, "No answer"),
        ]
        for index, value in enumerate(values):
            self.fields[f"value_{index}"] = forms.ChoiceField(
                label=value,
                choices=options,
                error_messages={"required": f"Choose what the answer \u201c{value}\u201d means."},
            )

    def value_fields(self):
        return [self[f"value_{index}"] for index in range(len(self.values))]

    def mapping(self):
        result = {}
        for index, value in enumerate(self.values):
            meaning = self.cleaned_data[f"value_{index}"]
            result[value] = meaning if meaning in (DONT_KNOW, NO_ANSWER) else int(meaning)
        return result


class ConfirmImportForm(forms.Form):
    drop_bad_rows = forms.BooleanField(required=False)


class TypedConfirmationForm(forms.Form):
    """Deleting needs the name typed exactly, so it is never one slip of the mouse away."""

    confirmation = forms.CharField(
        label="Type the name to confirm", error_messages={"required": "Type the name to confirm."}
    )

    def __init__(self, *args, expected, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"].strip()
        if typed != self.expected:
            raise forms.ValidationError(f"Type {self.expected} exactly as shown to confirm.")
        return typed
