from django.db import models


class CouncilKind(models.TextChoices):
    TDKT = "tdkt", "Hội đồng Thi đua – Khen thưởng"
    SANG_KIEN = "sang_kien", "Hội đồng sáng kiến"


class MemberRole(models.TextChoices):
    """Chức danh trong Hội đồng (order of the list in minutes and on pages)."""

    CHU_TICH = "chu_tich", "Chủ tịch Hội đồng"
    PHO_CHU_TICH = "pho_chu_tich", "Phó Chủ tịch Hội đồng"
    THUONG_TRUC = "thuong_truc", "Ủy viên thường trực"
    THU_KY = "thu_ky", "Thư ký Hội đồng"
    UY_VIEN = "uy_vien", "Ủy viên"


ROLE_ORDER = {MemberRole.CHU_TICH: 0, MemberRole.PHO_CHU_TICH: 1, MemberRole.THUONG_TRUC: 2,
              MemberRole.THU_KY: 3, MemberRole.UY_VIEN: 4}


class MeetingStatus(models.TextChoices):
    PLANNED = "chuan_bi", "Đang chuẩn bị"
    IN_PROGRESS = "dang_hop", "Đang họp, biểu quyết"
    CLOSED = "da_ket_thuc", "Đã kết thúc họp"
    FINALIZED = "da_chot", "Đã chốt kết quả"


class QuestionKind(models.TextChoices):
    CANDIDATE = "ca_nhan_tap_the", "Từng cá nhân / tập thể"
    LIST = "danh_sach", "Cả danh sách"
    OTHER = "khac", "Nội dung khác"


class QuestionStatus(models.TextChoices):
    PENDING = "chua_bieu_quyet", "Chưa biểu quyết"
    VOTING = "dang_bieu_quyet", "Đang biểu quyết"
    CLOSED = "da_ket_thuc", "Đã kết thúc biểu quyết"


class VotingMethod(models.TextChoices):
    OPEN = "gio_tay", "Biểu quyết công khai (giơ tay)"
    SECRET = "bo_phieu_kin", "Bỏ phiếu kín"


class Choice(models.TextChoices):
    FOR = "dong_y", "Đồng ý"
    AGAINST = "khong_dong_y", "Không đồng ý"
    BLANK = "trang", "Phiếu trắng / không biểu quyết"
    INVALID = "khong_hop_le", "Phiếu không hợp lệ"


# What a member may choose on the screen; invalid ballots only arise on paper (written opinions).
MEMBER_CHOICES = [(Choice.FOR, "Đồng ý"), (Choice.AGAINST, "Không đồng ý"), (Choice.BLANK, "Không biểu quyết (phiếu trắng)")]


class Channel(models.TextChoices):
    MEETING = "tai_cuoc_hop", "Tại cuộc họp"
    WRITTEN = "van_ban", "Ý kiến bằng văn bản (vắng mặt)"


class Base(models.TextChoices):
    """Cơ sở tính tỷ lệ."""

    TOTAL = "tong_so", "Tổng số thành viên Hội đồng"
    PRESENT = "co_mat", "Số thành viên có mặt"
    VALID = "hop_le", "Số phiếu hợp lệ"


class BallotPolicy(models.TextChoices):
    """How blank / invalid ballots count."""

    NOT_FOR = "tinh_khong_dong_y", "Tính vào cơ sở, không tính là đồng ý"
    EXCLUDED = "loai_khoi_co_so", "Không tính vào cơ sở (chỉ khi cơ sở là số phiếu hợp lệ)"


class TiePolicy(models.TextChoices):
    FAILS = "khong_dat", "Bằng nhau thì không thông qua"
    CHAIR_DECIDES = "theo_chu_tich", "Bằng nhau thì theo ý kiến Chủ tịch (chỉ biểu quyết công khai, quá bán)"


class AwardGroup(models.TextChoices):
    """Nhóm danh hiệu để chọn quy định biểu quyết (see rules.award_group_of)."""

    CSTD_CO_SO = "cstd_co_so", "Chiến sĩ thi đua cơ sở"
    CSTD_CAP_CAO = "cstd_cap_cao", "Chiến sĩ thi đua cấp bộ, tỉnh, toàn quốc"
    NHA_GIAO = "nha_giao", "Nhà giáo Nhân dân, Nhà giáo Ưu tú"
    OTHER = "khac", "Danh hiệu, hình thức khác và nội dung khác"
