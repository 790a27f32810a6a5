"""Read-only in the Django admin: keys come from `tdkt signing` (audited services later), signed files
from "Ký số"."""

from django.contrib import admin

from .models import SignedDocument, SigningKey


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ("subject", "kind", "user", "unit", "valid_to", "active")
    exclude = ("image",)


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "object_id", "signed_at", "signer", "time_source")
    exclude = ("content",)
