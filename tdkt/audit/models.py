"""AuditEvent: who did what, when, to what and why.

Rows are append-only. The model refuses updates and deletes, and triggers
refuse them at the database too (PostgreSQL: migration 0002; SQLite: 0005),
so no path in the application can rewrite history. Each row is chained to the
one before it by a hash (``chain.py``), so what the database owner could still
do (disable a trigger, truncate) is detected by ``tdkt audit verify``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký hệ thống không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký hệ thống không được xóa.")


class AuditEvent(models.Model):
    """Nhật ký: one row per state change, written inside the service's transaction."""

    # Set before the row is hashed (not auto_now_add, which would set it after), never edited.
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_label = models.CharField(_("tên người thực hiện"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event_type = models.CharField(_("loại sự kiện"), max_length=80, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=80, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    data = models.JSONField(_("dữ liệu"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    prev_hash = models.CharField(_("mã băm dòng trước"), max_length=64, blank=True, editable=False)
    row_hash = models.CharField(_("mã băm"), max_length=64, blank=True, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.event_type} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký hệ thống không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký hệ thống không được xóa.")


class AuditChainHead(models.Model):
    """One row (pk 1): the last audit row written and its hash. Every writer updates it first,
    which takes its row lock on PostgreSQL and the write lock on SQLite, so concurrent writers
    extend the chain one after another instead of forking it."""

    last_id = models.BigIntegerField(null=True, blank=True)
    last_hash = models.CharField(max_length=64, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")

    def __str__(self) -> str:
        return f"{self.last_id} {self.last_hash[:12]}"
