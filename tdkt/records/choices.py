from django.db import models


class TaskRating(models.TextChoices):
    """Mức độ hoàn thành nhiệm vụ (xếp loại hằng năm)."""

    EXCELLENT = "htxs", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "htt", "Hoàn thành tốt nhiệm vụ"
    DONE = "ht", "Hoàn thành nhiệm vụ"
    NOT_DONE = "kht", "Không hoàn thành nhiệm vụ"


# Higher is better; criteria compare ratings by this order.
RATING_RANK = {TaskRating.NOT_DONE: 0, TaskRating.DONE: 1, TaskRating.GOOD: 2, TaskRating.EXCELLENT: 3}


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật (Luật Cán bộ, công chức; Luật Viên chức; Nghị định 112/2020/NĐ-CP)."""

    KHIEN_TRACH = "khien_trach", "Khiển trách"
    CANH_CAO = "canh_cao", "Cảnh cáo"
    HA_BAC_LUONG = "ha_bac_luong", "Hạ bậc lương"
    GIANG_CHUC = "giang_chuc", "Giáng chức"
    CACH_CHUC = "cach_chuc", "Cách chức"
    BUOC_THOI_VIEC = "buoc_thoi_viec", "Buộc thôi việc"


# Severity order (Nghị định 112/2020/NĐ-CP, Điều 7 and 8); criteria say "at or above".
DISCIPLINE_SEVERITY = {
    DisciplineForm.KHIEN_TRACH: 1, DisciplineForm.CANH_CAO: 2, DisciplineForm.HA_BAC_LUONG: 3,
    DisciplineForm.GIANG_CHUC: 4, DisciplineForm.CACH_CHUC: 5, DisciplineForm.BUOC_THOI_VIEC: 6,
}


class AbsenceKind(models.TextChoices):
    """Thời gian vắng mặt mà pháp luật thi đua xét đến."""

    MATERNITY = "thai_san", "Nghỉ thai sản"
    LONG_TRAINING = "dao_tao", "Đi học tập, bồi dưỡng dài hạn"
    SHORT_TRAINING = "dao_tao_ngan", "Đi học tập, bồi dưỡng ngắn hạn (dưới 1 năm)"
    SICK = "om_dau", "Nghỉ ốm dài ngày"
    UNPAID = "khong_luong", "Nghỉ không hưởng lương"
    OTHER = "khac", "Nghỉ khác"


class InitiativeKind(models.TextChoices):
    SANG_KIEN = "sang_kien", "Sáng kiến"
    DE_TAI = "de_tai", "Đề tài nghiên cứu khoa học"
    GIAI_PHAP = "giai_phap", "Giải pháp"


class Scope(models.TextChoices):
    """Phạm vi ảnh hưởng / cấp công nhận."""

    CO_SO = "co_so", "Cấp cơ sở"
    TINH_BO = "tinh_bo", "Cấp tỉnh / cấp bộ"
    TOAN_QUOC = "toan_quoc", "Toàn quốc"


SCOPE_RANK = {Scope.CO_SO: 1, Scope.TINH_BO: 2, Scope.TOAN_QUOC: 3}
