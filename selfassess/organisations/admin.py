from django.contrib import admin

from selfassess.audit.operator import OperatorActionsAreTold

from . import policy
from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(OperatorActionsAreTold, admin.ModelAdmin):
    """Every change here, memberships included, is logged and emailed to the organisation's
    admins (see `selfassess.audit.operator`): the operator cannot join one silently."""

    list_display = ["name", "ods_code", "organisation_type", "region", "awaiting_approval"]
    search_fields = ["name", "ods_code"]
    list_filter = ["awaiting_approval", "organisation_type", "region"]
    inlines = [MembershipInline]
    actions = ["approve"]

    def organisations_of(self, obj):
        return [obj]

    @admin.action(description="Approve: let the selected organisations send email")
    def approve(self, request, queryset):
        count = policy.approve(queryset)
        self.message_user(request, f"{count} organisations may now send email.")
