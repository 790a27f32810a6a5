"""Writes on complaints and denunciations: keyword-only, one transaction, one audit row per change. The audit
rows and the letter's steps never carry the sender's identity (Luật Tố cáo 2018 Điều 47 khoản 2, Điều 56): the
audit trail is shown to the unit's officers, who do not all handle the case."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.vi import format_date_short

from . import selectors
from .choices import LetterKind, Outcome, Status
from .models import Letter, LetterStep

# What the audit row keeps of a letter: never the sender's name, address, phone, e-mail or ID number.
AUDIT_FIELDS = ["unit_id", "number", "kind", "instance", "channel", "received_on", "subject", "about_decision_id",
                "about_item_id", "about_proposal_id", "identity_protected", "remote", "complex", "especially_complex",
                "status", "accepted_on", "not_accepted_reason", "extensions", "paused_days", "suspended_on",
                "resolver_id", "outcome", "resolution_number", "resolved_on", "revoked_item_id"]
PREFIX = {LetterKind.COMPLAINT: "KN", LetterKind.DENUNCIATION: "TC", LetterKind.PETITION: "KNPA"}
OPEN = (Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED)


def _d(day: dt.date) -> str:
    return format_date_short(day)


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _no_future(errors: dict, field: str, day: dt.date | None, label: str) -> None:
    if day is None:
        errors[field] = _("Hãy nhập %(label)s.") % {"label": label}
    elif day > timezone.localdate():
        errors[field] = _("%(label)s (%(date)s) không được sau ngày hôm nay.") % {"label": label.capitalize(),
                                                                                  "date": _d(day)}


def _day_and_reason(day: dt.date | None, reason: str, day_label: str, missing_reason: str) -> dt.date:
    """The day of a handler's decision (not in the future) and its reason, both required, or a refusal naming them."""
    errors: dict[str, str | list[str]] = {}
    _no_future(errors, "day", day, day_label)
    if not _text(reason):
        errors["reason"] = missing_reason
    if errors or day is None:
        raise DomainValidationError(errors)
    return day


def _step(letter: Letter, actor, day: dt.date, action: str, text: str) -> None:
    LetterStep.objects.create(letter=letter, day=day, action=action, text=text[:500], actor=actor)


def _save(letter: Letter, actor, event: str, before: dict | None, *, reason: str = "") -> None:
    letter.version += 1
    letter.save()
    audit_record(actor=actor, event_type=f"complaints.{event}", target=letter, unit=letter.unit, before=before,
                 after=snapshot(letter, AUDIT_FIELDS), reason=reason[:500])


def _locked(letter: Letter, version: int | None = None) -> Letter:
    locked = Letter.objects.select_for_update().select_related("unit").get(pk=letter.pk)
    if version is not None and locked.version != version:
        raise DomainValidationError(_("Đơn này vừa được người khác cập nhật. Hãy tải lại trang và làm lại."))
    return locked


