"""Councils (Hội đồng TĐKT, Hội đồng sáng kiến), their members over time, voting
rules as dated data with citations, meetings, attendance, questions and votes.

Secret ballots are kept in two tables that share nothing but the question:
``BallotReceipt`` says *that* a member voted, ``Ballot`` says *what* was chosen.
See ``Ballot`` for what keeps them unlinkable and what risk remains.
"""

from __future__ import annotations

import datetime as dt
import uuid
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.core.dated import ArticleCitedRule

from .choices import (
    AwardGroup,
    BallotPolicy,
    Base,
    Channel,
    Choice,
    CouncilKind,
    MeetingStatus,
    MemberRole,
    QuestionKind,
    QuestionStatus,
    TiePolicy,
    VotingMethod,
)

# --------------------------------------------------------------------------- councils


class Council(models.Model):
    """Hội đồng of a unit, set up by a decision, for a term (nhiệm kỳ)."""

    kind = models.CharField(_("loại hội đồng"), max_length=20, choices=CouncilKind.choices, default=CouncilKind.TDKT)
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(_("tên hội đồng"), max_length=255)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định thành lập"))
    decision_issuer = models.CharField(_("người / cơ quan ban hành"), max_length=200, blank=True)
    term_start = models.DateField(_("nhiệm kỳ từ ngày"))
    term_end = models.DateField(_("nhiệm kỳ đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        ordering = ["unit__path", "-term_start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                                   name="council_term_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A person's seat on a council, from one date to another.

    Replacing a member closes this row (``end_date``) and opens a new one whose
    ``replaces`` points here; both carry the decision that set them up.
    ``user`` links the seat to a login for voting when the person has no
    ``Person.user`` of their own (or votes with another account)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT,
                               related_name="council_seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản bỏ phiếu"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="council_seats")
    role = models.CharField(_("chức danh"), max_length=20, choices=MemberRole.choices, default=MemberRole.UY_VIEN)
    position_note = models.CharField(_("chức vụ công tác"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    replaces = models.OneToOneField("self", verbose_name=_("thay thế cho"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="replaced_by")
    end_reason = models.CharField(_("lý do thôi"), max_length=300, blank=True)

    att: Attendance | None  # not a column: the meeting page (views.meeting_detail) sets it for its template

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="council_member_period_ordered"),
            models.UniqueConstraint(fields=["council", "person"], condition=Q(end_date__isnull=True),
                                    name="council_member_one_open_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    @staticmethod
    def active_q(day: dt.date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}start_date__lte": day}) & (
            Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day}))

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


# --------------------------------------------------------------------------- rules as data


class LegalRule(ArticleCitedRule):
    """A council rule: the dated row of tdkt.core.dated with its code and name."""

    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("tên quy định"), max_length=255)

    class Meta:
        abstract = True


