from django.contrib import admin

from .models import (
    BaseSalary,
    BonusCoefficient,
    BonusRounding,
    Decision,
    GrantAuthority,
    Proposal,
    RequiredDocument,
    Round,
)


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "amount", "citation", "note")


@admin.register(BonusRounding)
class BonusRoundingAdmin(admin.ModelAdmin):
    list_display = ("effective_from", "step", "citation", "note")


@admin.register(BonusCoefficient)
class BonusCoefficientAdmin(admin.ModelAdmin):
    list_display = ("award_type", "subject", "coefficient", "effective_from", "effective_to", "citation", "note")
    list_filter = ("subject",)


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(admin.ModelAdmin):
    list_display = ("award_type", "doc_kind", "per_nominee", "citation")


@admin.register(GrantAuthority)
class GrantAuthorityAdmin(admin.ModelAdmin):
    list_display = ("unit_type", "award_level", "action", "note")


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "kind", "school_year", "deadline", "late_policy")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Read only: proposals change through the workflow services (audited, versioned)."""

    list_display = ("title", "unit", "to_unit", "status", "version")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("number", "symbol", "year", "issuer", "decision_date", "total")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
