from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import FrameworkVersion


@login_required
def framework_list(request):
    versions = FrameworkVersion.objects.latest_of_each()
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
    version = get_object_or_404(FrameworkVersion, pk=pk)
    other_versions = FrameworkVersion.objects.filter(framework_id=version.framework_id).exclude(
        pk=version.pk
    )
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
