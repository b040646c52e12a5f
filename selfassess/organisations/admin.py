from django.contrib import admin

from .models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "organisation_type", "region"]
    search_fields = ["name", "ods_code"]
    list_filter = ["organisation_type", "region"]
    inlines = [MembershipInline]