def letter_receive(*, actor, unit, kind: str, channel: str, received_on: dt.date | None, subject: str, content: str,
                   sender_name: str, sender_address: str = "", sender_phone: str = "", sender_email: str = "",
                   sender_id_number: str = "", instance: int = 1, decision_known_on: dt.date | None = None,
                   about_decision=None, about_item=None, about_proposal=None, remote: bool = False,
                   complex: bool = False, identity_protected: bool = False) -> Letter:
    """Tiếp nhận đơn: logged with the next number of the unit's register for the kind and year; the receiving
    officer becomes its first handler. A denunciation's sender is always kept secret (Luật Tố cáo Điều 47 khoản 2,
    unless the denouncer discloses it himself — not something the office decides)."""
    require(actor, Perm.HANDLE_COMPLAINTS, unit)
    errors: dict[str, str | list[str]] = {}
    if kind not in LetterKind.values:
        errors["kind"] = _("Chọn loại đơn: khiếu nại, tố cáo hoặc kiến nghị, phản ánh.")
    from .choices import Channel

    if channel not in Channel.values:
        errors["channel"] = _("Chọn hình thức tiếp nhận đơn.")
    _no_future(errors, "received_on", received_on, _("ngày nhận đơn"))
    if decision_known_on and received_on and decision_known_on > received_on:
        errors["decision_known_on"] = _("Ngày biết được quyết định không được sau ngày nhận đơn.")
    if not _text(subject):
        errors["subject"] = _("Hãy tóm tắt nội dung đơn (ví dụ: khiếu nại việc không được đề nghị danh hiệu CSTĐCS).")
    if not _text(content):
        errors["content"] = _("Hãy nhập nội dung đơn.")
    if not _text(sender_name):
        errors["sender_name"] = _("Hãy nhập họ và tên người gửi đơn (đơn không rõ họ tên, địa chỉ xử lý theo quy "
                                  "định riêng).")
    if instance not in (1, 2) or (instance == 2 and kind != LetterKind.COMPLAINT):
        errors["instance"] = _("Chỉ khiếu nại mới có lần hai; chọn lần 1 hoặc lần 2.")
    if about_item is not None and about_decision is None:
        about_decision = about_item.decision
    if errors:
        raise DomainValidationError(errors)
    assert received_on is not None
    with transaction.atomic():
        prefix = f"{PREFIX[LetterKind(kind)]}-{received_on.year}-"
        taken = Letter.objects.select_for_update().filter(unit=unit, number__startswith=prefix).count()
        letter = Letter.objects.create(
            unit=unit, number=f"{prefix}{taken + 1:03d}", kind=kind, instance=instance, channel=channel,
            received_on=received_on, subject=_text(subject)[:300], content=str(content).strip(),
            about_decision=about_decision, about_item=about_item, about_proposal=about_proposal,
            decision_known_on=decision_known_on, sender_name=_text(sender_name)[:200],
            sender_address=_text(sender_address)[:300], sender_phone=_text(sender_phone)[:30],
            sender_email=_text(sender_email)[:254], sender_id_number=_text(sender_id_number)[:20],
            identity_protected=identity_protected or kind == LetterKind.DENUNCIATION, remote=remote, complex=complex,
            created_by=actor)
        letter.handlers.add(actor)
        _step(letter, actor, received_on, "receive", _("Tiếp nhận đơn (%(channel)s).") % {
            "channel": letter.get_channel_display()})
        audit_record(actor=actor, event_type="complaints.received", target=letter, unit=unit,
                     after=snapshot(letter, AUDIT_FIELDS))
    return letter


def letter_assign(*, actor, letter: Letter, handlers, resolver=None) -> Letter:
    """Giao xử lý: the handlers (officers of the unit who may handle letters) and the competent person who
    resolves. Only they, from now on, see a protected sender."""
    require(actor, Perm.HANDLE_COMPLAINTS, letter.unit)
    handlers = list(handlers)
    errors: dict[str, str | list[str]] = {}
    if not handlers:
        errors["handlers"] = _("Chọn ít nhất một người xử lý đơn.")
    wrong = [u for u in handlers + ([resolver] if resolver else []) if not can(u, Perm.HANDLE_COMPLAINTS, letter.unit)]
    if wrong:
        errors["handlers"] = _("%(names)s không có quyền xử lý đơn của %(unit)s.") % {
            "names": ", ".join(u.get_full_name() or u.username for u in wrong), "unit": letter.unit.name}
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        locked = _locked(letter)
        before = snapshot(locked, AUDIT_FIELDS)
        locked.handlers.set(handlers)
        if resolver is not None:
            locked.resolver = resolver
        names = ", ".join(u.get_full_name() or u.username for u in handlers)
        _step(locked, actor, timezone.localdate(), "assign", _("Giao xử lý: %(names)s.") % {"names": names})
        _save(locked, actor, "assigned", before)
    return locked


