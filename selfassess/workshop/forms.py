"""Forms for the workshop: every input is checked here, at the edge, with a message saying
what to fix, before any service sees it."""

from django import forms

from selfassess.core import limits

from .consensus import Position

DONT_KNOW = "dont-know"
TEXT_MAX_LENGTH = 5000


def level_choices(scale):
    return [(str(level.value), f"{level.value} {level.name}") for level in scale.levels]


class ConsensusForm(forms.Form):
    """The agreed current level, the target for the next 12 months, and why."""

    current_level = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Choose the level the group agreed describes things now",
            "invalid_choice": "Choose one of the levels on the scale for the current level",
        },
    )
    target_level = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Choose the level the group wants to reach in the next 12 months",
            "invalid_choice": "Choose one of the levels on the scale for the target level",
        },
    )
    rationale = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        error_messages={
            "required": "Enter the rationale: why the group agreed this level",
            "max_length": f"The rationale must be {TEXT_MAX_LENGTH} characters or fewer",
        },
    )
    evidence = forms.CharField(
        required=False,
        max_length=TEXT_MAX_LENGTH,
        error_messages={
            "max_length": f"The evidence must be {TEXT_MAX_LENGTH} characters or fewer"
        },
    )
    base_version = forms.IntegerField(
        min_value=0,
        max_value=limits.POSITIVE_INT_MAX,
        widget=forms.HiddenInput,
        error_messages={
            "required": "The form was incomplete. Reload the page and try again.",
            "invalid": "The form was damaged. Reload the page and try again.",
            "min_value": "The form was damaged. Reload the page and try again.",
            "max_value": "The form was damaged. Reload the page and try again.",
        },
    )

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("current_level", "target_level"):
            self.fields[name].choices = level_choices(scale)

    def clean(self):
        cleaned = super().clean()
        current, target = cleaned.get("current_level"), cleaned.get("target_level")
        if current is not None and target is not None and target < current:
            self.add_error(
                "target_level",
                "The target level cannot be lower than the current level: choose the current "
                "level or a higher one",
            )
        return cleaned

    def position(self) -> Position:
        data = self.cleaned_data
        return Position(
            current_level=data["current_level"],
            target_level=data["target_level"],
            rationale=data["rationale"].strip(),
            evidence=data["evidence"].strip(),
        )


def initial_for(rating) -> dict:
    if rating is None:
        return {"base_version": 0}
    return {
        "current_level": rating.current_level,
        "target_level": rating.target_level,
        "rationale": rating.rationale,
        "evidence": rating.evidence,
        "base_version": rating.version,
    }


class VoteForm(forms.Form):
    level = forms.ChoiceField(
        error_messages={
            "required": "Choose the description that best matches how things are now",
            "invalid_choice": "Choose one of the descriptions shown",
        }
    )
    round = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [*level_choices(scale), (DONT_KNOW, "Don't know")]

    def chosen_level(self) -> int | None:
        value = self.cleaned_data["level"]
        return None if value == DONT_KNOW else int(value)


class PersonalLinkForm(forms.Form):
    """A participant who has a personal link can use it instead of choosing a group again."""

    link = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Paste the personal link from your invitation",
            "max_length": "Check the link: it is much longer than a personal link",
        },
    )

    def clean_link(self):
        parts = [part for part in self.cleaned_data["link"].strip().split("/") if part]
        if not parts:
            raise forms.ValidationError("Paste the whole personal link from your invitation")
        return parts[-1]
