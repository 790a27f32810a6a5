"""Complaints and denunciations about TĐKT (seed 001: "đúng Luật Khiếu nại, Luật Tố cáo"), the dated time-limit
rules they are judged by, and the calendar of days off that working-day periods count on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.dated import ArticleCitedRule

from .choices import CalendarKind, Channel, DayUnit, LetterKind, Outcome, Status, Step


class TimeLimitRule(ArticleCitedRule):
    """Thời hạn theo luật: ``days`` (calendar or working) from the step's starting event, for one kind of letter,
    instance, area and complexity, in force from ``effective_from`` — picked by the day the period starts (receipt
    for acceptance, acceptance for resolution)."""

    kind = models.CharField(_("loại đơn"), max_length=20, choices=LetterKind.choices)
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices)
    instance = models.PositiveSmallIntegerField(_("lần giải quyết"), default=1)
    remote = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    days = models.PositiveSmallIntegerField(_("số ngày"))
    unit = models.CharField(_("đơn vị tính"), max_length=20, choices=DayUnit.choices)
    starts_from = models.CharField(_("tính từ"), max_length=100)

    class Meta:
        verbose_name = _("thời hạn giải quyết theo luật")
        verbose_name_plural = _("thời hạn giải quyết theo luật")
        constraints = [
            models.UniqueConstraint(fields=["kind", "step", "instance", "remote", "complex", "effective_from"],
                                    name="complaint_time_limit_version_unique"),
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                                   name="complaint_time_limit_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.get_step_display()}: {self.days} {self.get_unit_display()}"


class CalendarDay(models.Model):
    """A day that is not what the week says: a public holiday, a nghỉ bù or swapped day off (kind ``nghi``), or a
    Saturday/Sunday worked in exchange (``lam_viec``). Entered each year with the text that set it: the Labour Code
    fixes the solar holidays, the Prime Minister fixes Tết and the second day of 2/9 each year (BLLĐ 2019 Điều 112)."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=CalendarKind.choices, default=CalendarKind.DAY_OFF)
    name = models.CharField(_("tên"), max_length=200)
    citation = models.CharField(_("căn cứ"), max_length=300)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ lễ, Tết, làm bù")
        verbose_name_plural = _("lịch ngày nghỉ lễ, Tết, làm bù")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} – {self.name}"


class Letter(models.Model):
    """Đơn khiếu nại, tố cáo, kiến nghị về thi đua, khen thưởng, received by ``unit`` (whose competent person
    resolves it). The sender's identity of a denunciation is kept secret (Luật Tố cáo 2018 Điều 47 khoản 2, Điều 56):
    only the case's handlers and resolver see it (selectors.can_see_identity)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="letters",
                             verbose_name=_("cơ quan tiếp nhận, giải quyết"))
    number = models.CharField(_("số vào sổ"), max_length=40)
    kind = models.CharField(_("loại đơn"), max_length=20, choices=LetterKind.choices)
    instance = models.PositiveSmallIntegerField(_("lần giải quyết"), default=1,
                                                help_text=_("Khiếu nại lần hai: sau quyết định lần đầu."))
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=30, choices=Channel.choices)
    received_on = models.DateField(_("ngày nhận đơn"))
    subject = models.CharField(_("tóm tắt nội dung"), max_length=300)
    content = models.TextField(_("nội dung"))
    # What it is about (one of them, or none for a general letter on TĐKT).
    about_decision = models.ForeignKey("awards.Decision", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("quyết định bị khiếu nại"))
    about_item = models.ForeignKey("awards.DecisionItem", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("khen thưởng bị khiếu nại, tố cáo"))
    about_proposal = models.ForeignKey("awards.Proposal", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("hồ sơ đề nghị liên quan"))
    decision_known_on = models.DateField(_("ngày biết được quyết định, hành vi"), null=True, blank=True,
                                         help_text=_("Để tính thời hiệu khiếu nại 90 ngày."))
    # The sender (người khiếu nại / người tố cáo): secret for denunciations.
    sender_name = models.CharField(_("họ và tên người gửi"), max_length=200)
    sender_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    sender_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    sender_email = models.EmailField(_("thư điện tử"), blank=True)
    sender_id_number = models.CharField(_("số CCCD"), max_length=20, blank=True)
    identity_protected = models.BooleanField(_("giữ bí mật người gửi"), default=False)
    remote = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    especially_complex = models.BooleanField(_("vụ việc đặc biệt phức tạp"), default=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    not_accepted_reason = models.CharField(_("lý do không thụ lý"), max_length=500, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    paused_days = models.PositiveSmallIntegerField(_("số ngày tạm đình chỉ"), default=0)
    suspended_on = models.DateField(_("ngày tạm đình chỉ"), null=True, blank=True)
    resolver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("người có thẩm quyền giải quyết"))
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="handled_letters", blank=True,
                                      verbose_name=_("người được giao xử lý"))
    outcome = models.CharField(_("kết quả giải quyết"), max_length=20, choices=Outcome.choices, blank=True)
    resolution_number = models.CharField(_("số quyết định/kết luận giải quyết"), max_length=60, blank=True)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    resolution_summary = models.TextField(_("nội dung giải quyết"), blank=True)
    revoked_item = models.ForeignKey("awards.DecisionItem", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("khen thưởng đã hủy bỏ theo kết quả"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("đơn khiếu nại, tố cáo")
        verbose_name_plural = _("đơn khiếu nại, tố cáo")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="letter_number_unique_per_unit"),
            models.CheckConstraint(condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                                   name="letter_accepted_after_receipt"),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.number} – {self.get_kind_display()}"


class LetterStep(models.Model):
    """One step in handling a letter (the case's own history, shown to those who may see the case); sender
    details never go into it."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="steps")
    day = models.DateField(_("ngày"))
    action = models.CharField(_("việc"), max_length=40)
    text = models.CharField(_("nội dung"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("bước xử lý đơn")
        verbose_name_plural = _("các bước xử lý đơn")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} – {self.text}"

