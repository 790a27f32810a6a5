"""Yearly records (hồ sơ thành tích) the eligibility engine reads.

Each row names its subject (a person, or a unit for collective records), the
school year or dates it covers, and the decision it rests on where there is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.jobs import HeartbeatJob

from .choices import AbsenceKind, DisciplineForm, InitiativeKind, Scope, TaskRating

if TYPE_CHECKING:
    from tdkt.people.models import Person


class PersonRating(models.Model):
    """Xếp loại mức độ hoàn thành nhiệm vụ của cá nhân trong một năm học."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="ratings")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("xếp loại"), max_length=10, choices=TaskRating.choices)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị đánh giá"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại cá nhân")
        verbose_name_plural = _("xếp loại cá nhân")
        constraints = [models.UniqueConstraint(fields=["person", "school_year"], name="one_rating_per_person_year")]

    def __str__(self) -> str:
        return f"{self.person} – {self.school_year}: {self.get_rating_display()}"


class UnitRating(models.Model):
    """Xếp loại mức độ hoàn thành nhiệm vụ của tập thể trong một năm học."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="ratings")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("xếp loại"), max_length=10, choices=TaskRating.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("xếp loại tập thể")
        verbose_name_plural = _("xếp loại tập thể")
        constraints = [models.UniqueConstraint(fields=["unit", "school_year"], name="one_rating_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.school_year}: {self.get_rating_display()}"


class Discipline(models.Model):
    """Kỷ luật: form, decision and the period during which it has effect."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("hình thức"), max_length=20, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    effective_from = models.DateField(_("có hiệu lực từ ngày"))
    effective_to = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        constraints = [
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                                   name="discipline_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_form_display()} ({self.decision_number})"


class DisciplineCase(models.Model):
    """Vụ việc đang xem xét xử lý kỷ luật: opened on a day, closed on a later day with its outcome.

    While a case is open no award is given (NĐ 152/2025/NĐ-CP, Điều 4 khoản 4); a case closed with a
    discipline points to the ``Discipline`` it produced, which the discipline criteria then read."""

    class Outcome(models.TextChoices):
        DISCIPLINED = "ky_luat", _("Đã xử lý kỷ luật")
        NOT_DISCIPLINED = "khong_ky_luat", _("Không xử lý kỷ luật")

    # An individual's case, or a collective's (NĐ 152/2025 Điều 4 khoản 4 names both «cá nhân, tập thể»).
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="discipline_cases",
                               null=True, blank=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="discipline_cases",
                             null=True, blank=True, verbose_name=_("tập thể"))
    opened_on = models.DateField(_("ngày bắt đầu xem xét"))
    reference = models.CharField(_("văn bản bắt đầu xem xét"), max_length=100, blank=True,
                                 help_text=_("Số, ngày văn bản (thông báo, quyết định thành lập hội đồng kỷ luật...)."))
    issuer = models.CharField(_("cơ quan xem xét"), max_length=200, blank=True)
    reason = models.CharField(_("nội dung vụ việc"), max_length=500, blank=True)
    closed_on = models.DateField(_("ngày kết thúc xem xét"), null=True, blank=True)
    outcome = models.CharField(_("kết quả xem xét"), max_length=20, choices=Outcome.choices, blank=True)
    discipline = models.ForeignKey(Discipline, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases",
                                   verbose_name=_("quyết định kỷ luật"))
    closing_note = models.CharField(_("ghi chú kết thúc"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("vụ việc đang xem xét kỷ luật")
        verbose_name_plural = _("vụ việc xem xét kỷ luật")
        constraints = [
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                                   name="discipline_case_period_ordered"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True, outcome="") |
                                   Q(closed_on__isnull=False) & ~Q(outcome=""),
                                   name="discipline_case_closed_has_outcome"),
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) |
                                   Q(person__isnull=True, unit__isnull=False),
                                   name="discipline_case_one_subject"),
            # A collective's case closes with its outcome and a note: Discipline records individuals only.
            models.CheckConstraint(condition=Q(unit__isnull=True) | Q(discipline__isnull=True),
                                   name="discipline_case_unit_no_discipline_row"),
        ]
        indexes = [models.Index(fields=["person", "opened_on"]), models.Index(fields=["unit", "opened_on"])]

    def __str__(self) -> str:
        return f"{self.subject} – xem xét kỷ luật từ {self.opened_on:%d/%m/%Y}"

    @property
    def subject(self):
        """The person or the collective under consideration."""
        return self.person if self.person_id else self.unit

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def pending_on(self, day) -> bool:
        """Being considered on ``day``: opened on or before it and not closed by then."""
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)


