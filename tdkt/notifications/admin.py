"""The administrator sees the e-mails that could not be sent (filter «Gửi không được») and sends them
again once the server is mended (action «Gửi lại thư»)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Notification, Preference, ReminderSchedule, RequiredKind


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "title", "email_status", "email_attempts", "email_next_try",
                    "email_last_error"]
    list_filter = ["email_status", "kind"]
    search_fields = ["title", "recipient__username", "recipient__email", "key"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Gửi lại thư"))
    def retry(self, request, queryset):
        n = services.email_retry(actor=request.user, notifications=list(queryset))
        self.message_user(request, _("%(n)s thư sẽ được gửi lại ở lượt chạy tới.") % {"n": n}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "daily_digest", "reminder_days"]


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    list_display = ["source", "object_id", "days"]


@admin.register(RequiredKind)
class RequiredKindAdmin(admin.ModelAdmin):
    list_display = ["kind", "citation", "effective_from", "effective_to", "note"]
