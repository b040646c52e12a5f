"""Forms for systems, memberships, roles, sharing and learning notes.

Every text is checked against ``selfassess.core.limits`` before it reaches a column, and every
message says what to do.
"""

from django import forms

from selfassess.core import limits
from selfassess.organisations.models import ods_code_validator

from .models import SystemKind, SystemRoleName

KIND_HINTS = {
    SystemKind.ICB: "An integrated care board bringing together the organisations in its area.",
    SystemKind.PROVIDER_COLLABORATIVE: "Providers working together on shared services.",
    SystemKind.LEARNING_NETWORK: "A regional network of organisations learning from each other.",
}


class SetUpSystemForm(forms.Form):
    kind = forms.ChoiceField(
        choices=SystemKind.choices,
        error_messages={
            "required": "Select the kind of system",
            "invalid_choice": "Select a kind of system from the list",
        },
    )


class InviteForm(forms.Form):
    ods_code = forms.CharField(
        max_length=6,
        error_messages={
            "required": "Enter the ODS code of the organisation to invite",
            "max_length": "An ODS code has 3 to 6 letters and numbers, like RX1 or A81001",
        },
    )

    def clean_ods_code(self):
        code = self.cleaned_data["ods_code"].strip().upper()
        ods_code_validator(code)
        return code


class RoleForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the right format, like name@example.nhs.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    role = forms.ChoiceField(
        choices=SystemRoleName.choices,
        error_messages={
            "required": "Select a role in the system",
            "invalid_choice": "Select system lead or system viewer",
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


NOTHING, POSITIONS, POSITIONS_RATIONALE, SURVEY, SURVEY_RATIONALE = (
    "nothing",
    "positions",
    "positions_rationale",
    "survey",
    "survey_rationale",
)
SCOPE_CHOICES = [
    (NOTHING, "Nothing"),
    (POSITIONS, "Agreed positions"),
    (POSITIONS_RATIONALE, "Agreed positions with their rationale"),
    (SURVEY, "Agreed positions and the survey summaries"),
    (SURVEY_RATIONALE, "Agreed positions with their rationale, and the survey summaries"),
]
SCOPE_HINTS = {
    NOTHING: "Nothing of this assessment is shown. Choosing this withdraws what you shared.",
    POSITIONS: "The current and target level agreed for each statement and component.",
    POSITIONS_RATIONALE: "As above, with the rationale your workshop recorded for each.",
    SURVEY: "Also the released survey figures for the whole organisation: medians, quartiles "
    "and don't know shares. Never a group's figures, never a participant's comment.",
    SURVEY_RATIONALE: "All of the above.",
}
SCOPE_FLAGS = {
    POSITIONS: (False, False),
    POSITIONS_RATIONALE: (True, False),
    SURVEY: (False, True),
    SURVEY_RATIONALE: (True, True),
}


def scope_choice(rationale: bool, survey: bool) -> str:
    return next(key for key, flags in SCOPE_FLAGS.items() if flags == (rationale, survey))


class ShareForm(forms.Form):
    scope = forms.ChoiceField(
        choices=SCOPE_CHOICES,
        error_messages={
            "required": "Select what to share",
            "invalid_choice": "Select one of the choices of what to share",
        },
    )


class NotesForm(forms.Form):
    """A note and a contact role for each statement; a blank note removes it."""

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for ref in statements:
            sid = ref["id"]
            self.fields[f"note-{sid}"] = forms.CharField(
                required=False,
                max_length=limits.LEARNING_NOTE_CHARS_MAX,
                widget=forms.Textarea,
                error_messages={
                    "max_length": f"A note must be {limits.LEARNING_NOTE_CHARS_MAX:,} "
                    "characters or fewer"
                },
            )
            self.fields[f"contact-{sid}"] = forms.CharField(
                required=False,
                max_length=limits.CONTACT_ROLE_CHARS_MAX,
                error_messages={
                    "max_length": f"A contact role must be {limits.CONTACT_ROLE_CHARS_MAX} "
                    "characters or fewer"
                },
            )

    def clean(self):
        data = super().clean()
        for ref in self.statements:
            sid = ref["id"]
            note = (data.get(f"note-{sid}") or "").strip()
            contact = (data.get(f"contact-{sid}") or "").strip()
            if note and not contact and f"contact-{sid}" not in self.errors:
                self.add_error(
                    f"contact-{sid}",
                    f"Enter a role others can contact about statement {ref['number']}, "
                    "like Head of Quality Improvement",
                )
        return data

    def notes(self) -> dict[str, tuple[str, str]]:
        """{statement: (note, contact role)} for the statements with a note."""
        out = {}
        for ref in self.statements:
            sid = ref["id"]
            note = self.cleaned_data.get(f"note-{sid}", "").strip()
            if note:
                out[sid] = (note, self.cleaned_data.get(f"contact-{sid}", "").strip())
        return out
