"""The facilitator's cap on how many people may join each group with the join code.

The cap is set from the workshop's control page and the join code page (both include
``assessments/_join_limit.jinja``); this view saves it and goes back to the page it came
from. It changes nothing else about the assessment, so it may be set at any status except
complete (nobody joins a finished cycle).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .join_codes import JOINERS_PER_GROUP_MAX
from .lifecycle import Status
from .views import assessment_requiring, crumbs

BACK_TO = {"join": "assessments:join", "workshop": "workshop:control"}


class JoinLimitForm(forms.Form):
    joiners_per_group = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=JOINERS_PER_GROUP_MAX,
        error_messages={
            "invalid": "Enter the limit as a whole number, like 20, or leave it empty",
            "min_value": "The limit must be at least 1, or leave it empty for no limit",
            "max_value": f"The limit must be {JOINERS_PER_GROUP_MAX} or fewer",
        },
    )
    back = forms.ChoiceField(choices=[(key, key) for key in BACK_TO], required=False)


@login_required
@require_http_methods(["GET", "POST"])
def join_limit(request, pk):
    assessment = assessment_requiring(request.user, pk)
    form = JoinLimitForm(
        request.POST or None, initial={"joiners_per_group": assessment.joiners_per_group}
    )
    locked = assessment.status == Status.COMPLETE
    if request.method == "POST" and not locked and form.is_valid():
        assessment.joiners_per_group = form.cleaned_data["joiners_per_group"]
        assessment.save(update_fields=["joiners_per_group"])
        limit = assessment.joiners_per_group
        messages.success(
            request,
            f"Up to {limit} people can now join each group with the code."
            if limit
            else "There is now no limit on how many people can join each group with the code.",
        )
        back = BACK_TO[form.cleaned_data["back"] or "join"]
        return redirect(back, assessment.pk)
    return render(
        request,
        "assessments/join_limit.jinja",
        {
            "page_title": "People who can join each group",
            "page_error": bool(form.errors),
            "assessment": assessment,
            "form": form,
            "locked": locked,
            "breadcrumbs": crumbs(
                assessment,
                {"text": "Join code", "href": reverse("assessments:join", args=[assessment.pk])},
                {"text": "People per group", "href": ""},
            ),
        },
        status=400 if form.errors else 200,
    )
