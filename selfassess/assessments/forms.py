"""Forms a facilitator fills in: setting up an assessment, changing its dates, inviting people.

Each form checks everything at the edge and says what to fix; nothing is saved until the whole
form is valid.
"""

import datetime

from django import forms
from django.utils import timezone

from selfassess.core import limits, textinput
from selfassess.frameworks.models import DEFAULT_FRAMEWORK_ID, FrameworkVersion

from .models import DEFAULT_GROUPS, MIN_ANONYMITY_THRESHOLD, ParticipantGroup

MAX_ANONYMITY_THRESHOLD = 50
MAX_GROUP_NAME = ParticipantGroup._meta.get_field("name").max_length


class DatePartsWidget(forms.Widget):
    """The NHS.UK date input: three boxes posted as name[day], name[month], name[year]."""

    is_date_parts = True
    parts = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        return {part: (data.get(f"{name}[{part}]") or "").strip() for part in self.parts}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}[{part}]" in data for part in self.parts)

    @staticmethod
    def parts_of(value):
        """What to show in the three boxes, for a date, a posted dict or nothing."""
        if isinstance(value, datetime.date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if isinstance(value, dict):
            return value
        return {"day": "", "month": "", "year": ""}

    @classmethod
    def parts_in_error(cls, value):
        """The boxes to mark when the date is wrong. The NHS.UK date input pattern marks only
        the missing boxes when some were filled in, so people see what is left to do;
        otherwise (nothing given, or not a real date) all three."""
        parts = cls.parts_of(value)
        missing = [part for part in cls.parts if not str(parts.get(part) or "").strip()]
        return missing if 0 < len(missing) < len(cls.parts) else list(cls.parts)


class DatePartsField(forms.Field):
    """A date from three boxes, with the NHS.UK pattern's messages: which part is missing, or
    that the date is not real."""

    widget = DatePartsWidget

    def __init__(self, *, label_for_errors, years=(limits.YEAR_MIN, limits.YEAR_MAX), **kwargs):
        self.label_for_errors = label_for_errors
        self.years = years
        kwargs.setdefault("error_messages", {"required": f"Enter the {label_for_errors.lower()}"})
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not value or not any(value.values()):
            return None
        missing = [part for part in DatePartsWidget.parts if not value.get(part)]
        if missing:
            raise forms.ValidationError(
                f"{self.label_for_errors} must include a {' and '.join(missing)}"
            )
        not_real = forms.ValidationError(
            f"{self.label_for_errors} must be a real date, like 31 3 2027"
        )
        # Only plain digits, no more than a date has: "1e9", "²⁰²⁶" or a 30-digit year
        # is not a date, and must never reach int() or datetime (OverflowError).
        widths = {"day": 2, "month": 2, "year": 4}
        for part, width in widths.items():
            text = str(value.get(part) or "")
            if not (text.isascii() and text.isdigit() and len(text) <= width):
                raise not_real
        year = int(value["year"])
        low, high = self.years
        if not low <= year <= high:
            raise forms.ValidationError(
                f"{self.label_for_errors} must be between {low} and {high}, like 31 3 2027"
            )
        try:
            return datetime.date(year, int(value["month"]), int(value["day"]))
        except (ValueError, OverflowError):
            raise not_real from None


def future_date_field(label, required=True):
    return DatePartsField(label_for_errors=label, required=required)


def check_in_future(value, label):
    if value is not None and value <= timezone.localdate():
        raise forms.ValidationError(f"{label} must be in the future")
    return value


class AssessmentSettingsForm(forms.Form):
    """What can be changed while an assessment is still a draft."""

    cycle_label = forms.CharField(
        max_length=40,
        error_messages={
            "required": "Enter a cycle label, like 2026/27",
            "max_length": "Cycle label must be 40 characters or fewer",
        },
    )
    anonymity_threshold = forms.IntegerField(
        min_value=MIN_ANONYMITY_THRESHOLD,
        max_value=MAX_ANONYMITY_THRESHOLD,
        initial=5,
        error_messages={
            "required": "Enter the anonymity threshold, a whole number like 5",
            "invalid": "Anonymity threshold must be a whole number, like 5",
            "min_value": f"Anonymity threshold must be {MIN_ANONYMITY_THRESHOLD} or more, so "
            "that nobody in a small group can be identified",
            "max_value": f"Anonymity threshold must be {MAX_ANONYMITY_THRESHOLD} or fewer",
        },
    )
    closes_on = future_date_field("Closing date")
    introduction = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea,
        error_messages={"max_length": "Introduction must be 3,000 characters or fewer"},
    )

    def clean_cycle_label(self):
        return self.cleaned_data["cycle_label"].strip()

    def clean_closes_on(self):
        return check_in_future(self.cleaned_data.get("closes_on"), "Closing date")

    def clean_introduction(self):
        return self.cleaned_data["introduction"].strip()


def picker_labels(versions):
    """How each framework is named in a list: its title and version, plus its id where another
    framework in the list has the same title and version (frameworks written locally often
    copy a shipped one's title), so no two choices read the same."""
    counts = {}
    for version in versions:
        key = (version.title.casefold(), version.version)
        counts[key] = counts.get(key, 0) + 1

    def label(version):
        if counts.get((version.title.casefold(), version.version), 0) > 1:
            return f"{version} ({version.framework_id})"
        return str(version)

    return label


