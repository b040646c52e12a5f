"""The join code box, as both doors (the survey's and the workshop's) show it.

The form only checks that something sensible was typed; whether the code is accepted is
``join_codes.admit``, with the door's own idea of when a code is of use. A refused code gets
one message whatever the reason, and the box is shown empty again, so the page is the same
for a code that never existed as for one whose assessment has closed.
"""

from django import forms

from . import join_codes


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        max_length=join_codes.TYPED_CHARS_MAX,
        error_messages={"max_length": "Check the join code: it is much shorter than this"},
    )

    def __init__(self, *args, request, usable, required_message, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.usable = request, usable
        self.fields["code"].error_messages["required"] = required_message
        self.assessment = None
        self.too_many = False

    def clean_code(self):
        admission = join_codes.admit(self.request, self.cleaned_data["code"], usable=self.usable)
        if admission.too_many:
            self.too_many = True
            raise forms.ValidationError(join_codes.too_many_message())
        if not admission.accepted:
            raise forms.ValidationError(join_codes.REFUSED)
        self.assessment = admission.assessment
        return admission.assessment.join_code

    @property
    def status_code(self) -> int:
        """429 while the client or code is resting, 400 for anything else refused."""
        return 429 if self.too_many else 400
