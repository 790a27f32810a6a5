from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    THUONG_XUYEN = "thuong_xuyen", _("Thường xuyên")
    CHUYEN_DE = "chuyen_de", pgettext_lazy("campaign kind", "Chuyên đề")
    THEO_DOT = "theo_dot", _("Theo đợt")
    NAM_NAM = "nam_nam", _("5 năm")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Trả lại")
    RESUBMITTED = "resubmitted", _("Đã nộp lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class MeetingNumber(models.IntegerChoices):
    FIRST = 1, _("Hội nghị lần 1")
    SECOND = 2, _("Hội nghị lần 2")
    THIRD = 3, _("Hội nghị lần 3 (tổng kết)")
