from django.contrib import admin

from .models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """What the worker did with each email, for the operator; nothing here can be edited."""

    list_display = ["pk", "created_at", "organisation", "purpose", "status", "attempts", "failure"]
    list_filter = ["status", "purpose"]
    exclude = ["body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
