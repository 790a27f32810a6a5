"""Writes: keyword-only, one transaction, one audit row; validation before the first write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdkt.accounts.access import can
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.uploads import check_upload
from tdkt.eligibility.choices import SubjectKind

from . import calculations as calc
from . import notices
from .bases import check_signer_title, proposed_bases
from .checks import already_rewarded_message, blocking, decided_forms, submit_checks
from .choices import DocKind, ItemStatus, LatePolicy, ProposalStatus
from .models import (
    Achievement,
    BaseSalary,
    BonusCoefficient,
    BonusRounding,
    Decision,
    DecisionItem,
    DossierFile,
    Proposal,
    ProposalEvent,
    ProposalItem,
    Round,
)
from .selectors import decision_symbol, unverified_rules
from .workflow import EDIT, EDITABLE, REVIEWER, SENDER, TRANSITIONS, authorize, check_side

MAX_UPLOAD = 10 * 1024 * 1024
FORMATS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)"}


class StaleProposal(DomainValidationError):
    """Optimistic lock: somebody else saved the proposal since it was read."""


# --------------------------------------------------------------------------- guards


def _require(actor, perms, unit) -> None:
    perms = perms if isinstance(perms, tuple) else (perms,)
    if not any(can(actor, p, unit) for p in perms):
        raise PermissionRefused(_("Bạn không có quyền thực hiện thao tác này với đơn vị «%(unit)s».") % {
            "unit": unit})


def _bump(proposal: Proposal, expected_version: int | None) -> None:
    """Raise the version if nobody saved in between; otherwise refuse (no lost update)."""
    expected = proposal.version if expected_version is None else int(expected_version)
    updated = Proposal.objects.filter(pk=proposal.pk, version=expected).update(version=F("version") + 1)
    if not updated:
        current = Proposal.objects.filter(pk=proposal.pk).values_list("version", flat=True).first()
        raise StaleProposal(
            _("Đề nghị vừa được người khác cập nhật (phiên bản %(current)s, bạn đang sửa phiên bản %(expected)s). "
              "Hãy tải lại trang và thực hiện lại thao tác.") % {"current": current, "expected": expected},
            field="version")
    proposal.version = expected + 1


def _editable(proposal: Proposal) -> None:
    if proposal.status not in EDITABLE:
        raise DomainValidationError(
            _("Đề nghị đang ở trạng thái «%(status)s», không sửa được.") % {"status": proposal.get_status_display()})


# --------------------------------------------------------------------------- rounds


@transaction.atomic
def round_create(*, actor, unit, kind: str, name: str, school_year, deadline: dt.date,
                 late_policy: str = LatePolicy.MARK) -> Round:
    _require(actor, Perm.PREPARE_PROPOSALS, unit)
    if not name.strip():
        raise DomainValidationError(_("Nhập tên đợt khen thưởng."), field="name")
    r = Round.objects.create(unit=unit, kind=kind, name=name.strip(), school_year=school_year, deadline=deadline,
                             late_policy=late_policy)
    audit_record(actor=actor, event_type="awards.round_create", target=r, unit=unit, after=snapshot(r))
    return r


# --------------------------------------------------------------------------- proposals


@transaction.atomic
def proposal_create(*, actor, round: Round, unit, to_unit=None, title: str = "") -> Proposal:
    _require(actor, Perm.PREPARE_PROPOSALS, unit)
    to_unit = to_unit or round.unit
    if unit.pk == to_unit.pk or not unit.path.startswith(to_unit.path):
        raise DomainValidationError(_("Đề nghị chỉ gửi lên cấp trên của «%(unit)s».") % {"unit": unit},
                                    field="to_unit")
    p = Proposal.objects.create(round=round, unit=unit, to_unit=to_unit, created_by=actor if actor else None,
                                title=title.strip() or f"Đề nghị khen thưởng {round.name}")
    audit_record(actor=actor, event_type="awards.proposal_create", target=p, unit=unit, after=snapshot(p))
    return p


def _works_in(person, proposal: Proposal) -> bool:
    """Worked in the proposing unit (or under it) at some time in the round's school year: someone who
    left before the year began, or joined after it ended, is not the unit's to propose (issue 18)."""
    from tdkt.people.models import Employment
    from tdkt.people.selectors import employed_q

    year = proposal.round.school_year
    return Employment.objects.filter(employed_q(proposal.unit, year.start_date, until=year.end_date),
                                     person=person).exists()


