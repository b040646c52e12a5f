from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for the operator too: the log is only ever added to."""

    list_display = ["created_at", "organisation", "actor_label", "action", "summary"]
    list_filter = ["action"]
    search_fields = ["summary", "actor_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
