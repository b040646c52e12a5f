"""Forms for setting up an organisation and managing who has a role in it.

Every message says what to do next, in the words the NHS.UK design system recommends
("Enter ...", "Select ..."), because the error summary repeats them at the top of the page.
"""

import unicodedata

from django import forms
from django.contrib.auth import get_user_model

from .models import Membership, Organisation, Role


class OrganisationForm(forms.ModelForm):
    """Region and workforce band are asked for here, although the model allows them blank,
    because later peer comparison matches organisations on them."""

    class Meta:
        model = Organisation
        fields = ["name", "ods_code", "organisation_type", "region", "workforce_band"]
        error_messages = {
            "name": {
                "required": "Enter the organisation's name",
                "max_length": "Organisation name must be 200 characters or fewer",
            },
            "organisation_type": {
                "required": "Select the type of organisation",
                "invalid_choice": "Select a type of organisation from the list",
            },
            "region": {
                "required": "Select the region",
                "invalid_choice": "Select a region from the list",
            },
            "workforce_band": {
                "required": "Select how many staff the organisation has",
                "invalid_choice": "Select a number of staff from the list",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("region", "workforce_band"):
            self.fields[name].required = True
        # A select starts on a prompt rather than on the first real choice, so nobody saves a
        # region or type they never picked.
        for name, prompt in (
            ("organisation_type", "Select a type"),
            ("region", "Select a region"),
            ("workforce_band", "Select a size"),
        ):
            self.fields[name].choices = [("", prompt), *self.fields[name].choices[1:]]

    def clean_name(self):
        """The name goes into email subjects and page titles, so it must be one line."""
        name = self.cleaned_data["name"].strip()
        if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in name):
            raise forms.ValidationError(
                "Organisation name must be on one line, without line breaks, tabs or other "
                "hidden characters"
            )
        return name

    def clean_ods_code(self):
        code = (self.cleaned_data.get("ods_code") or "").strip().upper()
        if code:
            taken = Organisation.objects.filter(ods_code=code)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    f"An organisation with ODS code {code} is already set up. Ask one of its "
                    "admins to add you, or leave the ODS code blank"
                )
        return code


class RoleField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=Role.choices,
            error_messages={
                "required": "Select a role",
                "invalid_choice": "Select admin, facilitator or viewer",
            },
            **kwargs,
        )


ROLE_HINTS = {
    Role.ADMIN: "Everything a facilitator can do, and manages the organisation and its people.",
    Role.FACILITATOR: "Sets up assessments, invites people, runs workshops and writes the plan.",
    Role.VIEWER: "Reads results, reports and the development plan.",
}


class AddPersonForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    role = RoleField()

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()
        if Membership.objects.filter(organisation=self.organisation, user__email=email).exists():
            raise forms.ValidationError(
                f"{email} already has a role in this organisation. To change it, choose "
                "“Change” next to their name"
            )
        return email


class ChangeRoleForm(forms.Form):
    role = RoleField()
