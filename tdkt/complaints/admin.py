"""The legal rows and the calendar are administered here; letters are not (their senders are secret to all but the
letter's handlers: the admin would show them to every administrator)."""

from django.contrib import admin

from .models import CalendarDay, TimeLimitRule


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "step", "instance", "remote", "complex", "days", "unit", "effective_from", "effective_to")
    list_filter = ("kind", "step")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name", "citation")
    date_hierarchy = "day"