def _subject_q(person, unit, prefix: str = "") -> Q:
    if person is not None:
        return Q(**{f"{prefix}person": person})
    return Q(**{f"{prefix}person__isnull": True, f"{prefix}unit": unit})


def _normalised(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(" .;")


def _achievement_for(*, actor, proposal: Proposal, person, unit, summary: str, key: str) -> Achievement:
    """The achievement a line without a picked one rewards: the subject's achievement of the round's year
    that a line with the same code points to, or whose description is the summary (case, spacing and a
    closing full stop aside); else a new one, described by the summary."""
    year = proposal.round.school_year
    if key:
        line = (ProposalItem.objects.filter(_subject_q(person, unit), achievement__isnull=False,
                                            achievement_key__iexact=key, proposal__round__school_year=year)
                .select_related("achievement").order_by("id").first())
        if line is not None and line.achievement is not None:
            return line.achievement
    else:
        wanted = _normalised(summary)
        for known in Achievement.objects.filter(_subject_q(person, unit), school_year=year).order_by("id"):
            if _normalised(known.description) == wanted:
                return known
    return Achievement.objects.create(person=person, unit=None if person is not None else unit,
                                      description=summary, school_year=year, created_by=actor if actor else None)


@transaction.atomic
def item_add(*, actor, proposal: Proposal, award_type, summary: str, person=None, unit=None,
             achievement: Achievement | None = None, achievement_key: str = "", justification: str = "",
             expected_version: int | None = None) -> ProposalItem:
    """Add a line. ``achievement`` is an existing achievement of the subject the line rewards; without one
    the line's summary describes it (the same code or the same text is the same achievement, else a new
    one is recorded). A form for an achievement that a decision already rewarded with a form is refused
    (one achievement, one form: Law on TĐKT 2022 art. 5)."""
    authorize(actor, proposal, EDIT)
    _editable(proposal)
    if award_type.subject == SubjectKind.INDIVIDUAL and person is None:
        raise DomainValidationError(_("«%(award)s» dành cho cá nhân: chọn cá nhân.") % {"award": award_type},
                                    field="person")
    if award_type.subject == SubjectKind.COLLECTIVE and (unit is None or person is not None):
        raise DomainValidationError(_("«%(award)s» dành cho tập thể: chọn tập thể.") % {"award": award_type},
                                    field="unit")
    if person is not None and not _works_in(person, proposal):
        raise DomainValidationError(_("%(person)s không công tác tại «%(unit)s» trong năm học %(year)s.") % {
            "person": person, "unit": proposal.unit, "year": proposal.round.school_year}, field="person")
    if unit is not None and not unit.path.startswith(proposal.unit.path):
        raise DomainValidationError(_("«%(unit)s» không thuộc «%(parent)s».") % {
            "unit": unit, "parent": proposal.unit}, field="unit")
    if achievement is not None:
        mine = (achievement.person_id == person.pk if person is not None
                else achievement.person_id is None and unit is not None and achievement.unit_id == unit.pk)
        if not mine:
            raise DomainValidationError(_("Thành tích «%(achievement)s» không phải của %(subject)s.") % {
                "achievement": achievement.short, "subject": person if person is not None else unit},
                field="achievement")
        summary = summary.strip() or achievement.description
    if not summary.strip():
        raise DomainValidationError(_("Nhập tóm tắt thành tích."), field="summary")
    _bump(proposal, expected_version)
    key = (achievement_key or "").strip()
    if achievement is None:
        achievement = _achievement_for(actor=actor, proposal=proposal, person=person, unit=unit,
                                       summary=summary.strip(), key=key)
    order = (proposal.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = ProposalItem.objects.create(proposal=proposal, award_type=award_type, person=person, unit=unit,
                                       summary=summary.strip(), achievement=achievement,
                                       achievement_key=key or f"TT{achievement.pk}",
                                       justification=(justification or "").strip(), order=order)
    decided = decided_forms(proposal, [item]).get(item)
    if decided is not None:  # the transaction rolls back what was written above
        raise DomainValidationError(already_rewarded_message(item, decided), field="achievement")
    audit_record(actor=actor, event_type="awards.item_add", target=item, unit=proposal.unit, after=snapshot(item))
    return item


@transaction.atomic
def item_withdraw(*, actor, item: ProposalItem, reason: str, expected_version: int | None = None) -> ProposalItem:
    proposal = item.proposal
    check_side(actor, proposal, SENDER, (Perm.PREPARE_PROPOSALS, Perm.APPROVE_PROPOSALS))
    if item.status in (ItemStatus.DECIDED, ItemStatus.WITHDRAWN):
        raise DomainValidationError(_("Không rút được dòng đang ở trạng thái «%(status)s».") % {
            "status": item.get_status_display()})
    if not reason.strip():
        raise DomainValidationError(_("Nhập lý do rút."), field="reason")
    _bump(proposal, expected_version)
    before = snapshot(item, ["status"])
    item.status = ItemStatus.WITHDRAWN
    item.review_note = reason.strip()[:500]
    item.save(update_fields=["status", "review_note"])
    audit_record(actor=actor, event_type="awards.item_withdraw", target=item, unit=proposal.unit, before=before,
                 after=snapshot(item, ["status"]), reason=reason)
    return item


def detect_format(filename: str, content: bytes) -> str:
    """The real format of a dossier file (by content, not by name), or a Vietnamese refusal on «file»."""
    return check_upload(content, filename=filename, field="file", label=_("Tệp hồ sơ"), allowed=FORMATS,
                        max_bytes=MAX_UPLOAD)


@transaction.atomic
def dossier_upload(*, actor, proposal: Proposal, doc_kind: str, filename: str, content: bytes, item=None,
                   expected_version: int | None = None) -> DossierFile:
    authorize(actor, proposal, EDIT)
    _editable(proposal)
    if doc_kind not in DocKind.values:
        raise DomainValidationError(_("Chọn loại tài liệu."), field="doc_kind")
    if item is not None and item.proposal_id != proposal.pk:
        raise DomainValidationError(_("Dòng đề nghị không thuộc hồ sơ này."), field="item")
    fmt = detect_format(filename, content)
    _bump(proposal, expected_version)
    f = DossierFile.objects.create(proposal=proposal, item=item, doc_kind=doc_kind, filename=filename[:255],
                                   file_format=fmt, size=len(content), content=content,
                                   uploaded_by=actor if actor else None)
    audit_record(actor=actor, event_type="awards.dossier_upload", target=f, unit=proposal.unit,
                 after={"doc_kind": doc_kind, "filename": f.filename, "size": f.size, "item": item})
    return f


def _route_specialist(proposal: Proposal):
    """The office specialist whose school levels include the proposing school's level (seed 003 part V)."""
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership

    level = proposal.unit.school_level
    if not level:
        return None
    today = timezone.localdate()
    for m in (Membership.objects.filter(Membership.active_q(today), unit=proposal.to_unit, role=Role.SPECIALIST)
              .select_related("user").order_by("pk")):
        if level in (m.school_levels or []):
            return m.user
    return None


@transaction.atomic
def proposal_transition(*, actor, proposal: Proposal, action: str, expected_version: int | None = None,
                        reason: str = "", today: dt.date | None = None) -> Proposal:
    t = TRANSITIONS.get(action)
    if t is None or t.internal:
        raise DomainValidationError(_("Thao tác không hợp lệ."))
    authorize(actor, proposal, action)
    if proposal.status not in t.sources:
        raise DomainValidationError(
            _("Không thể «%(action)s» khi đề nghị đang ở trạng thái «%(status)s».") % {
                "action": t.label, "status": proposal.get_status_display()})
    if t.needs_reason and not reason.strip():
        raise DomainValidationError(_("Nhập lý do (và nội dung cần bổ sung)."), field="reason")
    update: dict = {}
    if action in ("submit", "resubmit"):
        checks = submit_checks(proposal, today=today)
        stop = blocking(checks)
        if stop:
            raise DomainValidationError({"__all__": [c.message for c in stop]})
        update["check_results"] = _stored_checks(checks, proposal, today)
        update["late"] = any(c.code == "deadline" for c in checks)
        update["submitted_at"] = timezone.now()
    if action == "return":
        update["return_reason"] = reason.strip()
    if action == "receive":
        update["specialist"] = _route_specialist(proposal)
    if action == "finish_review":
        pending = proposal.items.filter(status=ItemStatus.PENDING).count()
        if pending:
            raise DomainValidationError(_("Còn %(n)s dòng chưa có ý kiến thẩm định.") % {"n": pending})
    _bump(proposal, expected_version)
    before = proposal.status
    proposal.status = t.target
    for k, v in update.items():
        setattr(proposal, k, v)
    proposal.save(update_fields=["status", *update.keys()])
    if action == "withdraw":
        proposal.items.exclude(status=ItemStatus.DECIDED).update(status=ItemStatus.WITHDRAWN)
    _event(actor, proposal, t.action, before, reason)
    notices.proposal_transitioned(proposal, t.action, reason)
    return proposal


def _stored_checks(checks, proposal, today) -> list[dict]:
    """The checks as the proposal keeps them: a stored record, so in Vietnamese whatever the
    sender reads the pages in (run again in Vietnamese only when the sender reads English)."""
    if (translation.get_language() or "vi").startswith("vi"):
        return [c.as_dict() for c in checks]
    with translation.override("vi"):
        return [c.as_dict() for c in submit_checks(proposal, today=today)]


def _event(actor, proposal, action, before, note=""):
    ProposalEvent.objects.create(proposal=proposal, action=action, from_status=before, to_status=proposal.status,
                                 actor=actor if actor else None, note=note)
    audit_record(actor=actor, event_type=f"awards.proposal_{action}", target=proposal, unit=proposal.unit,
                 before={"status": before}, after={"status": proposal.status, "version": proposal.version},
                 reason=note)


@transaction.atomic
def item_review(*, actor, item: ProposalItem, accept: bool, note: str = "",
                expected_version: int | None = None) -> ProposalItem:
    proposal = item.proposal
    check_side(actor, proposal, REVIEWER, (Perm.REVIEW_PROPOSALS,))
    if proposal.status != ProposalStatus.UNDER_REVIEW:
        raise DomainValidationError(_("Chỉ thẩm định khi hồ sơ đang ở trạng thái «Đang thẩm định»."))
    if item.status == ItemStatus.WITHDRAWN:
        raise DomainValidationError(_("Dòng này đã được rút."))
    if not accept and not note.strip():
        raise DomainValidationError(_("Nhập lý do không chấp nhận."), field="note")
    _bump(proposal, expected_version)
    before = snapshot(item, ["status", "review_note"])
    item.status = ItemStatus.ACCEPTED if accept else ItemStatus.REJECTED
    item.review_note = note.strip()[:500]
    item.save(update_fields=["status", "review_note"])
    audit_record(actor=actor, event_type="awards.item_review", target=item, unit=proposal.unit, before=before,
                 after=snapshot(item, ["status", "review_note"]))
    return item


@transaction.atomic
def proposal_compile(*, actor, round: Round, unit, to_unit, items: list[ProposalItem], title: str = "") -> Proposal:
    """A level compiles accepted items of its lower units into its own proposal upward (no retyping)."""
    _require(actor, Perm.PREPARE_PROPOSALS, unit)
    if not items:
        raise DomainValidationError(_("Chọn ít nhất một dòng đã được chấp nhận."))
    for it in items:
        p = it.proposal
        if p.to_unit_id != unit.pk or it.status != ItemStatus.ACCEPTED or p.status != ProposalStatus.REVIEWED:
            raise DomainValidationError(
                _("%(subject)s – %(award)s: chỉ tổng hợp dòng đã chấp nhận của hồ sơ gửi đến «%(unit)s».") % {
                    "subject": it.subject_name, "award": it.award_type, "unit": unit})
    upward = proposal_create(actor=actor, round=round, unit=unit, to_unit=to_unit, title=title)
    for n, it in enumerate(items, start=1):
        ProposalItem.objects.create(proposal=upward, person=it.person, unit=it.unit or it.proposal.unit,
                                    award_type=it.award_type, summary=it.summary, achievement_id=it.achievement_id,
                                    achievement_key=it.achievement_key,
                                    justification=it.justification, source_item=it, order=n)
    for p in {it.proposal for it in items}:
        if all(i.status != ItemStatus.PENDING for i in p.items.all()):
            before = p.status
            Proposal.objects.filter(pk=p.pk).update(status=ProposalStatus.FORWARDED, version=F("version") + 1)
            p.refresh_from_db()
            _event(actor, p, "forward", before, f"Tổng hợp vào đề nghị #{upward.pk}")
    audit_record(actor=actor, event_type="awards.proposal_compile", target=upward, unit=unit,
                 data={"source_items": [i.pk for i in items]})
    return upward


# --------------------------------------------------------------------------- decisions


def rule_on(model, day: dt.date):
    return model.objects.latest_in_force(day)


def coefficient_on(award_type, subject: str, day: dt.date):
    return BonusCoefficient.objects.filter(award_type=award_type, subject=subject).latest_in_force(day)


def _next_number(issuer, year: int) -> int:
    last = Decision.objects.select_for_update().filter(issuer=issuer, year=year).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


def _reserve(actor, issuer, year, number, symbol, decision_date, title):
    """Write the number in the shared register of tdkt.documents (a number taken there by any other
    document is refused too)."""
    from tdkt.documents.services import number_reserve
    own = symbol[len("QĐ-"):] if symbol.startswith("QĐ-") else symbol
    entry = number_reserve(actor=actor, issuer=issuer, doc_type="QĐ", year=year, number=number,
                           issued_on=decision_date, title=title or "Quyết định khen thưởng",
                           issuer_abbreviation_override=own)
    return entry.number, entry.symbol


def _load_items(items) -> list[ProposalItem]:
    """The items again, with what the checks and the money read, in a fixed number of queries (order kept)."""
    ids = [it.pk for it in items]
    fresh = list(ProposalItem.objects.filter(pk__in=ids).select_related("award_type", "person", "unit"))
    # a decision draws on a few proposals: load each once instead of joining it to every row
    proposals = Proposal.objects.select_related("round", "unit").in_bulk({it.proposal_id for it in fresh})
    by_pk = {}
    for it in fresh:
        it.proposal = proposals[it.proposal_id]
        by_pk[it.pk] = it
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _money_group(item: ProposalItem) -> str:
    """The achievement a line is paid for (several titles, or several forms, for one: only the highest)."""
    if item.achievement_id:
        return f"a{item.achievement_id}"
    return item.achievement_key or f"i{item.pk}"


def _cites_a_law(legal_basis: str) -> bool:
    return any(line.lstrip().startswith("Căn cứ") for line in legal_basis.splitlines())


def _check_decidable(items: list[ProposalItem], issuer) -> None:
    """Every line may be decided by ``issuer`` now: not withdrawn, its dossier reviewed, the line accepted, sent
    to this issuer, and not decided already (one query)."""
    decided = set(DecisionItem.objects.filter(proposal_item__in=[it.pk for it in items])
                  .values_list("proposal_item_id", flat=True))
    for it in items:
        if it.status == ItemStatus.WITHDRAWN or it.proposal.status == ProposalStatus.WITHDRAWN:
            raise DomainValidationError(_("%(subject)s – %(award)s: đề nghị đã được rút, không ra quyết định.") % {
                "subject": it.subject_name, "award": it.award_type})
        if it.proposal.status != ProposalStatus.REVIEWED:
            raise DomainValidationError(
                _("%(subject)s: hồ sơ đang «%(status)s», chưa kết thúc thẩm định.") % {
                    "subject": it.subject_name, "status": it.proposal.get_status_display()})
        if it.status != ItemStatus.ACCEPTED:
            raise DomainValidationError(
                _("%(subject)s – %(award)s: chưa được chấp nhận (đang «%(status)s»).") % {
                    "subject": it.subject_name, "award": it.award_type, "status": it.get_status_display()})
        if it.proposal.to_unit_id != issuer.pk:
            raise DomainValidationError(_("%(subject)s: đề nghị không gửi đến «%(issuer)s».") % {
                "subject": it.subject_name, "issuer": issuer})
        if it.pk in decided:
            raise DomainValidationError(_("%(subject)s – %(award)s: đã có quyết định.") % {
                "subject": it.subject_name, "award": it.award_type})


def _decision_money(items: list[ProposalItem], issuer, decision_date: dt.date, salary, rounding):
    """The bonus of each line from the coefficients in force on the decision's date (computed, never typed): the
    results by line, the coefficient row by line, and the total."""
    lines, coefs, rules = [], {}, {}
    for it in items:
        subject = SubjectKind.INDIVIDUAL if it.person_id else SubjectKind.COLLECTIVE
        if (it.award_type_id, subject) not in rules:
            rules[it.award_type_id, subject] = coefficient_on(it.award_type, subject, decision_date)
        row = coefs[it.pk] = rules[it.award_type_id, subject]
        lines.append(calc.BonusLine(key=it.pk, group=(it.subject_key, _money_group(it)),
                                    kind=it.award_type.kind, coefficient=row.coefficient if row else Decimal("0"),
                                    fund=str(issuer)))
    results = {r.key: r for r in calc.compute_bonuses(lines, salary.amount, rounding.step)}
    total, _per_fund = calc.totals(results.values(), lines)
    return results, coefs, total


@transaction.atomic
def decision_issue(*, actor, issuer, items: list[ProposalItem], decision_date: dt.date, signer_name: str,
                   signer_title: str, title: str = "", legal_basis: str = "", number: int | None = None,
                   symbol: str = "", proposal: Proposal | None = None,
                   confirm_unverified: bool = False) -> Decision:
    """Issue a decision: money from the rules in force on ``decision_date``; the awards become records
    through tdkt.records (same checks and audit rows as any award record). Queries do not grow with the
    number of names (a district decision may list 2,000)."""
    from tdkt.records.services import award_records_add_bulk

    _require(actor, Perm.DECIDE_AWARDS, issuer)
    items = _load_items(items)
    if not items:
        raise DomainValidationError(_("Quyết định phải có ít nhất một cá nhân, tập thể."))
    _check_decidable(items, issuer)
    if not signer_name.strip():
        raise DomainValidationError(_("Người ký: nhập họ và tên người ký quyết định."), field="signer_name")
    if not signer_title.strip():
        raise DomainValidationError(_("Chức vụ người ký: chọn chức vụ của người ký quyết định."),
                                    field="signer_title")
    # the title follows the issuer (a Phòng is signed by its Trưởng phòng, a UBND by its Chủ tịch)
    signer_title = check_signer_title(issuer, decision_date, signer_title).title
    # the records the decision writes may not be dated in the future nor before their school year
    if decision_date > timezone.localdate():
        raise DomainValidationError(
            _("Ngày ký (%(date)s) không được sau ngày hôm nay.") % {"date": f"{decision_date:%d/%m/%Y}"},
            field="decision_date")
    first_year = (proposal.round if proposal else items[0].proposal.round).school_year
    if decision_date < first_year.start_date:
        raise DomainValidationError(
            _("Ngày ký (%(date)s) trước khi năm học %(year)s bắt đầu (%(start)s).") % {
                "date": f"{decision_date:%d/%m/%Y}", "year": first_year,
                "start": f"{first_year.start_date:%d/%m/%Y}"},
            field="decision_date")
    # a rule row nobody has checked against the published text: the officer confirms having read it
    unverified = unverified_rules(items, decision_date)
    if unverified and not confirm_unverified:
        raise DomainValidationError(
            _("Xác nhận đối chiếu: quyết định này dựa trên quy định chưa được đối chiếu với văn bản gốc — %(rules)s. "
              "Đọc văn bản nêu trên rồi đánh dấu «Tôi đã đối chiếu» để ban hành.") % {"rules": "; ".join(unverified)},
            field="confirm_unverified")
    salary = rule_on(BaseSalary, decision_date)
    rounding = rule_on(BonusRounding, decision_date)
    if salary is None or rounding is None:
        raise DomainValidationError(
            _("Chưa có mức lương cơ sở hoặc quy tắc làm tròn áp dụng ngày %(date)s.") % {
                "date": f"{decision_date:%d/%m/%Y}"})
    # a decision is never issued without its «Căn cứ»: the texts in force on its date when none are given
    legal_basis = "\n".join(line.strip() for line in (legal_basis or "").splitlines() if line.strip())
    if not legal_basis:
        legal_basis = "\n".join(proposed_bases(issuer, decision_date, proposal or items[0].proposal))
    if not _cites_a_law(legal_basis):
        raise DomainValidationError(
            _("Căn cứ: chưa có dòng căn cứ pháp lý nào áp dụng ngày %(date)s; nhập các dòng «Căn cứ …;» "
              "hoặc nạp dữ liệu danh mục (tdkt load_reference).") % {"date": f"{decision_date:%d/%m/%Y}"},
            field="legal_basis")
    year = decision_date.year
    symbol = (symbol or "").strip() or decision_symbol(issuer)
    if number is not None:
        number = int(number)
        if number < 1:
            raise DomainValidationError(_("Số quyết định phải lớn hơn 0."), field="number")
        if Decision.objects.filter(issuer=issuer, year=year, number=number).exists():
            raise DomainValidationError(_("Số %(number)s/%(symbol)s năm %(year)s của «%(issuer)s» đã được dùng.") % {
                "number": number, "symbol": symbol, "year": year, "issuer": issuer}, field="number")
    else:
        number = _next_number(issuer, year)
    results, coefs, total = _decision_money(items, issuer, decision_date, salary, rounding)
    rnd = proposal.round if proposal else items[0].proposal.round
    # the citation only: a row's review note is for the screen, never for the printed decision
    citation = salary.citation
    number, symbol = _reserve(actor, issuer, year, number, symbol, decision_date, title)
    try:
        with transaction.atomic():
            d = Decision.objects.create(
                issuer=issuer, number=number, year=year, symbol=symbol,
                decision_date=decision_date, title=title.strip() or f"Về việc khen thưởng {rnd.name}",
                signer_name=signer_name.strip(), signer_title=signer_title.strip(), legal_basis=legal_basis,
                proposal=proposal, round=rnd, base_salary=salary.amount, base_salary_citation=citation[:300],
                rounding_step=rounding.step, total=total, created_by=actor if actor else None)
    except IntegrityError as exc:
        raise DomainValidationError(_("Số %(number)s/%(symbol)s năm %(year)s đã được dùng.") % {
            "number": number, "symbol": symbol, "year": year}, field="number") from exc
    records = award_records_add_bulk(actor=actor, source="awards", rows=[
        {"award_type": it.award_type, "person": it.person,
         "unit": it.unit or (it.proposal.unit if it.person_id else None), "school_year": rnd.school_year,
         "decision_number": d.number_label, "decision_date": decision_date, "issuer": str(issuer),
         "thematic": rnd.thematic, "achievement": it.summary} for it in items])
    lines_out = []
    for n, (it, record) in enumerate(zip(items, records, strict=True), start=1):
        r, row = results[it.pk], coefs[it.pk]
        note = r.note if not r.paid else ("" if row else "Chưa có hệ số tiền thưởng áp dụng.")
        lines_out.append(DecisionItem(decision=d, proposal_item=it, person=it.person, unit=it.unit,
                                      award_type=it.award_type, achievement=it.summary,
                                      achievement_key=it.achievement_key,
                                      coefficient=row.coefficient if row else None, amount=r.amount,
                                      money_note=note, award_record=record, order=n))
    DecisionItem.objects.bulk_create(lines_out, batch_size=500)
    ProposalItem.objects.filter(pk__in=[i.pk for i in items]).update(status=ItemStatus.DECIDED)
    for p in {it.proposal for it in items}:
        if p.status == ProposalStatus.REVIEWED and not p.items.filter(status=ItemStatus.ACCEPTED).exists():
            before = p.status
            Proposal.objects.filter(pk=p.pk).update(status=ProposalStatus.DECIDED, version=F("version") + 1)
            p.refresh_from_db()
            _event(actor, p, "decide", before, f"Quyết định số {d.number_label}")
    audit_record(actor=actor, event_type="awards.decision_issue", target=d, unit=issuer,
                 after={"number": d.number_label, "date": decision_date, "total": total,
                        "items": [i.pk for i in items], "base_salary": salary.amount,
                        "unverified_confirmed": unverified})
    notices.decision_issued(d, items)
    return d


@transaction.atomic
def award_revoke(*, actor, item: DecisionItem, reason: str, revocation_decision: str,
                 revoked_on: dt.date) -> DecisionItem:
    """Hủy bỏ quyết định khen thưởng một dòng. The award record is revoked through tdkt.records (its checks,
    its audit row), so the award leaves eligibility history from ``revoked_on``; the bonus paid is stated as
    money to recover (thu hồi), on the line and on the record's reason."""
    from tdkt.core.vi import format_vnd
    from tdkt.records.services import award_record_revoke

    _require(actor, Perm.DECIDE_AWARDS, item.decision.issuer)
    item = (DecisionItem.objects.select_for_update(of=("self",)).select_related("decision", "award_record")
            .get(pk=item.pk))
    if item.revoked_on:
        raise DomainValidationError(
            _("Khen thưởng này đã bị hủy bỏ ngày %(date)s (%(decision)s).") % {
                "date": f"{item.revoked_on:%d/%m/%Y}", "decision": item.revocation_decision})
    errors: dict[str, str | list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = _("Nhập lý do hủy bỏ.")
    if not (revocation_decision or "").strip():
        errors["revocation_decision"] = _("Nhập số quyết định hủy bỏ, ví dụ 45/QĐ-UBND.")
    if not revoked_on:
        errors["revoked_on"] = _("Nhập ngày hủy bỏ.")
    elif revoked_on < item.decision.decision_date:
        errors["revoked_on"] = _("Ngày hủy bỏ (%(date)s) không được trước ngày quyết định khen thưởng "
                                 "(%(decided)s).") % {"date": f"{revoked_on:%d/%m/%Y}",
                                                      "decided": f"{item.decision.decision_date:%d/%m/%Y}"}
    if errors:
        raise DomainValidationError(errors)
    reason = " ".join(reason.split())
    recover = item.amount or Decimal("0")
    before = snapshot(item, ["revoked_on", "revocation_decision", "amount_to_recover"])
    item.revoked_on = revoked_on
    item.revocation_reason = reason
    item.revocation_decision = " ".join(revocation_decision.split())[:100]
    item.amount_to_recover = recover
    if item.award_record is not None:  # loaded with the line above
        money = f" Thu hồi tiền thưởng: {format_vnd(recover)}." if recover else ""
        award_record_revoke(actor=actor, record=item.award_record, revoked_on=revoked_on,
                            revocation_decision=item.revocation_decision, reason=(reason + money)[:500])
    item.save(update_fields=["revoked_on", "revocation_reason", "revocation_decision", "amount_to_recover"])
    audit_record(actor=actor, event_type="awards.award_revoke", target=item, unit=item.decision.issuer,
                 before=before,
                 after={"revoked_on": revoked_on, "decision": item.revocation_decision,
                        "amount_to_recover": item.amount_to_recover, "award_record": item.award_record_id},
                 reason=reason)
    return item


DECISION_DOCUMENT = "award_decision"


def decision_sign(*, actor, decision: Decision):
    """Ký số the issued decision's PDF (tdkt.signatures): by one who may decide awards over its issuer.
    Signing locks it; a correction is a new decision."""
    from tdkt.signatures.services import sign_document

    from .documents import decision_pdf

    _require(actor, Perm.DECIDE_AWARDS, decision.issuer)
    return sign_document(actor=actor, kind=DECISION_DOCUMENT, object_id=decision.pk, unit=decision.issuer,
                         title=str(decision), pdf_bytes=decision_pdf(decision), signer_name=decision.signer_name)
