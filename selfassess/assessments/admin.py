from django.contrib import admin

from selfassess.audit.operator import OperatorActionsAreTold

from .lifecycle import Status
from .models import Assessment, ParticipantGroup
from .services import SETTINGS_FIELDS

# Never changed once an assessment exists: moving it to another organisation or framework
# would show its answers to other people, or against other statements.
FIXED_FIELDS = ("organisation", "framework_version", "previous", "join_code")


def _locked(assessment) -> bool:
    """The pages lock an assessment's settings once it leaves draft; so does the admin."""
    return assessment is not None and assessment.status != Status.DRAFT


class GroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Assessment)
class AssessmentAdmin(OperatorActionsAreTold, admin.ModelAdmin):
    """The operator sees assessments but not responses: answers are for the organisation.

    Once an assessment is open, the rules people answered under are fixed on the pages, so the
    admin shows them read-only too (a forged form cannot change a read-only field); every
    change is logged and emailed to the organisation's admins."""

    list_display = ["organisation", "cycle_label", "framework_version", "status", "closes_on"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "cycle_label"]
    readonly_fields = ["status", "status_changed_at", "created_at"]
    inlines = [GroupInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += FIXED_FIELDS
        if _locked(obj):
            fields += SETTINGS_FIELDS
        return fields
