"""Rule data of the achievement-report checker and the history of checks.

The required sections of the forms, the checks' citations and the commonly wrong
title names are rows with an ``effective_from`` and a citation, loaded by
``reference.load_report_forms``: a new form in a new decree adds rows, not code."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.core.dated import CitedRule


class FormKind(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Báo cáo thành tích cá nhân")
    COLLECTIVE = "tap_the", _("Báo cáo thành tích tập thể")


class Severity(models.TextChoices):
    # One finding's badge: singular, unlike the page's "Lỗi" / "Cảnh báo" column headings.
    ERROR = "loi", pgettext_lazy("severity", "Lỗi")
    WARNING = "canh_bao", pgettext_lazy("severity", "Cảnh báo")


class ReportFormSection(CitedRule):
    """One heading the form of the report requires (a Roman-numbered part, or a
    numbered item inside one)."""

    form_kind = models.CharField(_("mẫu báo cáo"), max_length=10, choices=FormKind.choices)
    code = models.SlugField(_("mã"), max_length=40)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    # 1: "I. SƠ LƯỢC LÝ LỊCH"; 2: "1. Danh hiệu thi đua" inside its part.
    level = models.PositiveSmallIntegerField(_("cấp"), default=1)
    parent_code = models.SlugField(_("thuộc mục"), max_length=40, blank=True)
    number = models.CharField(_("số mục"), max_length=10)
    heading = models.CharField(_("tên mục"), max_length=300)
    variants = models.JSONField(_("cách ghi khác được chấp nhận"), default=list, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("mục bắt buộc của báo cáo thành tích")
        verbose_name_plural = _("mục bắt buộc của báo cáo thành tích")
        ordering = ["form_kind", "order"]
        constraints = [models.UniqueConstraint(fields=["form_kind", "code", "effective_from"],
                                               name="report_section_version_unique")]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}"

    @property
    def label(self) -> str:
        return f"{self.number} {self.heading}"


class ReportRule(models.Model):
    """One check of the reviewer: what it looks for, how serious, and on what text it rests."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    title = models.CharField(_("nội dung kiểm tra"), max_length=300)
    citation = models.CharField(_("căn cứ"), max_length=300)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra báo cáo")
        verbose_name_plural = _("quy tắc kiểm tra báo cáo")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class TitleNameRule(CitedRule):
    """A name reviewers return reports for, and the official name to write instead."""

    wrong = models.CharField(_("cách ghi sai"), max_length=200)
    right = models.CharField(_("tên đúng"), max_length=200)
    # Capitalisation matters only for rows that say so ("Tập thể Lao động xuất sắc").
    case_sensitive = models.BooleanField(_("phân biệt chữ hoa"), default=False)
    severity = models.CharField(_("mức độ"), max_length=10, choices=Severity.choices, default=Severity.ERROR)
    citation = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("tên danh hiệu thường ghi sai")
        verbose_name_plural = _("tên danh hiệu thường ghi sai")
        ordering = ["wrong"]
        constraints = [models.UniqueConstraint(fields=["wrong", "effective_from"], name="title_name_rule_unique")]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"


class ReportCheck(models.Model):
    """One check of a draft: who asked, about whom, and what was found. The file is kept
    so the annotated copy (findings as Word comments) can be downloaded; nothing in the
    records changes."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tệp tải lên")
        GENERATED = "generated", _("Báo cáo do hệ thống tạo")
        API = "api", _("Tải lên qua API")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("người kiểm tra"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    form_kind = models.CharField(_("mẫu báo cáo"), max_length=10, choices=FormKind.choices)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("cá nhân"))
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("tập thể"))
    school_year = models.ForeignKey("org.SchoolYear", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("năm học"))
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices, default=Source.UPLOAD)
    filename = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField(_("nội dung tệp"))
    findings = models.JSONField(_("kết quả"), default=list)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    # The form the report was checked against (the rows in force on its date) and, while nobody has read that
    # form, its "cần đối chiếu" note — shown on the result page and in the API, never in the annotated copy.
    form_citation = models.CharField(_("mẫu đề cương đã dùng"), max_length=300, blank=True)
    form_note = models.CharField(_("ghi chú về mẫu"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lần kiểm tra báo cáo thành tích")
        verbose_name_plural = _("các lần kiểm tra báo cáo thành tích")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(person__isnull=False) | models.Q(unit__isnull=False),
                                              name="report_check_has_subject")]

    def __str__(self) -> str:
        return f"Kiểm tra «{self.filename}» ({self.error_count} lỗi, {self.warning_count} cảnh báo)"

    @property
    def subject(self):
        return self.person or self.unit
