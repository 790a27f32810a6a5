"""Admin: rules are edited here (data, with citations); councils and meetings are
shown read-mostly. Ballots and receipts are not registered: the admin would be a
place to browse them side by side, and nobody needs to."""

from django.contrib import admin

from .models import Council, CouncilMember, Meeting, QuorumRule, VotingRule


@admin.register(VotingRule)
class VotingRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "award_group", "award_type", "threshold_numerator", "threshold_denominator", "base",
                    "secret_ballot_required", "effective_from", "effective_to")
    list_filter = ("award_group", "base", "secret_ballot_required")
    search_fields = ("name", "code", "citation_document", "note")


@admin.register(QuorumRule)
class QuorumRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "council_kind", "share_numerator", "share_denominator", "effective_from", "effective_to")


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    fk_name = "council"
    extra = 0
    raw_id_fields = ("person", "user", "replaces")


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "decision_number", "term_start", "term_end")
    list_filter = ("kind",)
    search_fields = ("name", "decision_number")
    raw_id_fields = ("unit",)
    inlines = [CouncilMemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("council", "starts_at", "school_year", "status")
    list_filter = ("status",)
    raw_id_fields = ("council", "chair", "secretary")
    readonly_fields = ("status", "total_members", "quorum_rule")