class AssessmentForm(AssessmentSettingsForm):
    """A new assessment: its settings, plus the framework and the groups taking part, which
    cannot change once people have been invited."""

    framework_version = forms.ModelChoiceField(
        queryset=FrameworkVersion.objects.none(),
        empty_label=None,
        error_messages={
            "required": "Select a framework",
            "invalid_choice": "Select one of the frameworks listed",
        },
    )
    groups = forms.MultipleChoiceField(
        required=False,
        choices=[(name, name) for name in DEFAULT_GROUPS],
        initial=list(DEFAULT_GROUPS),
        error_messages={"invalid_choice": "Select groups from the list"},
    )
    extra_groups = forms.CharField(required=False, widget=forms.Textarea)

    field_order = [
        "framework_version",
        "cycle_label",
        "groups",
        "extra_groups",
        "anonymity_threshold",
        "closes_on",
        "introduction",
    ]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        versions = FrameworkVersion.objects.latest_of_each(organisation)
        self.fields["framework_version"].queryset = versions
        self.fields["framework_version"].label_from_instance = picker_labels(versions)
        default = next((v for v in versions if v.framework_id == DEFAULT_FRAMEWORK_ID), None)
        if default is not None:
            self.fields["framework_version"].initial = default.pk

    def clean_extra_groups(self):
        text = self.cleaned_data["extra_groups"]
        most = limits.GROUPS_PER_ASSESSMENT_MAX * (MAX_GROUP_NAME + 2)
        if len(text) > most:
            raise forms.ValidationError(
                f"Enter at most {limits.GROUPS_PER_ASSESSMENT_MAX} groups, one per line "
                f"({most:,} characters in all)"
            )
        names = [line.strip() for line in text.splitlines()]
        names = [name for name in names if name]
        too_long = [name for name in names if len(name) > MAX_GROUP_NAME]
        if too_long:
            raise forms.ValidationError(
                f"Group names must be {MAX_GROUP_NAME} characters or fewer; shorten "
                f"“{too_long[0][:40]}…”"
            )
        return names

    def clean(self):
        cleaned = super().clean()
        if "groups" in cleaned and "extra_groups" in cleaned:
            names, seen = [], set()
            for name in [*cleaned["groups"], *cleaned["extra_groups"]]:
                if name.casefold() not in seen:
                    seen.add(name.casefold())
                    names.append(name)
            if not names:
                self.add_error(
                    "groups", "Select at least one group, or enter your own groups below"
                )
            elif len(names) > limits.GROUPS_PER_ASSESSMENT_MAX:
                self.add_error(
                    "extra_groups",
                    f"An assessment can have at most {limits.GROUPS_PER_ASSESSMENT_MAX} groups; "
                    f"you gave {len(names):,}. Merge small groups or leave some out",
                )
            cleaned["group_names"] = names
        return cleaned


class NewClosingDateForm(forms.Form):
    """For extending an open assessment or reopening a closed one: the new date must be in the
    future and later than the one it replaces."""

    closes_on = future_date_field("New closing date")

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_closes_on(self):
        value = check_in_future(self.cleaned_data.get("closes_on"), "New closing date")
        if self.current and value <= self.current:
            raise forms.ValidationError(
                f"New closing date must be after the current one, {self.current:%-d %B %Y}"
            )
        return value


class InvitationListForm(forms.Form):
    """A pasted list or an uploaded CSV of email,group rows; the rows are checked by
    `invitations.check_rows`, which reports every bad row at once."""

    MAX_BYTES = 1_000_000

    rows = forms.CharField(required=False, widget=forms.Textarea)
    file = forms.FileField(required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB")
        try:
            return textinput.decode(upload.read())
        except textinput.Unreadable as unreadable:
            raise forms.ValidationError(str(unreadable)) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text, pasted = cleaned.get("file") or "", cleaned.get("rows") or ""
        if text.strip() and pasted.strip():
            self.add_error(
                "rows", "Paste a list or choose a file, not both; clear the list to use the file"
            )
        elif not (text.strip() or pasted.strip()):
            self.add_error("rows", "Paste a list of email addresses and groups, or choose a file")
        cleaned["text"] = text if text.strip() else pasted
        return cleaned


class LinkCountsForm(forms.Form):
    """How many personal links to make for each group; one number box per group."""

    MAX_PER_GROUP = 500

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        for group in self.groups:
            self.fields[self.field_name(group)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=self.MAX_PER_GROUP,
                label=group.name,
                error_messages={
                    "invalid": f"Number of links for {group.name} must be a whole number",
                    "min_value": f"Number of links for {group.name} must be 0 or more",
                    "max_value": f"Number of links for {group.name} must be "
                    f"{self.MAX_PER_GROUP} or fewer",
                },
            )

    @staticmethod
    def field_name(group):
        return f"group_{group.pk}"

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        counts = {g: cleaned.get(self.field_name(g)) or 0 for g in self.groups}
        if not any(counts.values()):
            raise forms.ValidationError("Enter how many links you need for at least one group")
        cleaned["counts"] = counts
        return cleaned
