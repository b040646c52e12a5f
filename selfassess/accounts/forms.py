"""Forms for signing in: each validates at the edge and says what to fix."""

from django import forms

EMAIL_ERRORS = {
    "required": "Enter your email address",
    "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
}


class LinkRequestForm(forms.Form):
    email = forms.EmailField(max_length=254, error_messages=EMAIL_ERRORS)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class StaySignedInForm(forms.Form):
    """The "Sign in" button of a link's page, with the working-day choice."""

    stay_signed_in = forms.BooleanField(required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=16,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        if not code.isalnum():
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, or a recovery code"
            )
        return code


class RequireTwoFactorForm(forms.Form):
    require_two_factor = forms.BooleanField(required=False)
