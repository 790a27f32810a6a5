"""What a notification is about, and where its e-mail stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", _("Sắp đến hạn")
    DEADLINE_PASSED = "deadline_passed", _("Đã quá hạn")
    PROPOSAL_SUBMITTED = "proposal_submitted", _("Có đề nghị khen thưởng gửi đến")
    PROPOSAL_RECEIVED = "proposal_received", _("Đề nghị khen thưởng đã được tiếp nhận")
    PROPOSAL_RETURNED = "proposal_returned", _("Đề nghị khen thưởng bị trả lại để bổ sung")
    PROPOSAL_REVIEWED = "proposal_reviewed", _("Đề nghị khen thưởng đã được thẩm định")
    SUBMISSION_RETURNED = "submission_returned", _("Hồ sơ đăng ký thi đua bị trả lại")
    SUBMISSION_ACCEPTED = "submission_accepted", _("Hồ sơ đăng ký thi đua được tiếp nhận")
    MEETING_SCHEDULED = "meeting_scheduled", _("Lịch họp Hội đồng")
    BALLOT_OPENED = "ballot_opened", _("Mở biểu quyết tại cuộc họp Hội đồng")
    DECISION_ISSUED = "decision_issued", _("Quyết định khen thưởng được ban hành")
    JOB_FINISHED = "job_finished", _("Việc chạy nền đã xong")


class EmailStatus(models.TextChoices):
    NONE = "none", _("Không gửi thư")
    PENDING = "pending", _("Chờ gửi")
    DIGEST = "digest", _("Chờ gửi trong thư tổng hợp hằng ngày")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")
    CANCELLED = "cancelled", _("Đã hủy")
