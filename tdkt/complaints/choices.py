"""Choices of complaints and denunciations (khiếu nại, tố cáo)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")
    PETITION = "kien_nghi", _("Kiến nghị, phản ánh")


class Channel(models.TextChoices):
    IN_PERSON = "truc_tiep", _("Trực tiếp tại nơi tiếp công dân")
    POST = "buu_chinh", _("Qua bưu chính")
    EMAIL = "thu_dien_tu", _("Thư điện tử")
    PORTAL = "cong_dich_vu_cong", _("Cổng dịch vụ công / hệ thống tiếp nhận trực tuyến")
    FORWARDED = "chuyen_den", _("Cơ quan khác chuyển đến")


class Status(models.TextChoices):
    RECEIVED = "tiep_nhan", _("Đã tiếp nhận, chờ thụ lý")
    ACCEPTED = "thu_ly", _("Đã thụ lý, đang giải quyết")
    NOT_ACCEPTED = "khong_thu_ly", _("Không thụ lý")
    SUSPENDED = "tam_dinh_chi", _("Tạm đình chỉ giải quyết")
    RESOLVED = "da_giai_quyet", _("Đã giải quyết")


class Step(models.TextChoices):
    """A time limit's step (the rule rows are keyed by it)."""

    STATUTE = "thoi_hieu", _("Thời hiệu khiếu nại")
    ACCEPTANCE = "thu_ly", _("Thụ lý (xử lý ban đầu)")
    RESOLUTION = "giai_quyet", _("Giải quyết")
    EXTENSION = "gia_han", _("Gia hạn giải quyết")


class DayUnit(models.TextChoices):
    CALENDAR = "ngay", _("ngày")
    WORKING = "ngay_lam_viec", _("ngày làm việc")


class Outcome(models.TextChoices):
    UPHELD = "dung", _("Đúng (khiếu nại, tố cáo có cơ sở)")
    PARTLY = "dung_mot_phan", _("Đúng một phần")
    REJECTED = "sai", _("Sai (không có cơ sở)")
    WITHDRAWN = "rut", _("Người khiếu nại, tố cáo rút đơn")


class CalendarKind(models.TextChoices):
    DAY_OFF = "nghi", _("Ngày nghỉ (lễ, Tết, nghỉ bù, hoán đổi)")
    WORKING = "lam_viec", _("Ngày làm việc (thứ Bảy, Chủ nhật làm bù)")
