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


class _ReadOnly:
    """Clusters are managed from the office's pages (org:cluster_list), whose service checks the
    leader and deputy are members and a unit is in one cluster of a kind per year, with its audit row;
    the admin only shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClusterMemberInline(_ReadOnly, admin.TabularInline):
    model = ClusterMember
    extra = 0


@admin.register(Cluster)
class ClusterAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("name", "school_year", "organizer", "leader", "deputy")
    list_filter = ("school_year", "kind")
    inlines = [ClusterMemberInline]
