from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


# The vocabulary of an award type (eligibility's catalogue, a layer above, re-exports it): what a
# record or registration needs to check which award it names and who may hold it.
class AwardKind(models.TextChoices):
    TITLE = "danh_hieu", _("Danh hiệu thi đua")
    FORM = "hinh_thuc", _("Hình thức khen thưởng")


class SubjectKind(models.TextChoices):
    # "Cá nhân" here is an individual as opposed to a collective, not the menu's list of people.
    INDIVIDUAL = "ca_nhan", pgettext_lazy("subject", "Cá nhân")
    COLLECTIVE = "tap_the", pgettext_lazy("subject", "Tập thể")


class TaskRating(models.TextChoices):
    """Mức độ hoàn thành nhiệm vụ (xếp loại hằng năm)."""

    EXCELLENT = "htxs", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "htt", _("Hoàn thành tốt nhiệm vụ")
    DONE = "ht", _("Hoàn thành nhiệm vụ")
    NOT_DONE = "kht", _("Không hoàn thành nhiệm vụ")


# Higher is better; criteria compare ratings by this order.
RATING_RANK = {TaskRating.NOT_DONE: 0, TaskRating.DONE: 1, TaskRating.GOOD: 2, TaskRating.EXCELLENT: 3}


class DisciplineForm(models.TextChoices):
    """Hình thức kỷ luật (Luật Cán bộ, công chức; Luật Viên chức; Nghị định 112/2020/NĐ-CP)."""

    KHIEN_TRACH = "khien_trach", _("Khiển trách")
    CANH_CAO = "canh_cao", _("Cảnh cáo")
    HA_BAC_LUONG = "ha_bac_luong", _("Hạ bậc lương")
    GIANG_CHUC = "giang_chuc", _("Giáng chức")
    CACH_CHUC = "cach_chuc", _("Cách chức")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Buộc thôi việc")


# Severity order (Nghị định 112/2020/NĐ-CP, Điều 7 and 8); criteria say "at or above".
DISCIPLINE_SEVERITY = {
    DisciplineForm.KHIEN_TRACH: 1, DisciplineForm.CANH_CAO: 2, DisciplineForm.HA_BAC_LUONG: 3,
    DisciplineForm.GIANG_CHUC: 4, DisciplineForm.CACH_CHUC: 5, DisciplineForm.BUOC_THOI_VIEC: 6,
}


class AbsenceKind(models.TextChoices):
    """Thời gian vắng mặt mà pháp luật thi đua xét đến."""

    MATERNITY = "thai_san", _("Nghỉ thai sản")
    LONG_TRAINING = "dao_tao", _("Đi học tập, bồi dưỡng dài hạn")
    SHORT_TRAINING = "dao_tao_ngan", _("Đi học tập, bồi dưỡng ngắn hạn (dưới 1 năm)")
    SICK = "om_dau", _("Nghỉ ốm dài ngày")
    UNPAID = "khong_luong", _("Nghỉ không hưởng lương")
    OTHER = "khac", _("Nghỉ khác")


class InitiativeKind(models.TextChoices):
    # "Sáng kiến" is also the menu's list of initiatives; here it is one kind of initiative.
    SANG_KIEN = "sang_kien", pgettext_lazy("initiative kind", "Sáng kiến")
    DE_TAI = "de_tai", _("Đề tài nghiên cứu khoa học")
    GIAI_PHAP = "giai_phap", _("Giải pháp")


class Scope(models.TextChoices):
    """Phạm vi ảnh hưởng / cấp công nhận."""

    CO_SO = "co_so", _("Cấp cơ sở")
    TINH_BO = "tinh_bo", _("Cấp tỉnh / cấp bộ")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc")


SCOPE_RANK = {Scope.CO_SO: 1, Scope.TINH_BO: 2, Scope.TOAN_QUOC: 3}
