from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from selfassess.audit.operator import OperatorActionsAreTold

from .models import User


@admin.register(User)
class UserAdmin(OperatorActionsAreTold, BaseUserAdmin):
    """A change to a member's account (their address, password or access) is a change to every
    organisation they belong to, so each is told (see `selfassess.audit.operator`)."""

    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def organisations_of(self, obj):
        from selfassess.organisations.models import Organisation

        return list(Organisation.objects.filter(memberships__user=obj).distinct())
