"""Phong trào thi đua (campaigns) with targets, documents and milestones; registrations
(đăng ký thi đua, Mẫu 1, Mẫu 2); the unit's registration submission to the level above;
and the cluster year (giao ước, three meetings, leader rotation)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .choices import CampaignKind, MeetingNumber, SubmissionStatus

USER = settings.AUTH_USER_MODEL


def campaign_phrase(name: str, *, capital: bool = True) -> str:
    """How a sentence names a campaign: "Phong trào «Dạy tốt – Học tốt»", but a name that is
    already a phrase ("Phong trào thi đua «Đổi mới, sáng tạo…» năm học 2026-2027") as it is,
    never "Phong trào «Phong trào thi đua «…»»". ``capital=False`` inside a sentence."""
    name = (name or "").strip()
    phrase = name if name.lower().startswith("phong trào") else translation.gettext("Phong trào «%(name)s»") % {
        "name": name}
    return phrase if capital or not phrase else phrase[0].lower() + phrase[1:]


class Campaign(models.Model):
    """Phong trào thi đua, launched by a unit for its subtree."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT,
                             related_name="campaigns")
    parent = models.ForeignKey("self", verbose_name=_("phong trào cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    name = models.CharField(_("tên phong trào"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.THUONG_XUYEN)
    school_year = models.ForeignKey("org.SchoolYear", verbose_name=_("năm học"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    content = models.TextField(_("nội dung"), blank=True)
    slogans = models.TextField(_("khẩu hiệu"), blank=True)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    refuse_late_registrations = models.BooleanField(_("không nhận đăng ký sau hạn"), default=True)
    submission_deadline = models.DateField(_("hạn nộp hồ sơ đăng ký của đơn vị"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__isnull=True) | Q(period_start__isnull=True)
                                   | Q(period_end__gte=models.F("period_start")), name="campaign_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def phrase(self) -> str:
        return campaign_phrase(self.name)

    @property
    def phrase_in_sentence(self) -> str:
        return campaign_phrase(self.name, capital=False)


class CampaignTarget(models.Model):
    """Chỉ tiêu: e.g. "Tỷ lệ giáo viên đạt LĐTT" ≥ 80 %."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    target_value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=2)
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    # A code of campaigns.measures.MEASURES: the system computes the actual value from its own
    # records; empty = each unit enters its actual value (TargetReport).
    metric = models.CharField(_("cách tính kết quả"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.target_value.normalize():f} {self.measure}".strip()


class TargetReport(models.Model):
    """An actual value a unit reports for a target without a computed measure; the latest
    report (by date, then entry) counts, earlier ones stay as history."""

    target = models.ForeignKey(CampaignTarget, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("kết quả đạt được"), max_digits=12, decimal_places=2)
    reported_on = models.DateField(_("tính đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    reported_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.target.name} = {self.value.normalize():f}"


class CampaignChange(models.Model):
    """What changed in a campaign after its launch (targets, milestones, deadlines): old → new,
    shown on the campaign page so lower units see what moved and why."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="changes")
    subject = models.CharField(_("nội dung điều chỉnh"), max_length=300)
    before = models.CharField(_("trước"), max_length=500, blank=True)
    after = models.CharField(_("sau"), max_length=500, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.subject}"


class CampaignDocument(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("tệp"), upload_to="campaigns/%Y/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    file_kind = models.CharField(_("loại tệp"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Milestone(models.Model):
    """A dated step of a campaign; ``categories`` names the unit categories it applies to
    (org.choices.UnitCategory values; empty = every unit the campaign reaches)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("mốc"), max_length=300)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn"))
    categories = models.JSONField(_("áp dụng cho"), default=list, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.due_date:%d/%m/%Y})"


class RegistrationEntry(models.Model):
    """Links a records.Registration to the campaign and unit it was made under, and who made it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="entries")
    registration = models.OneToOneField("records.Registration", on_delete=models.CASCADE, related_name="entry")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.registration} – {self.campaign}"


class InnovationRegistration(models.Model):
    """Mẫu gợi ý số 1: đăng ký thực hiện nhiệm vụ đổi mới, sáng tạo trong dạy và học."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="innovations")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", verbose_name=_("người đăng ký"), on_delete=models.PROTECT,
                               related_name="+")
    assigned_task = models.CharField(_("nhiệm vụ được giao"), max_length=300)
    field = models.CharField(_("lĩnh vực đổi mới"), max_length=300,
                             help_text=_("Quản lý đơn vị, quản lý giáo dục học sinh, phương pháp giảng dạy..."))
    current_problem = models.TextField(_("thực trạng vấn đề dự kiến đổi mới (tồn tại)"))
    goal = models.TextField(_("mục tiêu giải pháp đổi mới"))
    expected_results = models.TextField(_("dự kiến kết quả đạt được"))
    timeline = models.CharField(_("dự kiến thời gian tiến hành"), max_length=300)
    steps = models.TextField(_("các bước tiến hành"))
    dissemination_scope = models.TextField(_("phạm vi công bố và nhân rộng kết quả"))
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Đăng ký đổi mới sáng tạo – {self.person}"


class TeacherGroup(models.Model):
    """Mẫu gợi ý số 2: đăng ký thành lập nhóm nhà giáo cùng nhau phát triển."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="teacher_groups")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField("people.Person", verbose_name=_("thành viên nhóm"), related_name="+")
    shared_task = models.CharField(_("nhiệm vụ chung đang được giao"), max_length=300)
    issue = models.TextField(_("vấn đề nhóm quan tâm"))
    situation = models.TextField(_("thực trạng của vấn đề"))
    strengths = models.TextField(_("điểm mạnh của các thành viên"))
    weaknesses = models.TextField(_("điểm hạn chế của các thành viên"))
    approach = models.TextField(_("hướng giải quyết của nhóm"))
    expected_results = models.TextField(_("dự kiến kết quả đạt được"))
    timeline = models.CharField(_("dự kiến thời gian tiến hành"), max_length=300)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Nhóm nhà giáo – {self.shared_task}"


class RegistrationSubmission(models.Model):
    """The unit's registration file (Tờ trình + Bảng tổng hợp) sent to the launching unit."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    late = models.BooleanField(_("nộp muộn"), default=False)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_submission_per_unit")]

    def __str__(self) -> str:
        return f"Hồ sơ đăng ký – {self.unit} – {self.campaign}"


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(RegistrationSubmission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    to_status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.action}"


class CalendarToken(models.Model):
    """Random secret in the URL of the per-user ICS feed (calendar apps cannot sign in)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="campaign_calendar_token")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Lịch của {self.user}"


# --- clusters (cụm/khối thi đua) per year -------------------------------------------------


class Covenant(models.Model):
    """Giao ước thi đua of a cluster for its year."""

    cluster = models.OneToOneField("org.Cluster", on_delete=models.CASCADE, related_name="covenant")
    text = models.TextField(_("nội dung giao ước"))
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Giao ước thi đua – {self.cluster}"


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    works = models.TextField(_("công trình thi đua đăng ký"), blank=True)
    topics = models.TextField(_("chuyên đề thi đua đăng ký"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signed_once")]

    def __str__(self) -> str:
        return f"{self.unit} ký {self.covenant}"


class ClusterMeeting(models.Model):
    cluster = models.ForeignKey("org.Cluster", on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("lần"), choices=MeetingNumber.choices)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300)
    agenda = models.TextField(_("nội dung"))
    attendees = models.ManyToManyField("org.Unit", verbose_name=_("đơn vị dự họp"), related_name="+", blank=True)
    minutes = models.TextField(_("biên bản hội nghị (tóm tắt diễn biến, kết luận)"), blank=True)
    required_documents = models.TextField(_("hồ sơ phải gửi"), blank=True)
    send_deadline = models.DateField(_("hạn gửi hồ sơ"), null=True, blank=True)
    documents_sent_on = models.DateField(_("ngày đã gửi hồ sơ"), null=True, blank=True)
    leading_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị dẫn đầu (đề nghị Cờ thi đua)"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    commendations = models.JSONField(_("tập thể, cá nhân đề nghị khen"), default=list, blank=True)
    next_leader = models.ForeignKey("org.Unit", verbose_name=_("khối trưởng năm sau"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["cluster", "number"], name="cluster_meeting_once")]

    def __str__(self) -> str:
        # Kept in Vietnamese: the audit log stores it as the record's name.
        with translation.override("vi"):
            return f"{self.get_number_display()} – {self.cluster}"


class ClusterRanking(models.Model):
    """Meeting 3: each member's recorded votes and the resulting rank."""

    meeting = models.ForeignKey(ClusterMeeting, on_delete=models.CASCADE, related_name="rankings")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    votes = models.PositiveIntegerField(_("số phiếu"))
    rank = models.PositiveSmallIntegerField(_("xếp hạng"))

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="cluster_ranking_once")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit} ({self.votes} phiếu)"


class LeaderChange(models.Model):
    """Rotation history: who leads a cluster in a year, decided by which meeting."""

    cluster = models.ForeignKey("org.Cluster", on_delete=models.CASCADE, related_name="leader_changes")
    previous_leader = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_leader = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    decided_at = models.ForeignKey(ClusterMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.new_leader}"
