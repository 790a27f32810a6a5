"""Read-only views in the Django admin: uploads go through the "Mẫu văn bản" page
(which checks the file and writes the audit row), numbers through number_reserve."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import DocumentJob, DocumentNumber, DocumentTemplate


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit", "active", "uploaded_by", "uploaded_at", "variables")
    list_filter = ("active", "code")
    search_fields = ("name", "code", "filename")
    exclude = ("content",)

    @admin.display(description="biến dùng trong mẫu")
    def variables(self, obj):
        return format_html('<a href="{}">Xem biến và tải lên mẫu mới</a>',
                           reverse("documents:template_upload") + f"?ma={obj.code}")


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnlyAdmin):
    list_display = ("formatted", "year", "issuer", "issued_on", "title", "created_by", "created_at")
    list_filter = ("year", "doc_type")
    search_fields = ("title", "symbol")
    raw_id_fields = ("issuer",)


@admin.register(DocumentJob)
class DocumentJobAdmin(ReadOnlyAdmin):
    """Background documents (certificate batches): who asked, how far, why one failed."""

    list_display = ("id", "kind", "title", "user", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "user__username", "filename")
    exclude = ("content",)  # the file itself is fetched by its owner from the job page
