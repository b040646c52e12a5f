"""Forms for the participant's pages, built from the assessment's framework snapshot.

A component page's form has one answer field and one comment field per statement of that
component, and nothing else: answers posted for any other statement id are never read, so
they can never be stored. Answers are choices of the scale's own values plus "dont_know", so
a level outside the scale (9, "abc") is a validation error, not a stored number.
"""

from django import forms

from .services import COMMENT_MAX_LENGTH, Answer

DONT_KNOW = "dont_know"


def answer_field_name(statement_id: str) -> str:
    return f"answer-{statement_id}"


def comment_field_name(statement_id: str) -> str:
    return f"comment-{statement_id}"


class CommentField(forms.CharField):
    """Free text whose length is counted as the character count on the page counts it.

    Browsers send a new line as two characters (CR LF) but count it as one, so new lines
    are made single before the length is checked; otherwise a comment the page accepted
    could be refused here.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class ComponentForm(forms.Form):
    """The answers to one component's statements; any of them may be left for later."""

    participant = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "This page could not be matched to your personal link; open it again",
            "invalid": "This page could not be matched to your personal link; open it again",
        },
    )

    def __init__(self, *args, component, scale, participant_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.component = component
        self.scale = scale
        self.participant_id = participant_id
        self.fields["participant"].initial = participant_id
        choices = [(str(value), str(value)) for value in scale.values] + [(DONT_KNOW, DONT_KNOW)]
        for number, statement in enumerate(component.statements, start=1):
            self.fields[answer_field_name(statement.id)] = forms.ChoiceField(
                choices=choices,
                required=False,
                error_messages={
                    "invalid_choice": (
                        f"Statement {number}: choose one of the answers shown, or "
                        f"{scale.dont_know_label}"
                    )
                },
            )
            self.fields[comment_field_name(statement.id)] = CommentField(
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                error_messages={
                    "max_length": (
                        f"Statement {number}: shorten your comment to {COMMENT_MAX_LENGTH:,} "
                        "characters or fewer"
                    )
                },
            )

    def clean_participant(self):
        if self.cleaned_data["participant"] != self.participant_id:
            raise forms.ValidationError(
                "You opened another personal link in this browser after this page was "
                "loaded, so these answers were not saved. Check the answers below are yours "
                "and save again."
            )
        return self.cleaned_data["participant"]

    def clean(self):
        cleaned = super().clean()
        for number, statement in enumerate(self.component.statements, start=1):
            answer_name = answer_field_name(statement.id)
            if answer_name in self.errors:
                continue
            if cleaned.get(comment_field_name(statement.id)) and not cleaned.get(answer_name):
                self.add_error(
                    answer_name,
                    f"Statement {number}: choose an answer, or {self.scale.dont_know_label}, "
                    "to save your comment",
                )
        return cleaned

    def answers(self) -> list[Answer]:
        """The statements answered on this page; those left blank are not touched."""
        answers = []
        for statement in self.component.statements:
            choice = self.cleaned_data.get(answer_field_name(statement.id))
            if not choice:
                continue
            answers.append(
                Answer(
                    statement_id=statement.id,
                    level=None if choice == DONT_KNOW else int(choice),
                    comment=self.cleaned_data.get(comment_field_name(statement.id), ""),
                )
            )
        return answers


def initial_answers(component, responses) -> dict[str, str]:
    """Saved responses as the form's initial values, so a page shows what was saved."""
    initial = {}
    for statement in component.statements:
        response = responses.get(statement.id)
        if response is None:
            continue
        initial[answer_field_name(statement.id)] = (
            DONT_KNOW if response.level is None else str(response.level)
        )
        initial[comment_field_name(statement.id)] = response.comment
    return initial


class JoinGroupForm(forms.Form):
    """Which group a person joining in a room belongs to, plus a one-use form key."""

    group = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        error_messages={
            "required": "Choose the group you belong to",
            "invalid_choice": "Choose one of the groups shown",
        },
    )
    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = assessment.groups.all()
