"""Read-only admin: records change through the pages, the API or the import,
which validate and audit every write."""

from django.contrib import admin

from .models import (
    Absence,
    AwardRecord,
    Discipline,
    ImportJob,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InitiativeAuthorInline(admin.TabularInline):
    model = InitiativeAuthor
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PersonRating)
class PersonRatingAdmin(ReadOnlyAdmin):
    list_display = ("person", "school_year", "rating", "unit")
    list_filter = ("school_year", "rating")
    search_fields = ("person__search_name",)
    list_select_related = ("person", "school_year", "unit")


@admin.register(UnitRating)
class UnitRatingAdmin(ReadOnlyAdmin):
    list_display = ("unit", "school_year", "rating")
    list_filter = ("school_year", "rating")
    search_fields = ("unit__name", "unit__code")


@admin.register(Discipline)
class DisciplineAdmin(ReadOnlyAdmin):
    list_display = ("person", "form", "decision_number", "decision_date", "effective_from", "effective_to")
    list_filter = ("form",)
    search_fields = ("person__search_name", "decision_number")


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdmin):
    list_display = ("person", "kind", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("person__search_name",)


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "school_year", "scope", "recognized", "decision_number")
    list_filter = ("school_year", "scope", "kind")
    search_fields = ("title", "decision_number")
    inlines = [InitiativeAuthorInline]


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyAdmin):
    list_display = ("award_type", "person", "unit", "school_year", "decision_number", "decision_date", "revoked_on",
                    "source")
    list_filter = ("award_type", "school_year", "source", "thematic")
    search_fields = ("person__search_name", "unit__name", "decision_number")
    list_select_related = ("award_type", "person", "unit", "school_year")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("award_type", "person", "unit", "school_year", "registered_on")
    list_filter = ("award_type", "school_year")
    search_fields = ("person__search_name", "unit__name")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Excel import jobs, for an administrator looking into a stuck or failed import."""

    list_display = ("id", "kind", "filename", "user", "status", "phase", "created_at")
    list_filter = ("status", "kind")
    exclude = ("data",)
