from django.contrib import admin

from .models import Assessment, ParticipantGroup


class GroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """The operator sees assessments but not responses: answers are for the organisation."""

    list_display = ["organisation", "cycle_label", "framework_version", "status", "closes_on"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "cycle_label"]
    readonly_fields = ["status", "status_changed_at", "created_at"]
    inlines = [GroupInline]
