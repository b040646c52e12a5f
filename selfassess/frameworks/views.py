"""The framework pages: every framework a person's organisations may use, and no other.

A custom framework belongs to one organisation (``FrameworkVersion.owner``); another
organisation's members get "page not found" for it, as for any of its data."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import FrameworkVersion


def _organisations(user):
    """The organisations whose frameworks a person sees: those they are a member of."""
    return user.organisations.all()


@login_required
def framework_list(request):
    versions = FrameworkVersion.objects.latest_of_each(_organisations(request.user))
    return render(
        request,
        "frameworks/list.jinja",
        {
            "page_title": "Frameworks",
            "versions": versions,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Frameworks", "href": ""}],
        },
    )


@login_required
def framework_detail(request, pk):
    """Every statement with its level descriptors, so people can read what they will rate."""
    visible = FrameworkVersion.objects.visible_to(_organisations(request.user))
    version = get_object_or_404(visible, pk=pk)
    other_versions = visible.filter(framework_id=version.framework_id).exclude(pk=version.pk)
    return render(
        request,
        "frameworks/detail.jinja",
        {
            "page_title": version.title,
            "version": version,
            "framework": version.framework,
            "other_versions": other_versions,
            "breadcrumbs": [
                {"text": "Home", "href": "/"},
                {"text": "Frameworks", "href": "/frameworks/"},
                {"text": version.title, "href": ""},
            ],
        },
    )
