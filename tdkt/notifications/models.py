"""Notifications (one row per event, object, recipient and occasion), the users' preferences, the kinds
the law requires a person to receive, and the reminder days set for one deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.core.dated import CitedRule

from .choices import EmailStatus, Kind

USER = settings.AUTH_USER_MODEL


class Notification(models.Model):
    kind = models.CharField(_("loại thông báo"), max_length=30, choices=Kind.choices)
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("người nhận"))
    # The object it is about, named by "app_label.model" and pk: the apps above send, this app knows none.
    target_type = models.CharField(_("loại đối tượng"), max_length=60)
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    url = models.CharField(_("đường dẫn"), max_length=300)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    # Exactly once: event, object, recipient, occasion (e.g. the deadline's date and the days before it).
    key = models.CharField(_("khóa"), max_length=250, unique=True)
    sender_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("đơn vị gửi"))
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    # Who may see the object, asked again when the e-mail leaves: a recipient who lost access gets nothing.
    access_perm = models.CharField(max_length=40, blank=True)
    access_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    access_person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # A reminder that no longer applies (the unit sent what was due, the deadline moved): kept as
    # history, gone from the home page's to-do list.
    resolved_at = models.DateTimeField(_("không còn hiệu lực từ"), null=True, blank=True)
    email_status = models.CharField(_("thư điện tử"), max_length=20, choices=EmailStatus.choices,
                                    default=EmailStatus.NONE)
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    email_next_try = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)
    email_last_error = models.TextField(_("lỗi gửi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_status", "email_next_try"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="notification_preference")
    email_opt_out = models.JSONField(_("không nhận thư về"), default=list, blank=True)
    daily_digest = models.BooleanField(_("gộp thư thành một thư mỗi ngày"), default=False)
    reminder_days = models.CharField(_("nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)"), max_length=40,
                                     blank=True)
    last_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self) -> str:
        return str(self.user)


class RequiredKind(CitedRule):
    """A kind of notification the law requires the person to receive: no opt-out (reference data)."""

    kind = models.CharField(_("loại thông báo"), max_length=30, choices=Kind.choices)

    class Meta(CitedRule.Meta):
        verbose_name = _("thông báo bắt buộc nhận")
        verbose_name_plural = _("thông báo bắt buộc nhận")

    def __str__(self) -> str:
        return self.get_kind_display()


class ReminderSchedule(models.Model):
    """The days before one deadline (a campaign's, a round's) that its reminders go out, instead of
    the default 7 and 2."""

    source = models.CharField(_("loại hạn"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    days = models.CharField(_("nhắc trước hạn (số ngày)"), max_length=40)

    class Meta:
        verbose_name = _("lịch nhắc hạn")
        verbose_name_plural = _("lịch nhắc hạn")
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="one_reminder_schedule")]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id}: {self.days}"