def _require_handler(actor, letter: Letter) -> None:
    require(actor, Perm.HANDLE_COMPLAINTS, letter.unit)
    if not (actor.is_superuser or letter.resolver_id == actor.pk or letter.handlers.filter(pk=actor.pk).exists()):
        raise PermissionRefused(_("Chỉ người được giao xử lý đơn này mới thực hiện được."))


def letter_accept(*, actor, letter: Letter, accepted_on: dt.date | None, version: int | None = None) -> Letter:
    """Thụ lý: the resolution period runs from this day."""
    _require_handler(actor, letter)
    errors: dict[str, str | list[str]] = {}
    _no_future(errors, "accepted_on", accepted_on, _("ngày thụ lý"))
    if accepted_on and accepted_on < letter.received_on:
        errors["accepted_on"] = _("Ngày thụ lý (%(a)s) không được trước ngày nhận đơn (%(r)s).") % {
            "a": _d(accepted_on), "r": _d(letter.received_on)}
    if errors:
        raise DomainValidationError(errors)
    assert accepted_on is not None
    with transaction.atomic():
        locked = _locked(letter, version)
        if locked.status != Status.RECEIVED:
            raise DomainValidationError(_("Đơn %(number)s không ở bước chờ thụ lý.") % {"number": locked.number})
        before = snapshot(locked, AUDIT_FIELDS)
        locked.status, locked.accepted_on = Status.ACCEPTED, accepted_on
        due = next((d for d in selectors.deadlines(locked) if d.step == "thu_ly"), None)
        late = due is not None and accepted_on > due.day
        _step(locked, actor, accepted_on, "accept", _("Thụ lý giải quyết.") + (
            " " + _("Quá hạn thụ lý (hạn %(date)s).") % {"date": _d(due.day)} if late and due else ""))
        _save(locked, actor, "accepted", before)
    return locked


def letter_not_accept(*, actor, letter: Letter, day: dt.date | None, reason: str) -> Letter:
    """Không thụ lý, with the reason told to the sender (Luật Khiếu nại Điều 27; Luật Tố cáo Điều 29)."""
    _require_handler(actor, letter)
    day = _day_and_reason(day, reason, _("ngày quyết định không thụ lý"),
                          _("Hãy ghi lý do không thụ lý (để thông báo cho người gửi đơn)."))
    with transaction.atomic():
        locked = _locked(letter)
        if locked.status != Status.RECEIVED:
            raise DomainValidationError(_("Đơn %(number)s không ở bước chờ thụ lý.") % {"number": locked.number})
        before = snapshot(locked, AUDIT_FIELDS)
        locked.status, locked.not_accepted_reason = Status.NOT_ACCEPTED, _text(reason)[:500]
        _step(locked, actor, day, "not_accept", _("Không thụ lý: %(reason)s") % {"reason": locked.not_accepted_reason})
        _save(locked, actor, "not_accepted", before, reason=reason)
    return locked


