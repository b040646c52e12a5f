from django.contrib import admin

from .models import FrameworkVersion


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    """Read-only: snapshots are loaded from files and never edited."""

    list_display = ["title", "framework_id", "version", "owner", "source", "loaded_at"]
    list_filter = [("owner", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "framework_id",
        "version",
        "title",
        "content_hash",
        "source",
        "loaded_at",
        "owner",
    ]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
