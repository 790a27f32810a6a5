"""Administrator-replaceable DOCX templates and the number register (sổ đăng ký văn bản)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tdkt.core.jobs import HeartbeatJob


class DocumentTemplate(models.Model):
    """An uploaded .docx (docxtpl/Jinja) replacing a built-in layout for one document code.

    ``unit`` scopes it: the template serves documents issued by that unit and the
    units under it (the nearest one wins); no unit means the whole system. The file
    lives in the database: templates are small, and every web process sees the same
    bytes without shared storage.
    """

    code = models.CharField("mã mẫu", max_length=60, db_index=True)
    name = models.CharField("tên mẫu", max_length=200)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="áp dụng cho đơn vị", null=True, blank=True, on_delete=models.PROTECT,
        related_name="document_templates", help_text="Để trống: áp dụng toàn hệ thống.",
    )
    filename = models.CharField("tên tệp", max_length=255)
    content = models.BinaryField("nội dung tệp", editable=False)
    size = models.PositiveIntegerField("dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    active = models.BooleanField("đang dùng", default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "mẫu văn bản tải lên"
        verbose_name_plural = "mẫu văn bản tải lên"
        ordering = ["code", "-uploaded_at"]
        constraints = [
            # At most one active template per code and scope (NULL unit = system-wide, counted apart).
            models.UniqueConstraint(fields=["code", "unit"], condition=Q(active=True) & Q(unit__isnull=False),
                                    name="one_active_template_per_code_unit"),
            models.UniqueConstraint(fields=["code"], condition=Q(active=True) & Q(unit__isnull=True),
                                    name="one_active_global_template_per_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.filename})"


class DocumentNumber(models.Model):
    """One line of the sổ đăng ký văn bản: a number given to a document.

    Numbers run from 01 each calendar year (Nghị định 30/2020, art. 15) and, as
    the head of the unit may decide for administrative documents (art. 15.2.d),
    each document type keeps its own sequence here. The unique constraint is what
    guarantees that two clerks never get the same number.
    """

    issuer = models.ForeignKey("org.Unit", verbose_name="cơ quan ban hành", on_delete=models.PROTECT,
                               related_name="document_numbers")
    year = models.PositiveSmallIntegerField("năm")
    doc_type = models.CharField("loại văn bản (viết tắt)", max_length=10)
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("ký hiệu", max_length=60)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="người lấy số", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("thời điểm lấy số", auto_now_add=True)

    class Meta:
        verbose_name = "số văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        ordering = ["-year", "doc_type", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "doc_type", "number"], name="document_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_number_positive"),
        ]
        indexes = [models.Index(fields=["issuer", "year", "doc_type"], name="docnumber_issuer_year_type")]

    def __str__(self) -> str:
        return self.formatted

    @property
    def formatted(self) -> str:
        """"123/QĐ-GDĐT" (numbers below 10 with a leading zero)."""
        from .layout import format_number_symbol

        return format_number_symbol(self.number, self.symbol)


class DocumentJob(HeartbeatJob):
    """A document made in the background (``tdkt worker``) because it takes too long for a
    request: a batch of 2,000 certificates, a long list. The registry in ``jobs.py`` maps
    ``kind`` to the function that makes the file; the page polls ``done``/``total`` for its
    progress bar. The finished file is kept in the row, like uploaded templates: every web
    process sees the same bytes without shared storage."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tạo tệp"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Không tạo được"
        EXPIRED = "expired", "Đã xóa tệp"

    kind = models.CharField("loại việc", max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name="người yêu cầu")
    title = models.CharField("nội dung", max_length=300, blank=True)
    params = models.JSONField("tham số", default=dict, blank=True)
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField("bước đang làm", max_length=100, blank=True)
    done = models.PositiveIntegerField("số trang / mục đã xong", default=0)
    total = models.PositiveIntegerField("tổng số trang / mục", default=0)
    content = models.BinaryField("tệp kết quả", blank=True, default=b"")
    filename = models.CharField("tên tệp", max_length=200, blank=True)
    content_type = models.CharField("kiểu tệp", max_length=100, blank=True)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)
    message = models.TextField("thông báo lỗi", blank=True)
    created_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "việc tạo văn bản"
        verbose_name_plural = "các việc tạo văn bản"
        indexes = [models.Index(fields=["status", "id"], name="docjob_status_id"),
                   models.Index(fields=["user", "-id"], name="docjob_user_id")]

    def __str__(self) -> str:
        return f"{self.title or self.kind} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))
