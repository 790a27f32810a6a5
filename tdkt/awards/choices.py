from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    ANNUAL = "tong_ket_nam_hoc", _("Tổng kết năm học")
    THEMATIC = "chuyen_de", _("Khen thưởng chuyên đề")
    STAGE = "theo_dot", _("Khen thưởng theo đợt")
    AD_HOC = "dot_xuat", _("Khen thưởng đột xuất")
    GOOD_DEEDS = "nguoi_tot_viec_tot", _("Người tốt, việc tốt (đột xuất)")


class LatePolicy(models.TextChoices):
    MARK = "danh_dau", _("Nhận và đánh dấu nộp muộn")
    REFUSE = "tu_choi", _("Không nhận hồ sơ nộp muộn")


class ProposalStatus(models.TextChoices):
    DRAFT = "nhap", _("Đang soạn")
    SUBMITTED = "da_gui", _("Đã gửi")
    RETURNED = "tra_lai", _("Bị trả lại để bổ sung")
    RESUBMITTED = "gui_lai", _("Đã gửi lại")
    WITHDRAWN = "rut", _("Đã rút")
    RECEIVED = "da_nhan", _("Cấp trên đã tiếp nhận")
    UNDER_REVIEW = "dang_tham_dinh", _("Đang thẩm định")
    REVIEWED = "da_tham_dinh", _("Đã thẩm định")
    DECIDED = "da_quyet_dinh", _("Đã có quyết định")
    FORWARDED = "trinh_cap_tren", _("Đã tổng hợp trình cấp trên")


class ItemStatus(models.TextChoices):
    PENDING = "cho_xet", _("Chờ thẩm định")
    ACCEPTED = "chap_nhan", _("Chấp nhận")
    REJECTED = "khong_chap_nhan", _("Không chấp nhận")
    WITHDRAWN = "rut", _("Đã rút")
    DECIDED = "da_khen", _("Đã khen")


class DocKind(models.TextChoices):
    TO_TRINH = "to_trinh", _("Tờ trình")
    BIEN_BAN = "bien_ban", _("Biên bản họp Hội đồng thi đua")
    DANH_SACH = "danh_sach", _("Danh sách và tóm tắt thành tích")
    BAO_CAO = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    BANG_DIEM = "bang_diem", _("Bảng điểm tự đánh giá thi đua")
    QD_LDTT = "qd_ldtt", _("Quyết định công nhận Lao động tiên tiến")
    SANG_KIEN = "cong_nhan_sang_kien", _("Quyết định / giấy công nhận sáng kiến")
    OTHER = "khac", _("Tài liệu khác")


class GrantAction(models.TextChoices):
    GRANT = "quyet_dinh", _("Quyết định khen")
    PROPOSE = "trinh", _("Trình cấp trên khen")


class DecisionStatus(models.TextChoices):
    ISSUED = "ban_hanh", _("Đã ban hành")
