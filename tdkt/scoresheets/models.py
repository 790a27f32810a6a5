"""Score sheets (seed 003: "Bảng điểm tự đánh giá thi đua của đơn vị"). A sheet is a versioned tree of criteria
defined by an office for a school year and a unit type; a sheet in use is locked, and a change is a new version
(units already scoring keep the version they started). Each unit scores itself (Assessment + Score), reviewers
score it again (Review + ReviewScore), the office fixes the final score, and a cluster's ranking is published as
a frozen snapshot (Ranking + RankingRow)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    IN_USE = "in_use", _("Đang áp dụng (đã khóa)")
    RETIRED = "retired", _("Đã thay bằng phiên bản mới")


class FinalRule(models.TextChoices):
    REVIEWER = "reviewer", _("Điểm của chuyên viên chấm")
    AVERAGE = "average", _("Trung bình điểm các người chấm")
    COUNCIL = "council", _("Hội đồng quyết định")


class CriterionKind(models.TextChoices):
    SECTION = "section", _("Mục")
    NORMAL = "normal", _("Tiêu chí")
    BONUS = "bonus", _("Điểm cộng")
    PENALTY = "penalty", _("Điểm trừ")


class Sheet(models.Model):
    """Bảng tiêu chí chấm điểm: ``owner`` (the office) defines it for units of ``unit_type`` in ``school_year``."""

    owner = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="score_sheets",
                              verbose_name=_("đơn vị ban hành"))
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("năm học"))
    unit_type = models.ForeignKey("org.UnitType", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("loại đơn vị áp dụng"))
    title = models.CharField(_("tên bảng điểm"), max_length=300)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("phiên bản trước"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    final_rule = models.CharField(_("cách tính điểm cuối cùng"), max_length=10, choices=FinalRule.choices,
                                  default=FinalRule.REVIEWER)
    gap_threshold = models.DecimalField(_("ngưỡng chênh lệch cần thảo luận (điểm)"), max_digits=6, decimal_places=2,
                                        default=5)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year__start_year", "title", "-version"]
        constraints = [models.UniqueConstraint(fields=["owner", "school_year", "unit_type", "version"],
                                               name="scoresheet_one_version_number")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def locked(self) -> bool:
        return self.status != SheetStatus.DRAFT


class Criterion(models.Model):
    """A section or a criterion. ``max_points`` is the most a normal item gives; ``cap`` the most a bonus item adds
    or a penalty item takes away (the leader bonus: cap 5, seed 003 part IV.2.2)."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    order = models.PositiveIntegerField(default=0)
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.NORMAL)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2, default=0)
    cap = models.DecimalField(_("mức tối đa cộng/trừ"), max_digits=6, decimal_places=2, null=True, blank=True)
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    evidence_required = models.BooleanField(_("bắt buộc minh chứng"), default=False)

    class Meta:
        ordering = ["sheet", "order"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="scoresheet_criterion_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def limit(self):
        """The highest score a unit may give itself on this item."""
        return self.max_points if self.kind == CriterionKind.NORMAL else (self.cap or 0)


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã nộp")
    FINAL = "final", _("Đã có điểm cuối cùng")


class Assessment(models.Model):
    """A unit's self-assessment on one version of a sheet."""

    sheet = models.ForeignKey(Sheet, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="score_assessments")
    status = models.CharField(max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    self_total = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    final_total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    final_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sheet", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="scoresheet_one_assessment")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.sheet}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    evidence = models.CharField(_("minh chứng (ghi chú hoặc liên kết)"), max_length=500, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="scoresheet_one_score")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"


class ReviewKind(models.TextChoices):
    SPECIALIST = "specialist", _("Chuyên viên phòng")
    CROSS = "cross", _("Chấm chéo trong cụm")


class Review(models.Model):
    """One reviewer's scoring of an assessment; every reviewer's is kept."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    kind = models.CharField(max_length=12, choices=ReviewKind.choices)
    total = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "created_at"]
        constraints = [models.UniqueConstraint(fields=["assessment", "reviewer"], name="scoresheet_one_review")]

    def __str__(self) -> str:
        return f"{self.reviewer_id} → {self.assessment_id}: {self.total}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="scoresheet_one_review_score")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"


class FinalChange(models.Model):
    """Every setting or change of a final score, with its reason (kept as the history shown on the pages)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="final_changes")
    before = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    after = models.DecimalField(max_digits=7, decimal_places=2)
    reason = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "at"]

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"


class Ranking(models.Model):
    """A published ranking of a cluster's members on a sheet: frozen rows. A later change publishes a new version
    with its reason; the earlier ones stay as the history."""

    cluster = models.ForeignKey("org.Cluster", on_delete=models.PROTECT, related_name="score_rankings")
    sheet = models.ForeignKey(Sheet, on_delete=models.PROTECT, related_name="rankings")
    version = models.PositiveSmallIntegerField(default=1)
    reason = models.TextField(blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster", "sheet", "-version"]
        constraints = [models.UniqueConstraint(fields=["cluster", "sheet", "version"], name="scoresheet_ranking_v")]

    def __str__(self) -> str:
        return f"{self.cluster_id} v{self.version}"


class RankingRow(models.Model):
    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="rows")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(null=True)
    total = models.DecimalField(max_digits=7, decimal_places=2, null=True)

    class Meta:
        ordering = ["ranking", "rank"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit_id}"
