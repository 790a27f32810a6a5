"""Money rules, rounds, proposals with their dossiers, decisions and revocations."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Final, TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.dated import CitedRule, DatedRule
from tdkt.eligibility.choices import AwardKind, AwardLevel, SubjectKind

from .choices import (
    DecisionStatus,
    DocKind,
    GrantAction,
    ItemStatus,
    LatePolicy,
    ProposalStatus,
    RoundKind,
)


class _MoneyField(TypedDict):
    """The keyword arguments of every money column (typed so ``**MONEY`` checks against DecimalField)."""

    max_digits: int
    decimal_places: int


MONEY: Final[_MoneyField] = {"max_digits": 16, "decimal_places": 0}


# --------------------------------------------------------------------------- money as data


class BaseSalary(CitedRule):
    """Mức lương cơ sở, in force from a date until the next row (``latest_in_force``)."""

    amount = models.DecimalField(_("mức lương cơ sở (đồng)"), **MONEY)
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    citation = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.amount} đ từ {self.effective_from:%d/%m/%Y}"


class BonusRounding(CitedRule):
    """Quy tắc làm tròn tiền thưởng (bước làm tròn lên), in force until the next row."""

    step = models.DecimalField(_("làm tròn lên bội số của (đồng)"), **MONEY)
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    citation = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc làm tròn tiền thưởng")
        verbose_name_plural = _("quy tắc làm tròn tiền thưởng")
        ordering = ["-effective_from"]
        constraints = [models.CheckConstraint(condition=Q(step__gt=0), name="bonus_rounding_positive")]

    def __str__(self) -> str:
        return f"làm tròn {self.step} đ từ {self.effective_from:%d/%m/%Y}"


class BonusCoefficient(CitedRule):
    """Hệ số tiền thưởng của một danh hiệu / hình thức cho cá nhân hoặc tập thể."""

    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2)
    citation = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["award_type", "subject", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_type", "subject", "effective_from"], name="bonus_coef_version"),
            models.CheckConstraint(condition=Q(coefficient__gte=0), name="bonus_coef_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} ({self.get_subject_display()}): {self.coefficient}"


class RequiredDocument(DatedRule):
    """Thành phần hồ sơ bắt buộc của một danh hiệu / hình thức, for a period: a proposal is checked
    against the rows in force on its round's school year's last day, as its nominees are judged."""

    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.CASCADE, related_name="+")
    doc_kind = models.CharField(_("loại tài liệu"), max_length=30, choices=DocKind.choices)
    per_nominee = models.BooleanField(_("mỗi người / tập thể một bản"), default=False)
    # The rows of before dates existed hold since the earliest period of the catalogue (NĐ 91/2017).
    effective_from = models.DateField(_("hiệu lực từ ngày"), default=dt.date(2017, 10, 1))
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        constraints = [models.UniqueConstraint(fields=["award_type", "doc_kind", "effective_from"],
                                               name="required_doc_once_per_period")]

    def __str__(self) -> str:
        return f"{self.award_type}: {self.get_doc_kind_display()}"


class GrantAuthority(CitedRule):
    """Loại đơn vị nào quyết định / trình khen cấp khen nào."""

    unit_type = models.ForeignKey("org.UnitType", on_delete=models.CASCADE, related_name="+")
    award_level = models.CharField(_("cấp khen"), max_length=20, choices=AwardLevel.choices)
    action = models.CharField(_("thẩm quyền"), max_length=20, choices=GrantAction.choices)
    # Who decides changed on 01/07/2025 (NĐ 129/2025/NĐ-CP Điều 59: the district level is gone), so
    # each row holds for a period; a decision or a submission is judged by the row of its own date.
    effective_from = models.DateField(_("hiệu lực từ ngày"), default=dt.date(2017, 10, 1))

    class Meta:
        verbose_name = _("thẩm quyền khen thưởng")
        verbose_name_plural = _("thẩm quyền khen thưởng")
        constraints = [models.UniqueConstraint(fields=["unit_type", "award_level", "action", "effective_from"],
                                               name="grant_once_per_period")]

    def __str__(self) -> str:
        return f"{self.unit_type} – {self.get_award_level_display()}: {self.get_action_display()}"


class LegalBasis(CitedRule):
    """A «Căn cứ …» line of a decision as printed, in force for a period, for every issuer or for one
    kind of issuer (the Law on local government for a UBND). ``note`` says what is still unverified:
    shown to the officer, never printed."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    text = models.TextField(_("dòng căn cứ (như in trên quyết định)"))
    unit_type = models.ForeignKey("org.UnitType", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("loại cơ quan ban hành (trống: mọi cơ quan)"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    citation = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý của quyết định")
        verbose_name_plural = _("căn cứ pháp lý của quyết định")
        ordering = ["order", "effective_from", "code"]

    def __str__(self) -> str:
        return self.text


class SignerTitle(DatedRule):
    """Who may sign a decision of a kind of issuer: the head («Chủ tịch») or a deputy signing for the head
    («Phó Chủ tịch», printed «KT. CHỦ TỊCH / PHÓ CHỦ TỊCH», Nghị định 30/2020 Phụ lục I mục II.7)."""

    unit_type = models.ForeignKey("org.UnitType", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("loại cơ quan ban hành"))
    title = models.CharField(_("chức vụ người ký"), max_length=100)
    on_behalf_of = models.CharField(_("ký thay (KT.) cho"), max_length=100, blank=True,
                                    help_text=_("Trống: người đứng đầu ký. Có: cấp phó ký thay người đứng đầu."))
    effective_from = models.DateField(_("hiệu lực từ ngày"), default=dt.date(2017, 10, 1))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("chức vụ người ký quyết định")
        verbose_name_plural = _("chức vụ người ký quyết định")
        ordering = ["unit_type", "order", "title"]
        constraints = [models.UniqueConstraint(fields=["unit_type", "title", "effective_from"],
                                               name="signer_title_once_per_period")]

    def __str__(self) -> str:
        return f"{self.unit_type}: {self.title}"


# --------------------------------------------------------------------------- rounds and proposals


class Round(models.Model):
    """Đợt khen thưởng do một đơn vị mở, với hạn nộp cho cấp dưới."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="award_rounds",
                             verbose_name=_("đơn vị mở đợt"))
    kind = models.CharField(_("loại đợt"), max_length=30, choices=RoundKind.choices)
    name = models.CharField(_("tên đợt"), max_length=300)
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("năm học"))
    deadline = models.DateField(_("hạn nộp của cấp dưới"))
    late_policy = models.CharField(_("hồ sơ nộp muộn"), max_length=20, choices=LatePolicy.choices,
                                   default=LatePolicy.MARK)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt khen thưởng")
        verbose_name_plural = _("đợt khen thưởng")
        ordering = ["-school_year__start_year", "-deadline"]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"

    @property
    def thematic(self) -> bool:
        """Khen theo đợt / chuyên đề: not a condition for state-level awards (seed 003 II.4)."""
        return self.kind in (RoundKind.THEMATIC, RoundKind.STAGE)


class Proposal(models.Model):
    """Đề nghị khen thưởng: từ một đơn vị lên cấp có thẩm quyền (cấp trên hoặc cao hơn)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("đợt"))
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="award_proposals",
                             verbose_name=_("đơn vị đề nghị"))
    to_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="received_proposals",
                                verbose_name=_("gửi đến"))
    title = models.CharField(_("trích yếu"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("chuyên viên thẩm định"))
    late = models.BooleanField(_("nộp muộn"), default=False)
    return_reason = models.TextField(_("lý do trả lại, nội dung cần bổ sung"), blank=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    check_results = models.JSONField(_("kết quả kiểm tra khi gửi"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} – {self.unit}"


class Achievement(models.Model):
    """Thành tích: what one person or one unit achieved, in a school year (or on a day). A proposal line
    points to the achievement it rewards: one achievement, one form of award (Law on TĐKT 2022 art. 5);
    the same form may be given again for another achievement."""

    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("cá nhân"))
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("tập thể"))
    description = models.TextField(_("thành tích"))
    school_year = models.ForeignKey("org.SchoolYear", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("năm học"))
    achieved_on = models.DateField(_("ngày đạt"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành tích")
        verbose_name_plural = _("thành tích")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False),
                                   name="achievement_has_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.short}"

    @property
    def subject_name(self) -> str:
        return str(self.person) if self.person_id else str(self.unit)

    @property
    def short(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 80 else text[:79].rstrip() + "…"


class ProposalItem(models.Model):
    """Một dòng đề nghị: cá nhân hoặc tập thể × danh hiệu / hình thức."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("cá nhân"))
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("tập thể / đơn vị công tác"))
    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("danh hiệu / hình thức"))
    summary = models.TextField(_("tóm tắt thành tích"))
    achievement = models.ForeignKey(Achievement, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="items", verbose_name=_("thành tích"))
    # Deprecated: the achievement is ``achievement`` (a record); the code stays for the API field and
    # old lines, and is derived from the achievement when one is set (services.item_add).
    achievement_key = models.CharField(
        _("mã thành tích"), max_length=100, blank=True,
        help_text=_("Cùng một thành tích thì cùng một mã (một thành tích – một hình thức)."))
    justification = models.TextField(
        _("giải trình"), blank=True,
        help_text=_("Khen đột xuất: lý do đề nghị khi chưa đủ điều kiện theo tiêu chuẩn thường xuyên."))
    status = models.CharField(_("trạng thái"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    review_note = models.CharField(_("ý kiến thẩm định"), max_length=500, blank=True)
    source_item = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("từ đề nghị của cấp dưới"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dòng đề nghị")
        verbose_name_plural = _("dòng đề nghị")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False),
                                   name="proposal_item_has_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.award_type}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def subject_name(self) -> str:
        return str(self.person) if self.person_id else str(self.unit)

    @property
    def subject_key(self) -> str:
        return f"p{self.person_id}" if self.person_id else f"u{self.unit_id}"


class DossierFile(models.Model):
    """Tài liệu trong hồ sơ đề nghị (nội dung lưu trong CSDL, đã kiểm tra định dạng)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    item = models.ForeignKey(ProposalItem, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    doc_kind = models.CharField(_("loại tài liệu"), max_length=30, choices=DocKind.choices)
    filename = models.CharField(_("tên tệp"), max_length=255)
    file_format = models.CharField(_("định dạng"), max_length=10)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    content = models.BinaryField(_("nội dung"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["doc_kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_doc_kind_display()}: {self.filename}"


class ProposalEvent(models.Model):
    """Dòng thời gian của đề nghị (mỗi lần chuyển trạng thái)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


# --------------------------------------------------------------------------- decisions


class Decision(models.Model):
    """Quyết định khen thưởng: số theo sổ của cơ quan ban hành và năm."""

    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="award_decisions",
                               verbose_name=_("cơ quan ban hành"))
    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="QĐ-UBND")
    decision_date = models.DateField(_("ngày ký"))
    title = models.CharField(_("trích yếu"), max_length=300)
    signer_name = models.CharField(_("người ký"), max_length=200)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    legal_basis = models.TextField(_("căn cứ (mỗi dòng một căn cứ)"), blank=True)
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField(max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.ISSUED)
    base_salary = models.DecimalField(_("mức lương cơ sở áp dụng"), **MONEY)
    base_salary_citation = models.CharField(max_length=300, blank=True)
    rounding_step = models.DecimalField(_("bước làm tròn"), **MONEY)
    total = models.DecimalField(_("tổng tiền thưởng"), **MONEY, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-decision_date", "-number"]
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "number"], name="decision_number_once")]

    def __str__(self) -> str:
        return f"Quyết định số {self.number_label}"

    @property
    def number_label(self) -> str:
        """"05/QĐ-UBND": numbers below 10 take a leading zero (Nghị định 30/2020, Phụ lục I)."""
        return f"{self.number:02d}/{self.symbol}"

    @property
    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]


class DecisionItem(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="items")
    proposal_item = models.ForeignKey(ProposalItem, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="decision_items")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey("eligibility.AwardType", on_delete=models.PROTECT, related_name="+")
    achievement = models.TextField(_("thành tích"), blank=True)
    achievement_key = models.CharField(max_length=100, blank=True)
    coefficient = models.DecimalField(_("hệ số"), max_digits=6, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("tiền thưởng"), **MONEY, default=0)
    money_note = models.CharField(max_length=300, blank=True)
    award_record = models.ForeignKey("records.AwardRecord", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    public_code = models.UUIDField(_("mã xác minh"), default=uuid.uuid4, unique=True, editable=False)
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reason = models.TextField(_("lý do hủy bỏ"), blank=True)
    revocation_decision = models.CharField(_("quyết định hủy bỏ"), max_length=100, blank=True)
    amount_to_recover = models.DecimalField(_("số tiền phải thu hồi"), **MONEY, null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False),
                                   name="decision_item_has_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.award_type}"

    @property
    def subject_name(self) -> str:
        return str(self.person) if self.person_id else str(self.unit)

    @property
    def kind(self) -> str:
        return self.award_type.kind if self.award_type_id else AwardKind.FORM
