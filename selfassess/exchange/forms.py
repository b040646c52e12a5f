from django import forms

from . import services


class SendForm(forms.Form):
    days = forms.IntegerField(
        min_value=1,
        max_value=services.DAYS_MAX,
        initial=services.DEFAULT_DAYS,
        error_messages={
            "required": "Enter how many days the file lasts",
            "invalid": "Enter the number of days as a whole number, like 365",
            "min_value": "The file must last at least 1 day",
            "max_value": f"The file can last at most {services.DAYS_MAX} days",
        },
    )


class ReceiveForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": "Choose a sharing file to upload",
            "empty": "The file is empty. Choose the sharing file the other deployment wrote",
        }
    )
