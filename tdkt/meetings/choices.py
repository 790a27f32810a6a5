from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilKind(models.TextChoices):
    TDKT = "tdkt", _("Hội đồng Thi đua – Khen thưởng")
    SANG_KIEN = "sang_kien", _("Hội đồng sáng kiến")


class MemberRole(models.TextChoices):
    """Chức danh trong Hội đồng (order of the list in minutes and on pages)."""

    CHU_TICH = "chu_tich", _("Chủ tịch Hội đồng")
    PHO_CHU_TICH = "pho_chu_tich", _("Phó Chủ tịch Hội đồng")
    THUONG_TRUC = "thuong_truc", _("Ủy viên thường trực")
    THU_KY = "thu_ky", _("Thư ký Hội đồng")
    UY_VIEN = "uy_vien", _("Ủy viên")


ROLE_ORDER: dict[str, int] = {MemberRole.CHU_TICH: 0, MemberRole.PHO_CHU_TICH: 1, MemberRole.THUONG_TRUC: 2,
                              MemberRole.THU_KY: 3, MemberRole.UY_VIEN: 4}


class MeetingStatus(models.TextChoices):
    PLANNED = "chuan_bi", _("Đang chuẩn bị")
    IN_PROGRESS = "dang_hop", _("Đang họp, biểu quyết")
    CLOSED = "da_ket_thuc", _("Đã kết thúc họp")
    FINALIZED = "da_chot", _("Đã chốt kết quả")


class QuestionKind(models.TextChoices):
    CANDIDATE = "ca_nhan_tap_the", _("Từng cá nhân / tập thể")
    LIST = "danh_sach", _("Cả danh sách")
    OTHER = "khac", _("Nội dung khác")


class QuestionStatus(models.TextChoices):
    PENDING = "chua_bieu_quyet", _("Chưa biểu quyết")
    VOTING = "dang_bieu_quyet", _("Đang biểu quyết")
    CLOSED = "da_ket_thuc", _("Đã kết thúc biểu quyết")


class VotingMethod(models.TextChoices):
    OPEN = "gio_tay", _("Biểu quyết công khai (giơ tay)")
    SECRET = "bo_phieu_kin", _("Bỏ phiếu kín")


class Choice(models.TextChoices):
    FOR = "dong_y", _("Đồng ý")
    AGAINST = "khong_dong_y", _("Không đồng ý")
    BLANK = "trang", _("Phiếu trắng / không biểu quyết")
    INVALID = "khong_hop_le", _("Phiếu không hợp lệ")


# What a member may choose on the screen; invalid ballots only arise on paper (written opinions).
MEMBER_CHOICES = [(Choice.FOR, _("Đồng ý")), (Choice.AGAINST, _("Không đồng ý")),
                  (Choice.BLANK, _("Không biểu quyết (phiếu trắng)"))]


class Channel(models.TextChoices):
    MEETING = "tai_cuoc_hop", _("Tại cuộc họp")
    WRITTEN = "van_ban", _("Ý kiến bằng văn bản (vắng mặt)")


class Base(models.TextChoices):
    """Cơ sở tính tỷ lệ."""

    TOTAL = "tong_so", _("Tổng số thành viên Hội đồng")
    PRESENT = "co_mat", _("Số thành viên có mặt")
    VALID = "hop_le", _("Số phiếu hợp lệ")


class BallotPolicy(models.TextChoices):
    """How blank / invalid ballots count."""

    NOT_FOR = "tinh_khong_dong_y", _("Tính vào cơ sở, không tính là đồng ý")
    EXCLUDED = "loai_khoi_co_so", _("Không tính vào cơ sở (chỉ khi cơ sở là số phiếu hợp lệ)")


class TiePolicy(models.TextChoices):
    FAILS = "khong_dat", _("Bằng nhau thì không thông qua")
    CHAIR_DECIDES = "theo_chu_tich", _("Bằng nhau thì theo ý kiến Chủ tịch (chỉ biểu quyết công khai, quá bán)")


class AwardGroup(models.TextChoices):
    """Nhóm danh hiệu để chọn quy định biểu quyết (see rules.award_group_of)."""

    CSTD_CO_SO = "cstd_co_so", _("Chiến sĩ thi đua cơ sở")
    CSTD_CAP_CAO = "cstd_cap_cao", _("Chiến sĩ thi đua cấp bộ, tỉnh, toàn quốc")
    NHA_GIAO = "nha_giao", _("Nhà giáo Nhân dân, Nhà giáo Ưu tú")
    CO_THI_DUA = "co_thi_dua", _("Cờ thi đua cấp bộ, tỉnh và Cờ thi đua của Chính phủ")
    OTHER = "khac", _("Danh hiệu, hình thức khác và nội dung khác")
