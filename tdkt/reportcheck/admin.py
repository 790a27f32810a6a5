"""Admin: the rule rows are reference data an administrator may correct (a new text
adds rows with a new effective_from); the checks themselves are read-only history."""

from django.contrib import admin

from .models import ReportCheck, ReportFormSection, ReportRule, TitleNameRule


@admin.register(ReportFormSection)
class ReportFormSectionAdmin(admin.ModelAdmin):
    list_display = ["form_kind", "order", "number", "heading", "effective_from", "effective_to", "citation"]
    list_filter = ["form_kind", "effective_from"]


@admin.register(ReportRule)
class ReportRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "citation"]


@admin.register(TitleNameRule)
class TitleNameRuleAdmin(admin.ModelAdmin):
    list_display = ["wrong", "right", "severity", "case_sensitive", "effective_from", "effective_to"]


@admin.register(ReportCheck)
class ReportCheckAdmin(admin.ModelAdmin):
    list_display = ["created_at", "created_by", "filename", "form_kind", "error_count", "warning_count"]
    exclude = ["data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
