from django.contrib import admin

from .models import Cluster, ClusterMember, SchoolYear, Unit, UnitType


@admin.register(UnitType)
class UnitTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "category", "abbreviation", "order")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Read-mostly: tree moves go through the pages so they are audited."""

    list_display = ("name", "code", "unit_type", "school_level", "active_to")
    list_filter = ("unit_type", "school_level")
    search_fields = ("name", "code")
    readonly_fields = ("path", "depth", "numchild")


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ("label", "start_date", "end_date")


class ClusterMemberInline(admin.TabularInline):
    model = ClusterMember
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "school_year", "organizer", "leader")
    list_filter = ("school_year",)
    inlines = [ClusterMemberInline]
