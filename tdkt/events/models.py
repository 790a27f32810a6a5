"""Training and propaganda events (seed 004: "Kế hoạch tổ chức tuyên truyền về đổi mới công tác thi đua khen
thưởng"): the event, the quota each type of unit sends with its composition, and the named attendees."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    TRAINING = "tap_huan", _("Tập huấn")
    PROPAGANDA = "tuyen_truyen", _("Tuyên truyền")
    CONFERENCE = "hoi_nghi", _("Hội nghị")


class Event(models.Model):
    """Hội nghị, tập huấn: organised by ``organiser`` for the units under ``scope``; ``parent`` is the event a
    follow-up at a lower level repeats (seed 004: "tuyên truyền lại cho các đơn vị, cá nhân trực thuộc")."""

    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="events_organised",
                                  verbose_name=_("đơn vị tổ chức"))
    scope = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("phạm vi triệu tập"), help_text=_("Các đơn vị thuộc đơn vị này được cử người."))
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    content = models.TextField(_("nội dung"), help_text=_("Mỗi dòng một nội dung."))
    starts_at = models.DateTimeField(_("bắt đầu"))
    duration = models.CharField(_("thời lượng"), max_length=60, default="01 ngày")
    place = models.CharField(_("địa điểm"), max_length=300)
    speakers = models.CharField(_("báo cáo viên"), max_length=300, blank=True)
    budget = models.TextField(_("kinh phí"), blank=True)
    materials = models.TextField(_("tài liệu"), blank=True)
    registration_deadline = models.DateField(_("hạn cử người"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups",
                               verbose_name=_("tập huấn lại theo hội nghị"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị, tập huấn")
        verbose_name_plural = _("hội nghị, tập huấn")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Quota(models.Model):
    """Each unit of ``unit_type`` under the event's scope sends ``total`` people, made of the parts below."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotas")
    unit_type = models.ForeignKey("org.UnitType", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("loại đơn vị"))
    label = models.CharField(_("đối tượng"), max_length=200, help_text=_("Ví dụ «UBND xã, phường»."))
    total = models.PositiveSmallIntegerField(_("số người mỗi đơn vị"))

    class Meta:
        verbose_name = _("thành phần tham dự")
        verbose_name_plural = _("thành phần tham dự")
        constraints = [models.UniqueConstraint(fields=["event", "unit_type"], name="event_quota_per_unit_type")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.label}: {self.total}"


class QuotaPart(models.Model):
    """One line of the composition: "01 lãnh đạo phụ trách công tác TĐKT"."""

    quota = models.ForeignKey(Quota, on_delete=models.CASCADE, related_name="parts")
    label = models.CharField(_("thành phần"), max_length=200)
    count = models.PositiveSmallIntegerField(_("số người"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("cơ cấu thành phần")
        verbose_name_plural = _("cơ cấu thành phần")

    def __str__(self) -> str:
        return f"{self.count:02d} {self.label}"


class Attendee(models.Model):
    """A person a unit sends, in one part of its quota; ``attended`` is ticked on the day (list or QR)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị cử"))
    part = models.ForeignKey(QuotaPart, on_delete=models.PROTECT, related_name="attendees",
                             verbose_name=_("thành phần"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("người dự"))
    attended = models.BooleanField(_("có mặt"), null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("người dự")
        verbose_name_plural = _("người dự")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_attendee_once")]
        ordering = ["unit__path", "part_id", "person__sort_name"]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"