def letter_extend(*, actor, letter: Letter, day: dt.date | None, reason: str, especially_complex: bool = False) -> Letter:
    """Gia hạn giải quyết tố cáo: once for a complex case, twice for an especially complex one, up to 30 days each
    (Luật Tố cáo Điều 30 khoản 2, 3). A complaint has no extension: its complex-case ceiling is marked instead."""
    _require_handler(actor, letter)
    day = _day_and_reason(day, reason, _("ngày quyết định gia hạn"), _("Hãy ghi lý do gia hạn (vụ việc phức tạp vì sao)."))
    with transaction.atomic():
        locked = _locked(letter)
        before = snapshot(locked, AUDIT_FIELDS)
        if locked.status != Status.ACCEPTED:
            raise DomainValidationError(_("Chỉ gia hạn được đơn đang giải quyết."))
        if locked.kind == LetterKind.COMPLAINT:
            if locked.complex:
                raise DomainValidationError(_("Khiếu nại đã được xác định là vụ việc phức tạp; Luật Khiếu nại không "
                                              "có gia hạn thêm (Điều 28, 37)."))
            locked.complex = True
            text = _("Xác định vụ việc phức tạp: thời hạn giải quyết kéo dài theo Luật Khiếu nại.")
        elif locked.kind == LetterKind.DENUNCIATION:
            allowed = 2 if (especially_complex or locked.especially_complex) else 1
            if locked.extensions >= allowed:
                raise DomainValidationError(_(
                    "Đã gia hạn %(n)s lần: vụ việc phức tạp gia hạn một lần, đặc biệt phức tạp hai lần (Luật Tố cáo "
                    "Điều 30 khoản 2, 3).") % {"n": locked.extensions})
            locked.extensions += 1
            locked.complex = True
            locked.especially_complex = locked.especially_complex or especially_complex
            text = _("Gia hạn giải quyết lần %(n)s.") % {"n": locked.extensions}
        else:
            raise DomainValidationError(_("Kiến nghị, phản ánh không có thời hạn gia hạn theo luật."))
        _step(locked, actor, day, "extend", f"{text} {_text(reason)}")
        _save(locked, actor, "extended", before, reason=reason)
    return locked


SUSPENSION_FROM = dt.date(2026, 7, 1)  # Luật 136/2025/QH15 (Luật Khiếu nại Điều 11a) and NĐ 155/2026, in force


def letter_suspend(*, actor, letter: Letter, day: dt.date | None, reason: str) -> Letter:
    """Tạm đình chỉ giải quyết khiếu nại (from 01/07/2026, Luật Khiếu nại Điều 11a added by Luật 136/2025/QH15):
    the clock stops on the day of the decision."""
    _require_handler(actor, letter)
    day = _day_and_reason(day, reason, _("ngày quyết định tạm đình chỉ"), _("Hãy ghi lý do tạm đình chỉ."))
    if letter.kind != LetterKind.COMPLAINT or day < SUSPENSION_FROM:
        raise DomainValidationError({"day": _("Chỉ tạm đình chỉ giải quyết khiếu nại từ ngày 01/07/2026 (Luật Khiếu "
                                              "nại Điều 11a, sửa đổi bởi Luật 136/2025/QH15).")})
    with transaction.atomic():
        locked = _locked(letter)
        if locked.status != Status.ACCEPTED:
            raise DomainValidationError(_("Chỉ tạm đình chỉ được đơn đang giải quyết."))
        before = snapshot(locked, AUDIT_FIELDS)
        locked.status, locked.suspended_on = Status.SUSPENDED, day
        _step(locked, actor, day, "suspend", _("Tạm đình chỉ giải quyết: %(reason)s") % {"reason": _text(reason)})
        _save(locked, actor, "suspended", before, reason=reason)
    return locked


def letter_resume(*, actor, letter: Letter, day: dt.date | None) -> Letter:
    """Tiếp tục giải quyết: the period goes on from the decision to resume ("Thời hạn giải quyết khiếu nại tiếp tục
    được tính từ ngày ban hành quyết định tiếp tục", NĐ 155/2026): the days suspended are added to the limit."""
    _require_handler(actor, letter)
    errors: dict[str, str | list[str]] = {}
    _no_future(errors, "day", day, _("ngày quyết định tiếp tục giải quyết"))
    if day and letter.suspended_on and day < letter.suspended_on:
        errors["day"] = _("Ngày tiếp tục không được trước ngày tạm đình chỉ (%(date)s).") % {
            "date": _d(letter.suspended_on)}
    if errors or day is None:
        raise DomainValidationError(errors)
    with transaction.atomic():
        locked = _locked(letter)
        if locked.status != Status.SUSPENDED or locked.suspended_on is None:
            raise DomainValidationError(_("Đơn này không đang tạm đình chỉ."))
        before = snapshot(locked, AUDIT_FIELDS)
        paused = (day - locked.suspended_on).days
        locked.status, locked.paused_days, locked.suspended_on = Status.ACCEPTED, locked.paused_days + paused, None
        _step(locked, actor, day, "resume", _("Tiếp tục giải quyết sau %(n)s ngày tạm đình chỉ.") % {"n": paused})
        _save(locked, actor, "resumed", before)
    return locked