class QuorumRule(LegalRule):
    """Điều kiện hợp lệ của cuộc họp: at least ``share`` of the total membership present."""

    council_kind = models.CharField(_("áp dụng cho loại hội đồng"), max_length=20, choices=CouncilKind.choices,
                                    blank=True, help_text=_("Để trống: mọi loại hội đồng."))
    share_numerator = models.PositiveSmallIntegerField(_("tỷ lệ – tử số"), default=2)
    share_denominator = models.PositiveSmallIntegerField(_("tỷ lệ – mẫu số"), default=3)

    class Meta:
        verbose_name = _("quy định số thành viên tối thiểu")
        verbose_name_plural = _("quy định số thành viên tối thiểu")
        ordering = ["council_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="quorum_rule_version_unique"),
            models.CheckConstraint(condition=Q(share_denominator__gt=0) & Q(share_numerator__lte=models.F("share_denominator")),
                                   name="quorum_rule_share_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.share_numerator}/{self.share_denominator})"

    @property
    def share(self) -> Fraction:
        return Fraction(self.share_numerator, self.share_denominator)


class VotingRule(LegalRule):
    """Quy định biểu quyết for a group of titles (or one award type): threshold and
    its base, secret ballot, absentees' written opinions, blanks, ties.

    Picked by the meeting day: a vote is a step of procedure and follows the
    procedure in force on the day it is taken. A row naming an ``award_type``
    wins over the group rows."""

    award_group = models.CharField(_("nhóm danh hiệu"), max_length=20, choices=AwardGroup.choices)
    award_type = models.ForeignKey("eligibility.AwardType", verbose_name=_("riêng cho danh hiệu"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    secret_ballot_required = models.BooleanField(_("bắt buộc bỏ phiếu kín"), default=False)
    threshold_numerator = models.PositiveSmallIntegerField(_("tỷ lệ đạt – tử số"))
    threshold_denominator = models.PositiveSmallIntegerField(_("tỷ lệ đạt – mẫu số"))
    threshold_strict = models.BooleanField(_("phải lớn hơn (không tính bằng)"), default=False,
                                           help_text=_("Đánh dấu cho «quá bán» (> 1/2); bỏ trống cho «từ 70% trở lên»."))
    base = models.CharField(_("cơ sở tính tỷ lệ"), max_length=20, choices=Base.choices)
    absentee_opinions_count = models.BooleanField(_("tính ý kiến bằng văn bản của thành viên vắng mặt"), default=False)
    blank_policy = models.CharField(_("phiếu trắng"), max_length=30, choices=BallotPolicy.choices,
                                    default=BallotPolicy.NOT_FOR)
    invalid_policy = models.CharField(_("phiếu không hợp lệ"), max_length=30, choices=BallotPolicy.choices,
                                      default=BallotPolicy.NOT_FOR)
    tie_policy = models.CharField(_("khi bằng nhau"), max_length=20, choices=TiePolicy.choices, default=TiePolicy.FAILS)
    recused_excluded_from_base = models.BooleanField(
        _("không tính thành viên là người được xét vào cơ sở"), default=True,
        help_text=_("Thành viên là người được xét không bỏ phiếu cho chính mình; khi đánh dấu, "
                    "cơ sở tính = tổng số thành viên trừ số thành viên đó."))

    class Meta:
        verbose_name = _("quy định biểu quyết")
        verbose_name_plural = _("quy định biểu quyết")
        ordering = ["award_group", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="voting_rule_version_unique"),
            models.CheckConstraint(
                condition=Q(threshold_denominator__gt=0) & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                name="voting_rule_threshold_valid"),
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                                   name="voting_rule_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (từ {self.effective_from:%d/%m/%Y})"

    @property
    def threshold(self) -> Fraction:
        return Fraction(self.threshold_numerator, self.threshold_denominator)

    def params(self):
        from .calculations import RuleParams

        return RuleParams(
            threshold=self.threshold, strict=self.threshold_strict, base=self.base,
            absentee_count=self.absentee_opinions_count, blank_policy=self.blank_policy,
            invalid_policy=self.invalid_policy, tie_policy=self.tie_policy,
            recused_excluded=self.recused_excluded_from_base,
        )

    @property
    def summary(self) -> str:
        from .calculations import fraction_text

        # In the reader's language; the copy stored with a tally is made in Vietnamese (services._store_tally).
        values = {"share": fraction_text(self.threshold), "base": str(self.get_base_display()).lower()}
        if self.threshold_strict:
            text = gettext("trên %(share)s %(base)s") % values
        else:
            text = gettext("từ %(share)s trở lên %(base)s") % values
        if self.secret_ballot_required:
            text += gettext("; bỏ phiếu kín")
        if self.absentee_opinions_count:
            text += gettext("; tính ý kiến bằng văn bản của thành viên vắng mặt")
        return text


# --------------------------------------------------------------------------- meetings


class Meeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    school_year = models.ForeignKey("org.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT,
                                    related_name="+")
    title = models.CharField(_("nội dung cuộc họp"), max_length=300,
                             default="Họp xét danh hiệu thi đua, hình thức khen thưởng")
    starts_at = models.DateTimeField(_("thời gian bắt đầu"))
    ends_at = models.DateTimeField(_("thời gian kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.ForeignKey(CouncilMember, verbose_name=_("chủ trì"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    secretary = models.ForeignKey(CouncilMember, verbose_name=_("thư ký"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    # Frozen when voting starts, so the minutes state the membership the votes were counted on.
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên khi biểu quyết"), null=True, blank=True)
    quorum_rule = models.ForeignKey(QuorumRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("ghi chú / ý kiến khác"), blank=True)

    class Meta:
        verbose_name = _("cuộc họp hội đồng")
        verbose_name_plural = _("cuộc họp hội đồng")
        ordering = ["-starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.council} – {self.starts_at:%d/%m/%Y}"

    @property
    def day(self) -> dt.date:
        from django.utils import timezone

        return timezone.localtime(self.starts_at).date() if timezone.is_aware(self.starts_at) else self.starts_at.date()


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("có mặt"))
    absence_reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member} – {'có mặt' if self.present else 'vắng'}"


class Question(models.Model):
    """Nội dung biểu quyết: one candidate × award type, a whole list, or another matter."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    kind = models.CharField(_("loại"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.CANDIDATE)
    title = models.CharField(_("nội dung"), max_length=500)
    award_type = models.ForeignKey("eligibility.AwardType", verbose_name=_("danh hiệu / hình thức"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân được xét"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", verbose_name=_("tập thể được xét"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    registration = models.ForeignKey("records.Registration", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    rule = models.ForeignKey(VotingRule, verbose_name=_("quy định áp dụng"), on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("hình thức biểu quyết"), max_length=20, choices=VotingMethod.choices)
    status = models.CharField(_("trạng thái"), max_length=20, choices=QuestionStatus.choices,
                              default=QuestionStatus.PENDING)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The result as counted (and recounted when absent members' written opinions arrive).
    passed = models.BooleanField(_("thông qua"), null=True, blank=True)
    tally = models.JSONField(_("kết quả kiểm phiếu"), null=True, blank=True)

    # Not columns: the meeting page (views.meeting_detail) sets these on each question for its template.
    recused_lines: list[Any]  # selectors.RecusedLine
    line_results: dict[int, dict[str, Any]]
    verdict: dict[str, Any] | None
    voted_count: int | None
    recused_ids: set[int]
    i_voted: bool
    i_recused: bool

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "award_type", "person"],
                                    condition=Q(person__isnull=False, kind="ca_nhan_tap_the"),
                                    name="question_once_per_person_award"),
            models.UniqueConstraint(fields=["meeting", "award_type", "unit"],
                                    condition=Q(person__isnull=True, unit__isnull=False, kind="ca_nhan_tap_the"),
                                    name="question_once_per_unit_award"),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionItem(models.Model):
    """One name on a list question ("danh sách Lao động tiên tiến" voted as a whole)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    registration = models.ForeignKey("records.Registration", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("người trong danh sách biểu quyết")
        verbose_name_plural = _("người trong danh sách biểu quyết")
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(unit__isnull=False), name="question_item_subject"),
        ]

    def __str__(self) -> str:
        return str(self.person or self.unit)


class Recusal(models.Model):
    """A member who does not vote on a question (their own candidacy)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=300)

    class Meta:
        verbose_name = _("thành viên không biểu quyết")
        verbose_name_plural = _("thành viên không biểu quyết")
        constraints = [models.UniqueConstraint(fields=["question", "member"], name="recusal_once")]

    def __str__(self) -> str:
        return f"{self.member} – {self.reason}"


class OpenCount(models.Model):
    """Kết quả biểu quyết giơ tay, recorded by the secretary."""

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="open_count")
    votes_for = models.PositiveSmallIntegerField(_("đồng ý"))
    votes_against = models.PositiveSmallIntegerField(_("không đồng ý"))
    votes_abstain = models.PositiveSmallIntegerField(_("không biểu quyết"))
    chair_choice = models.CharField(_("ý kiến của Chủ tịch"), max_length=20, blank=True,
                                    choices=[(Choice.FOR, _("Đồng ý")), (Choice.AGAINST, _("Không đồng ý"))])
    # A list question: the count of a line whose person sits on the council, where that member did
    # not vote ({item id: [for, against, abstain]}); a line not given is derived (calculations.line_input).
    line_counts = models.JSONField(_("kết quả riêng của dòng có thành viên là người được xét"), default=dict,
                                   blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả giơ tay")
        verbose_name_plural = _("kết quả giơ tay")

    def __str__(self) -> str:
        return f"{self.question}: {self.votes_for}/{self.votes_against}/{self.votes_abstain}"


class BallotReceipt(models.Model):
    """That a member voted on a question (never what). One per member per question:
    the unique constraint is what makes a second submission harmless, even when
    two arrive at the same instant."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.MEETING)
    document_date = models.DateField(_("ngày văn bản (ý kiến vắng mặt)"), null=True, blank=True)
    document_ref = models.CharField(_("số / ký hiệu văn bản"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("xác nhận đã bỏ phiếu")
        verbose_name_plural = _("xác nhận đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["question", "member"], name="ballot_receipt_once")]

    def __str__(self) -> str:
        return f"{self.member} đã bỏ phiếu: {self.question}"


class Ballot(models.Model):
    """What was chosen, with nothing that says by whom.

    * no member, user, receipt or audit reference; no timestamp of any precision;
    * a random UUID primary key (no autoincrement id whose order is the voting order);
    * no default ordering, and the application only ever reads counts;
    * when a question closes (and whenever a written opinion is added) every ballot of
      the question is deleted and re-inserted in a random order with fresh ids, so the
      stored order and ids say nothing about who voted when.

    Residual risk (documented in docs): while a question is open, someone with direct
    database access could still relate a ballot to a receipt through storage details
    (the SQLite rowid, PostgreSQL's physical order and ``xmin`` transaction id, which
    the receipt, the ballot and the audit row share). Re-insertion at close removes it
    from live rows; dead PostgreSQL tuples keep it until VACUUM. Database access must
    stay limited to administrators.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=20, choices=Choice.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.MEETING)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return "Phiếu bầu"
