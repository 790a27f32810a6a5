from django.contrib import admin

from .models import AwardType, Criterion, EvaluationRun, LocalQuotaRule


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("code", "rule", "params", "effective_from", "effective_to", "citation_document", "citation_article",
              "citation_clause", "blocking", "order")


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "abbreviation", "kind", "subject", "level", "active")
    list_filter = ("subject", "kind", "level", "active")
    search_fields = ("name", "code", "abbreviation")
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    """A change in law is a new row (new effective_from), not an edit of a row in force:
    stored verdicts cite the rows that decided them."""

    list_display = ("award_type", "code", "rule", "effective_from", "effective_to", "citation", "blocking")
    list_filter = ("award_type", "rule", "blocking")
    search_fields = ("code", "description", "citation_document", "note")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin):
    """Stored runs are evidence: shown, never edited here."""

    list_display = ("__str__", "school_year", "unit", "subjects", "seconds", "created_by")
    readonly_fields = ("school_year", "unit", "created_by", "award_types", "subjects", "seconds")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LocalQuotaRule)
class LocalQuotaRuleAdmin(admin.ModelAdmin):
    """A province's own cap (from 2024 no national CSTĐCS cap): one row per issuer, award and period, cited to
    the issuer's decision. A new decision is a new row (new effective_from), the old one closed."""

    list_display = ("issuer", "award_type", "max_share", "of_award_type", "effective_from", "effective_to", "citation")
    list_filter = ("award_type",)
    search_fields = ("issuer__name", "citation", "note")
    autocomplete_fields = ("issuer",)
