from django.contrib import admin

from . import policy
from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "organisation_type", "region", "awaiting_approval"]
    search_fields = ["name", "ods_code"]
    list_filter = ["awaiting_approval", "organisation_type", "region"]
    inlines = [MembershipInline]
    actions = ["approve"]

    @admin.action(description="Approve: let the selected organisations send email")
    def approve(self, request, queryset):
        count = policy.approve(queryset)
        self.message_user(request, f"{count} organisations may now send email.")