def letter_resolve(*, actor, letter: Letter, outcome: str, resolution_number: str, resolved_on: dt.date | None,
                   summary: str, revoke_award: bool = False, version: int | None = None) -> Letter:
    """Giải quyết: the resolver (or whoever decides awards at the unit) records the decision or conclusion. When a
    complaint or denunciation about an award is found right and the award is to be cancelled, the award is revoked
    through awards.services.award_revoke in the same transaction (its checks, its money to recover)."""
    # The competent person resolves: the letter's resolver, or the head who decides the unit's awards (who then
    # becomes its resolver), whether or not the letter was assigned to him.
    require(actor, Perm.HANDLE_COMPLAINTS, letter.unit)
    if not (actor.is_superuser or letter.resolver_id == actor.pk or can(actor, Perm.DECIDE_AWARDS, letter.unit)):
        raise PermissionRefused(_("Chỉ người có thẩm quyền giải quyết đơn này mới ghi được kết quả."))
    errors: dict[str, str | list[str]] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Chọn kết quả giải quyết.")
    _no_future(errors, "resolved_on", resolved_on, _("ngày giải quyết"))
    if resolved_on and letter.accepted_on and resolved_on < letter.accepted_on:
        errors["resolved_on"] = _("Ngày giải quyết không được trước ngày thụ lý (%(date)s).") % {
            "date": _d(letter.accepted_on)}
    if not _text(resolution_number):
        errors["resolution_number"] = _("Hãy ghi số quyết định giải quyết khiếu nại hoặc kết luận nội dung tố cáo.")
    if not _text(summary):
        errors["summary"] = _("Hãy tóm tắt nội dung giải quyết.")
    if revoke_award and (letter.about_item_id is None or outcome not in (Outcome.UPHELD, Outcome.PARTLY)):
        errors["revoke_award"] = _("Chỉ hủy bỏ khen thưởng khi đơn về một khen thưởng và kết luận đúng hoặc đúng một "
                                   "phần.")
    if errors:
        raise DomainValidationError(errors)
    assert resolved_on is not None
    with transaction.atomic():
        locked = _locked(letter, version)
        if locked.status != Status.ACCEPTED:
            raise DomainValidationError(_("Đơn %(number)s chưa thụ lý hoặc đã giải quyết.") % {"number": locked.number})
        before = snapshot(locked, AUDIT_FIELDS)
        locked.status, locked.outcome, locked.resolved_on = Status.RESOLVED, outcome, resolved_on
        if locked.resolver_id is None:
            locked.resolver = actor
        locked.resolution_number, locked.resolution_summary = _text(resolution_number)[:60], str(summary).strip()
        due = next((d for d in selectors.deadlines(locked) if d.step == "giai_quyet"), None)
        late = due is not None and resolved_on > due.day
        text = _("Giải quyết: %(outcome)s (%(number)s).") % {"outcome": locked.get_outcome_display(),
                                                            "number": locked.resolution_number}
        if late and due:
            text += " " + _("Quá hạn giải quyết (hạn %(date)s).") % {"date": _d(due.day)}
        if revoke_award and locked.about_item is not None:
            from tdkt.awards.services import award_revoke

            item = award_revoke(actor=actor, item=locked.about_item, revoked_on=resolved_on,
                                revocation_decision=locked.resolution_number,
                                reason=_("Theo kết quả giải quyết đơn %(number)s: %(summary)s") % {
                                    "number": locked.number, "summary": _text(summary)[:300]})
            locked.revoked_item = item
            text += " " + _("Hủy bỏ khen thưởng.")
        _step(locked, actor, resolved_on, "resolve", text)
        _save(locked, actor, "resolved", before)
    return locked
