from django.db import models


class RoundKind(models.TextChoices):
    ANNUAL = "tong_ket_nam_hoc", "Tổng kết năm học"
    THEMATIC = "chuyen_de", "Khen thưởng chuyên đề"
    STAGE = "theo_dot", "Khen thưởng theo đợt"
    AD_HOC = "dot_xuat", "Khen thưởng đột xuất"
    GOOD_DEEDS = "nguoi_tot_viec_tot", "Người tốt, việc tốt (đột xuất)"


class LatePolicy(models.TextChoices):
    MARK = "danh_dau", "Nhận và đánh dấu nộp muộn"
    REFUSE = "tu_choi", "Không nhận hồ sơ nộp muộn"


class ProposalStatus(models.TextChoices):
    DRAFT = "nhap", "Đang soạn"
    SUBMITTED = "da_gui", "Đã gửi"
    RETURNED = "tra_lai", "Bị trả lại để bổ sung"
    RESUBMITTED = "gui_lai", "Đã gửi lại"
    WITHDRAWN = "rut", "Đã rút"
    RECEIVED = "da_nhan", "Cấp trên đã tiếp nhận"
    UNDER_REVIEW = "dang_tham_dinh", "Đang thẩm định"
    REVIEWED = "da_tham_dinh", "Đã thẩm định"
    DECIDED = "da_quyet_dinh", "Đã có quyết định"
    FORWARDED = "trinh_cap_tren", "Đã tổng hợp trình cấp trên"


class ItemStatus(models.TextChoices):
    PENDING = "cho_xet", "Chờ thẩm định"
    ACCEPTED = "chap_nhan", "Chấp nhận"
    REJECTED = "khong_chap_nhan", "Không chấp nhận"
    WITHDRAWN = "rut", "Đã rút"
    DECIDED = "da_khen", "Đã khen"


class DocKind(models.TextChoices):
    TO_TRINH = "to_trinh", "Tờ trình"
    BIEN_BAN = "bien_ban", "Biên bản họp Hội đồng thi đua"
    DANH_SACH = "danh_sach", "Danh sách và tóm tắt thành tích"
    BAO_CAO = "bao_cao_thanh_tich", "Báo cáo thành tích"
    BANG_DIEM = "bang_diem", "Bảng điểm tự đánh giá thi đua"
    QD_LDTT = "qd_ldtt", "Quyết định công nhận Lao động tiên tiến"
    SANG_KIEN = "cong_nhan_sang_kien", "Quyết định / giấy công nhận sáng kiến"
    OTHER = "khac", "Tài liệu khác"


class GrantAction(models.TextChoices):
    GRANT = "quyet_dinh", "Quyết định khen"
    PROPOSE = "trinh", "Trình cấp trên khen"


class DecisionStatus(models.TextChoices):
    ISSUED = "ban_hanh", "Đã ban hành"
