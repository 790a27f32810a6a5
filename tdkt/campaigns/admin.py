from django.contrib import admin

from .models import (
    Campaign,
    CampaignDocument,
    CampaignTarget,
    ClusterMeeting,
    Covenant,
    CovenantSignature,
    InnovationRegistration,
    LeaderChange,
    Milestone,
    RegistrationSubmission,
    SubmissionEvent,
    TeacherGroup,
)


class TargetInline(admin.TabularInline):
    model = CampaignTarget
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class DocumentInline(admin.TabularInline):
    model = CampaignDocument
    extra = 0
    readonly_fields = ["file_kind", "size", "uploaded_by", "uploaded_at"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "school_year", "registration_deadline"]
    list_filter = ["kind", "school_year"]
    search_fields = ["name"]
    inlines = [TargetInline, MilestoneInline, DocumentInline]


class EventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "at", "reason", "late"]


@admin.register(RegistrationSubmission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["unit", "campaign", "status", "late", "submitted_at"]
    list_filter = ["status", "late"]
    inlines = [EventInline]


class SignatureInline(admin.TabularInline):
    model = CovenantSignature
    extra = 0


@admin.register(Covenant)
class CovenantAdmin(admin.ModelAdmin):
    list_display = ["cluster", "updated_at"]
    inlines = [SignatureInline]


admin.site.register([InnovationRegistration, TeacherGroup, ClusterMeeting, LeaderChange])