class Absence(models.Model):
    """Thời gian nghỉ (thai sản, học tập dài hạn, ốm dài ngày...) with dates."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("loại"), max_length=20, choices=AbsenceKind.choices)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    # For long training: the law counts the graduation year when the result is good.
    training_result_good = models.BooleanField(_("kết quả học tập từ loại khá trở lên"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="absence_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} {self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y}"


class Initiative(models.Model):
    """Sáng kiến / đề tài / giải pháp and its recognition (level and scope of effect)."""

    kind = models.CharField(_("loại"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.SANG_KIEN)
    title = models.CharField(_("tên"), max_length=500)
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị"))
    recognized = models.BooleanField(_("được công nhận"), default=True)
    recognizing_body = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=20, choices=Scope.choices, default=Scope.CO_SO)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    authors: models.ManyToManyField[Person, InitiativeAuthor] = models.ManyToManyField(
        "people.Person", through="InitiativeAuthor", related_name="initiatives")

    class Meta:
        verbose_name = _("sáng kiến, đề tài, giải pháp")
        verbose_name_plural = _("sáng kiến, đề tài, giải pháp")

    def __str__(self) -> str:
        return self.title


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="author_links")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2, default=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_author_once"),
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=100), name="initiative_share_range"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.initiative} ({self.share}%)"


class AwardRecord(models.Model):
    """Danh hiệu / hình thức đã nhận (a person's or a unit's history of awards)."""

    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="awards")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="awards",
                             help_text=_("Tập thể được khen; với cá nhân: đơn vị công tác khi được khen."))
    school_year = models.ForeignKey("org.SchoolYear", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    # Khen theo đợt, chuyên đề: not a condition for state-level awards (seed 003, principle 4).
    thematic = models.BooleanField(_("khen theo đợt / chuyên đề"), default=False)
    achievement = models.CharField(_("thành tích"), max_length=500, blank=True)
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_decision = models.CharField(_("quyết định hủy bỏ"), max_length=100, blank=True)
    revocation_reason = models.CharField(_("lý do hủy bỏ"), max_length=500, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, default="manual")

    class Meta:
        verbose_name = _("danh hiệu / khen thưởng đã nhận")
        verbose_name_plural = _("danh hiệu / khen thưởng đã nhận")
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False),
                                   name="award_record_has_subject"),
        ]
        indexes = [models.Index(fields=["person", "award_type"]), models.Index(fields=["school_year", "award_type"])]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.award_type} ({self.school_year or self.decision_date})"


class Registration(models.Model):
    """Đăng ký thi đua: without one, no title is considered (seed 003, principle 2)."""

    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.PROTECT, related_name="registrations")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="registrations")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="registrations")
    registered_on = models.DateField(_("ngày đăng ký"))
    targets = models.TextField(_("chỉ tiêu, mục tiêu"), blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False),
                                   name="registration_has_subject"),
            models.UniqueConstraint(fields=["award_type", "school_year", "person"], condition=Q(person__isnull=False),
                                    name="registration_once_per_person"),
            models.UniqueConstraint(fields=["award_type", "school_year", "unit"], condition=Q(person__isnull=True),
                                    name="registration_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} đăng ký {self.award_type} ({self.school_year})"


class ImportJob(HeartbeatJob):
    """One Excel import: the uploaded file, where it stands, and what the check found.

    Large files are checked and written by the worker (``tdkt worker``), which
    claims queued jobs one at a time; the page polls ``rows_done`` for its
    progress bar. Small files run inline in the request, through the same code."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ kiểm tra")
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra")
        COMMIT_QUEUED = "commit_queued", _("Đang chờ nhập")
        COMMITTING = "committing", _("Đang nhập")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Không nhập được")

    kind = models.CharField(_("loại danh sách"), max_length=20)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("người nhập"))
    filename = models.CharField(_("tên tệp"), max_length=200)
    data = models.BinaryField(_("nội dung tệp"))
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(_("bước"), max_length=10, blank=True)  # read | check | write
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_done = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    error_count = models.PositiveIntegerField(_("số dòng lỗi"), default=0)
    result = models.JSONField(_("kết quả kiểm tra"), null=True, blank=True)
    summary = models.JSONField(_("kết quả nhập"), null=True, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập Excel")
        verbose_name_plural = _("các lần nhập Excel")
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CHECKING, self.Status.COMMIT_QUEUED,
                               self.Status.COMMITTING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.rows_done / self.total_rows))
