from django.db import models


class CampaignKind(models.TextChoices):
    THUONG_XUYEN = "thuong_xuyen", "Thường xuyên"
    CHUYEN_DE = "chuyen_de", "Chuyên đề"
    THEO_DOT = "theo_dot", "Theo đợt"
    NAM_NAM = "nam_nam", "5 năm"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại"
    RESUBMITTED = "resubmitted", "Đã nộp lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class MeetingNumber(models.IntegerChoices):
    FIRST = 1, "Hội nghị lần 1"
    SECOND = 2, "Hội nghị lần 2"
    THIRD = 3, "Hội nghị lần 3 (tổng kết)"
