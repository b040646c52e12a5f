"""The shared form-field macros, imported from core as every app's templates import them."""

import re

from django import forms
from django.template import engines

from selfassess.assessments.forms import DatePartsField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    role = forms.ChoiceField(choices=[("viewer", "Viewer"), ("admin", "Admin")])
    closing = DatePartsField(label_for_errors="Closing date", required=False)


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_errors_in_the_summary_link_to_their_fields():
    form = ExampleForm(data={"name": "", "role": "nobody"})
    html = render(
        '{% from "includes/fields.jinja" import error_summary, text_field, radios_field %}'
        '{{ error_summary(form) }}{{ text_field(form["name"], "Name") }}'
        '{{ radios_field(form["role"], "Role") }}',
        form=form,
    )
    assert "There is a problem" in html
    assert 'href="#id_name"' in html
    assert 'id="id_name"' in html
    assert 'href="#id_role"' in html
    assert 'id="id_role"' in html
    assert html.count("nhsuk-error-message") == 2


def test_every_kind_of_question_has_the_same_bold_label():
    form = ExampleForm()
    html = render(
        '{% from "includes/fields.jinja" import text_field, radios_field %}'
        '{{ text_field(form["name"], "Name") }}{{ radios_field(form["role"], "Role") }}',
        form=form,
    )
    label = re.search(r"<label\b[^>]*>", html).group(0)
    assert 'class="nhsuk-label nhsuk-label--s"' in label
    assert 'for="id_name"' in label
    assert "nhsuk-fieldset__legend--s" in html


def render_date(data):
    form = ExampleForm(data={"name": "x", "role": "admin", **data})
    return render(
        '{% from "includes/fields.jinja" import error_summary, date_field %}'
        '{{ error_summary(form) }}{{ date_field(form["closing"], "Closing date") }}',
        form=form,
    )


def boxes_marked(html):
    return [
        part
        for part in ("day", "month", "year")
        if re.search(rf'class="[^"]*nhsuk-input--error[^"]*" id="id_closing-{part}"', html)
    ]


def test_only_the_missing_boxes_of_a_date_are_marked_and_the_summary_links_to_the_first():
    html = render_date({"closing[day]": "31"})
    assert "Closing date must include a month and year" in html
    assert boxes_marked(html) == ["month", "year"]
    assert 'href="#id_closing-month"' in html
    assert 'value="31"' in html


def test_a_date_that_is_not_real_marks_every_box():
    html = render_date({"closing[day]": "31", "closing[month]": "2", "closing[year]": "2027"})
    assert "Closing date must be a real date" in html
    assert boxes_marked(html) == ["day", "month", "year"]
    assert 'href="#id_closing-day"' in html


def test_a_date_without_errors_marks_no_box():
    html = render_date({"closing[day]": "1", "closing[month]": "2", "closing[year]": "2027"})
    assert boxes_marked(html) == []
    assert "There is a problem" not in html
