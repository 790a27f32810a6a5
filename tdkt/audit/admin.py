from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: administrators may look, nobody may change or delete."""

    list_display = ("created_at", "actor_label", "event_type", "target_repr", "unit")
    list_filter = ("event_type",)
    search_fields = ("target_repr", "actor_label", "event_type")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
