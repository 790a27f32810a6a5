from django.contrib import admin

from .models import Employment, Person


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "birth_date", "gender")
    search_fields = ("search_name",)
    inlines = [EmploymentInline]
