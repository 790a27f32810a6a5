"""The catalogue of titles and award forms, their criteria as dated rows with
citations, and stored verdicts.

A change in law is a data change: a new Criterion row with its own
``effective_from`` (and the old one closed with ``effective_to``). A school year
is judged by the rows in force on the year's end date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tdkt.core.dated import ArticleCitedRule, CitedRule
from tdkt.core.jobs import HeartbeatJob

from .choices import AwardKind, AwardLevel, Outcome, SubjectKind


def criterion_text(description: str, description_en: str = "") -> str:
    """A criterion's text in the reader's language: English when the reader reads English and the
    row has it, else the Vietnamese of the law."""
    return description_en if description_en and get_language() == "en" else description


class AwardType(models.Model):
    """Danh hiệu thi đua hoặc hình thức khen thưởng (e.g. Lao động tiên tiến, Bằng khen)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AwardKind.choices)
    subject = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    level = models.CharField(_("cấp"), max_length=20, choices=AwardLevel.choices)
    # Abbreviation used in lists and imports ("LĐTT", "CSTĐCS"...).
    abbreviation = models.CharField(_("viết tắt"), max_length=30, blank=True)
    aliases = models.JSONField(_("tên gọi khác (để nhập Excel)"), default=list, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("danh hiệu / hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu / hình thức khen thưởng")
        ordering = ["subject", "order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name on pages: the English name kept as data for a reader of English. ``__str__``
        and official documents keep the Vietnamese name."""
        return self.name_en if self.name_en and get_language() == "en" else self.name


class Criterion(ArticleCitedRule):
    """Tiêu chuẩn: one condition of an award type, with parameters and its legal source.

    ``rule`` names a function of the engine (tdkt.eligibility.checks); ``params``
    holds its numbers (years, counts, shares). Rows never change meaning: a new
    law gets a new row with a new ``effective_from``.
    """

    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="criteria")
    code = models.SlugField(_("mã tiêu chuẩn"), max_length=60)
    rule = models.CharField(_("hàm kiểm tra"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    description = models.CharField(_("nội dung tiêu chuẩn"), max_length=500)
    description_en = models.CharField(_("nội dung tiêu chuẩn (tiếng Anh)"), max_length=500, blank=True)
    # A warning criterion is shown but does not decide the verdict (e.g. a quota).
    blocking = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("tiêu chuẩn")
        verbose_name_plural = _("tiêu chuẩn")
        ordering = ["award_type", "order", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_type", "code", "effective_from"], name="criterion_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="criterion_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code}/{self.code} ({self.effective_from:%d/%m/%Y})"

    @property
    def text(self) -> str:
        """The condition as pages show it: the English text kept as data for a reader of English.
        ``description`` (Vietnamese) is what official documents print."""
        return criterion_text(self.description, self.description_en)


class EvaluationRun(models.Model):
    """Một lần xét: the year, the subtree, who ran it; verdicts hang from it."""

    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    award_types = models.JSONField(default=list, blank=True)
    subjects = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    # The header of every criterion row the verdicts cite (code, description, citation, effective
    # date...), kept once here rather than in each of a province's million lines.
    criteria = models.JSONField(default=dict, blank=True)
    # Award code → outcome → number of verdicts, counted once when stored: the unit page's totals for a
    # reader who sees the whole subtree, without counting a province's rows on each request.
    outcome_counts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("lượt xét điều kiện")
        verbose_name_plural = _("lượt xét điều kiện")
        ordering = ["-created_at"]
        # The unit page reads the latest run of its unit and year.
        indexes = [models.Index(fields=["unit", "school_year", "-created_at"], name="evalrun_unit_year_latest")]

    def __str__(self) -> str:
        return f"Lượt xét {self.school_year} – {self.unit} ({self.created_at:%d/%m/%Y %H:%M})"


class EvaluationJob(HeartbeatJob):
    """A fresh run asked for by an officer and made in the background (``tdkt worker``): a province's
    run takes minutes, longer than a request may. The unit page polls ``done``/``total`` for its
    progress bar and, once done, shows the stored ``run``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xét")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không xét được")

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(_("bước đang làm"), max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("thông báo lỗi"), blank=True)
    run = models.ForeignKey(EvaluationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc xét điều kiện")
        verbose_name_plural = _("việc xét điều kiện")
        indexes = [models.Index(fields=["status", "id"], name="evaljob_status_id"),
                   models.Index(fields=["unit", "school_year", "-id"], name="evaljob_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.school_year_id} ({self.status})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class Verdict(models.Model):
    """Kết quả xét: stored with the criterion rows (ids and versions) that decided it,
    so it can be shown again exactly as given."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="verdicts")
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    lines = models.JSONField(default=list)

    class Meta:
        verbose_name = _("kết quả xét")
        verbose_name_plural = _("kết quả xét")
        indexes = [models.Index(fields=["run", "award_type", "outcome"])]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.award_type} – {self.get_outcome_display()}"

    def full_lines(self, criteria: dict | None = None) -> list[dict]:
        """The lines as they were given, each with its criterion's header. ``criteria``: the
        run's (pass it when showing many verdicts of one run, to read it once)."""
        return expand_lines(self.lines, self.run.criteria if criteria is None else criteria)


# Keys of a line that belong to its criterion row, not to the person judged.
HEADER_KEYS = ("code", "rule", "description", "description_en", "citation", "effective_from", "blocking")


def compact_lines(lines: list[dict], headers: dict) -> list[dict]:
    """Lines without their criterion's header, which goes into ``headers`` (criterion id → header).
    A line with no criterion row behind it keeps everything."""
    out = []
    for line in lines:
        cid = line.get("criterion_id")
        if cid is None:
            out.append(line)
            continue
        headers.setdefault(str(cid), {"criterion_id": cid, **{k: line[k] for k in HEADER_KEYS if k in line}})
        out.append({k: v for k, v in line.items() if k not in HEADER_KEYS})
    return out


def expand_lines(lines: list[dict], headers: dict) -> list[dict]:
    """The inverse of compact_lines; lines stored whole (runs before headers were kept apart) as they are."""
    return [line if "description" in line or str(line.get("criterion_id")) not in headers
            else {**headers[str(line["criterion_id"])], **line} for line in lines]


class LocalQuotaRule(CitedRule):
    """A province's (or another issuer's) own cap on an award: "số «award_type» không quá ``max_share`` số
    «of_award_type»", dated and cited to the issuer's own decision.

    From 01/01/2024 no national cap limits CSTĐCS (NĐ 91/2017 Điều 9 khoản 3 ended with the old Law); an
    issuer may set one for the units under it. The quota panel and the CSTĐCS verdict use the row in force
    on the school year's last day whose issuer is the nearest ancestor of the school (or the school itself),
    and only where no national cap is in force."""

    class Rounding(models.TextChoices):
        FLOOR = "floor", _("làm tròn xuống")
        ROUND = "round", _("làm tròn")

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("đơn vị ban hành"),
                               help_text=_("Áp dụng cho các đơn vị thuộc đơn vị này."))
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("danh hiệu bị giới hạn"))
    of_award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("tính trên số người đạt"))
    max_share = models.DecimalField(_("tỷ lệ tối đa"), max_digits=5, decimal_places=4,
                                    help_text=_("Ví dụ 0,15 cho 15%."))
    rounding = models.CharField(_("cách làm tròn"), max_length=10, choices=Rounding.choices, default=Rounding.FLOOR)

    class Meta:
        verbose_name = _("tỷ lệ khen thưởng của địa phương")
        verbose_name_plural = _("tỷ lệ khen thưởng của địa phương")
        ordering = ["issuer", "award_type", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "award_type", "effective_from"], name="local_quota_version_unique"),
            models.CheckConstraint(condition=Q(max_share__gt=0) & Q(max_share__lte=1), name="local_quota_share_range"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="local_quota_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer}: {self.award_type} ≤ {self.max_share} × {self.of_award_type} ({self.effective_from:%d/%m/%Y})"
