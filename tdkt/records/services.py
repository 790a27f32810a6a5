"""Writes to the yearly records (hồ sơ thành tích).

Every function is keyword-only, validates everything before its first write,
and runs in one transaction with one audit row (before/after), so a refusal
leaves nothing behind. Permission checks belong to the caller (page or API),
which knows the acting user's reach; these functions trust ``actor``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, validate_period
from tdkt.core.vi import fold, format_date_short
from tdkt.org.models import Unit
from tdkt.people.models import Employment, Person

from .choices import AbsenceKind, AwardKind, DisciplineForm, InitiativeKind, Scope, SubjectKind, TaskRating
from .models import (
    Absence,
    AwardRecord,
    Discipline,
    Initiative,
    InitiativeAuthor,
    PersonRating,
    Registration,
    UnitRating,
)
from .selectors import percent

RATING_FIELDS = ["person_id", "school_year_id", "rating", "unit_id", "note"]
UNIT_RATING_FIELDS = ["unit_id", "school_year_id", "rating", "note"]
DISCIPLINE_FIELDS = ["person_id", "form", "decision_number", "decision_date", "issuer", "effective_from",
                     "effective_to", "reason"]
ABSENCE_FIELDS = ["person_id", "kind", "start_date", "end_date", "training_result_good", "note"]
INITIATIVE_FIELDS = ["kind", "title", "school_year_id", "unit_id", "recognized", "recognizing_body", "scope",
                     "decision_number", "decision_date"]
AWARD_FIELDS = ["award_type_id", "person_id", "unit_id", "school_year_id", "decision_number", "decision_date",
                "issuer", "thematic", "achievement", "revoked_on", "revocation_decision", "revocation_reason",
                "source"]
REGISTRATION_FIELDS = ["award_type_id", "school_year_id", "person_id", "unit_id", "registered_on", "targets"]

HUNDRED = Decimal("100")


# --------------------------------------------------------------------------- helpers


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _d(value: dt.date) -> str:
    return format_date_short(value)


def home_unit(person: Person, day: dt.date | None = None):
    """The unit a person worked in on ``day`` (latest post), else the latest post at all.

    Used as the audit row's unit so the unit's officers find the change in its log."""
    day = day or timezone.localdate()
    posts = Employment.objects.filter(person=person).select_related("unit").order_by("-start_date", "-id")
    current = posts.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day).first()
    post = current or posts.first()
    return post.unit if post else None


def decision_key(text: str) -> str:
    """Compare decision numbers as written by different hands: "125/QĐ-GDĐT",
    "125/qđ-gdđt" and "125 / QD-GDDT" are one decision. (SQL ``iexact`` does not
    case-fold Đ on SQLite, so the comparison is done here.)"""
    return re.sub(r"\s+", "", fold(text or ""))


def _check_choice(errors: dict, field: str, value, choices, what: str) -> None:
    if value not in choices.values:
        labels = ", ".join(f"«{label}»" for label in choices.labels)
        errors[field] = _("%(what)s «%(value)s» không có trong danh mục. Hãy chọn một trong: %(labels)s.") % {
            "what": what, "value": value or "", "labels": labels}


def _raise(errors: dict) -> None:
    if errors:
        raise DomainValidationError(errors)


# --------------------------------------------------------------------------- ratings


def person_rating_set(*, actor, person: Person, school_year, rating: str, unit=None, note: str = "",
                      create: bool = False, reason: str = "") -> PersonRating:
    """Xếp loại a person for a school year.

    A person has one rating per year: a second call changes that row (audited
    with before/after). ``create=True`` (imports) refuses a year already rated
    instead of changing it. Setting the same values again writes nothing."""
    _require_change_record(actor, person)
    errors: dict[str, str] = {}
    if school_year is None:
        errors["school_year"] = _("Hãy chọn năm học.")
    _check_choice(errors, "rating", rating, TaskRating, _("Mức xếp loại"))
    _raise(errors)
    note = _text(note)[:300]
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        existing = PersonRating.objects.select_for_update().filter(person=person, school_year=school_year).first()
        if existing is not None and create:
            raise DomainValidationError({"school_year": _(
                "Năm học %(year)s đã có xếp loại cho %(person)s («%(rating)s»). Hãy sửa xếp loại đó thay vì "
                "thêm mới.") % {"year": school_year, "person": person, "rating": existing.get_rating_display()}})
        audit_unit = unit or home_unit(person, school_year.end_date)
        if existing is not None:
            before = snapshot(existing, RATING_FIELDS)
            existing.rating, existing.note = rating, note
            if unit is not None:
                existing.unit = unit
            after = snapshot(existing, RATING_FIELDS)
            if after == before:
                return existing
            existing.save()
            audit_record(actor=actor, event_type="records.rating_changed", target=existing, unit=audit_unit,
                         before=before, after=after, reason=reason)
            return existing
        try:
            with transaction.atomic():
                obj = PersonRating.objects.create(person=person, school_year=school_year, rating=rating, unit=unit,
                                                  note=note)
        except IntegrityError as exc:  # a concurrent first rating won the race
            raise DomainValidationError({"school_year": _("Năm học %(year)s đã có xếp loại cho %(who)s.") % {
                "year": school_year, "who": person}}) from exc
        audit_record(actor=actor, event_type="records.rating_set", target=obj, unit=audit_unit,
                     after=snapshot(obj, RATING_FIELDS), reason=reason)
    return obj


def unit_rating_set(*, actor, unit, school_year, rating: str, note: str = "", create: bool = False,
                    reason: str = "") -> UnitRating:
    """Xếp loại a collective (tập thể) for a school year; one row per unit and year."""
    _require_change_record(actor, unit=unit)
    errors: dict[str, str] = {}
    if school_year is None:
        errors["school_year"] = _("Hãy chọn năm học.")
    _check_choice(errors, "rating", rating, TaskRating, _("Mức xếp loại"))
    _raise(errors)
    note = _text(note)[:300]
    with transaction.atomic():
        existing = UnitRating.objects.select_for_update().filter(unit=unit, school_year=school_year).first()
        if existing is not None and create:
            raise DomainValidationError({"school_year": _(
                "Năm học %(year)s đã có xếp loại cho %(unit)s («%(rating)s»).") % {
                "year": school_year, "unit": unit, "rating": existing.get_rating_display()}})
        if existing is not None:
            before = snapshot(existing, UNIT_RATING_FIELDS)
            existing.rating, existing.note = rating, note
            after = snapshot(existing, UNIT_RATING_FIELDS)
            if after == before:
                return existing
            existing.save()
            audit_record(actor=actor, event_type="records.unit_rating_changed", target=existing, unit=unit,
                         before=before, after=after, reason=reason)
            return existing
        try:
            with transaction.atomic():
                obj = UnitRating.objects.create(unit=unit, school_year=school_year, rating=rating, note=note)
        except IntegrityError as exc:
            raise DomainValidationError({"school_year": _("Năm học %(year)s đã có xếp loại cho %(who)s.") % {
                "year": school_year, "who": unit}}) from exc
        audit_record(actor=actor, event_type="records.unit_rating_set", target=obj, unit=unit,
                     after=snapshot(obj, UNIT_RATING_FIELDS), reason=reason)
    return obj


# --------------------------------------------------------------------------- discipline, absences


def discipline_add(*, actor, person: Person, form: str, decision_number: str, decision_date: dt.date | None,
                   effective_from: dt.date | None = None, effective_to: dt.date | None = None, issuer: str = "",
                   reason: str = "") -> Discipline:
    """Ghi kỷ luật. The decision (number and date) is required: a discipline
    without its decision cannot be cited in a council's minutes. The period of
    effect starts on the decision date unless given."""
    _require_change_record(actor, person)
    decision_number = _text(decision_number)
    errors: dict[str, str] = {}
    _check_choice(errors, "form", form, DisciplineForm, _("Hình thức kỷ luật"))
    if not decision_number:
        errors["decision_number"] = _("Hãy nhập số quyết định kỷ luật, ví dụ 12/QĐ-THĐTH.")
    elif len(decision_number) > 60:
        errors["decision_number"] = _("Số quyết định dài quá 60 ký tự.")
    if not decision_date:
        errors["decision_date"] = _("Hãy nhập ngày ký quyết định kỷ luật.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định (%(date)s) không được sau ngày hôm nay.") % {
            "date": _d(decision_date)}
    _raise(errors)
    assert decision_date is not None  # refused above when missing
    effective_from = effective_from or decision_date
    validate_period(effective_from, effective_to, start_field="effective_from", end_field="effective_to")
    if effective_from < decision_date:
        raise DomainValidationError({"effective_from": _(
            "Ngày có hiệu lực (%(start)s) không được trước ngày ký quyết định (%(date)s).") % {
            "start": _d(effective_from), "date": _d(decision_date)}})
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        key = decision_key(decision_number)
        if any(decision_key(n) == key for n in Discipline.objects.filter(person=person)
               .values_list("decision_number", flat=True)):
            raise DomainValidationError({"decision_number": _(
                "Quyết định kỷ luật số %(number)s đã được ghi trong hồ sơ của %(person)s.") % {
                "number": decision_number, "person": person}})
        obj = Discipline.objects.create(person=person, form=form, decision_number=decision_number,
                                        decision_date=decision_date, issuer=_text(issuer)[:200],
                                        effective_from=effective_from, effective_to=effective_to,
                                        reason=_text(reason)[:500])
        audit_record(actor=actor, event_type="records.discipline_added", target=obj,
                     unit=home_unit(person, decision_date), after=snapshot(obj, DISCIPLINE_FIELDS))
    return obj


def absence_add(*, actor, person: Person, kind: str, start_date: dt.date | None, end_date: dt.date | None,
                training_result_good: bool | None = None, note: str = "") -> Absence:
    """Ghi thời gian nghỉ (thai sản, đi học dài hạn...). Two absences of the same
    kind may not overlap: the days would be counted twice against the year."""
    _require_change_record(actor, person)
    errors: dict[str, str] = {}
    _check_choice(errors, "kind", kind, AbsenceKind, _("Loại nghỉ"))
    if not start_date:
        errors["start_date"] = _("Hãy nhập ngày bắt đầu nghỉ.")
    if not end_date:
        errors["end_date"] = _("Hãy nhập ngày kết thúc (dự kiến) của thời gian nghỉ.")
    _raise(errors)
    assert start_date is not None and end_date is not None  # refused above when missing
    validate_period(start_date, end_date)
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        other = (Absence.objects.filter(person=person, kind=kind, start_date__lte=end_date, end_date__gte=start_date)
                 .order_by("start_date").first())
        if other is not None:
            raise DomainValidationError({"start_date": _(
                "%(person)s đã có thời gian %(kind)s từ %(start)s đến %(end)s; hai thời gian nghỉ cùng loại "
                "không được chồng nhau.") % {"person": person, "kind": other.get_kind_display().lower(),
                                              "start": _d(other.start_date), "end": _d(other.end_date)}})
        obj = Absence.objects.create(person=person, kind=kind, start_date=start_date, end_date=end_date,
                                     training_result_good=training_result_good, note=_text(note)[:300])
        audit_record(actor=actor, event_type="records.absence_added", target=obj,
                     unit=home_unit(person, start_date), after=snapshot(obj, ABSENCE_FIELDS))
    return obj


# --------------------------------------------------------------------------- initiatives


@dataclass(frozen=True)
class AuthorShare:
    person: Person
    share: Decimal


def _authors(authors) -> list[AuthorShare]:
    """Accept [(person, share)], [{"person": p, "share": s}] or AuthorShare items."""
    out: list[AuthorShare] = []
    for item in authors or []:
        if isinstance(item, AuthorShare):
            person, share = item.person, item.share
        elif isinstance(item, dict):
            person, share = item["person"], item.get("share", HUNDRED)
        else:
            person, share = item
        try:
            value = Decimal(str(share).replace(",", ".").strip().rstrip("%")) if share not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise DomainValidationError({"authors": _("Tỷ lệ đóng góp của %(person)s «%(share)s» không phải là một số.") % {
                "person": person, "share": share}})
        out.append(AuthorShare(person=person, share=value))
    return out


def _initiative_clean(*, title: str, school_year, authors, kind: str, scope: str, decision_number: str,
                      decision_date: dt.date | None) -> tuple[str, str, list[AuthorShare]]:
    """The checks of ``initiative_create``: (title, decision number, authors) cleaned,
    or DomainValidationError."""
    title = _text(title)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Hãy nhập tên sáng kiến, đề tài hoặc giải pháp.")
    elif len(title) > 500:
        errors["title"] = _("Tên dài quá 500 ký tự.")
    if school_year is None:
        errors["school_year"] = _("Hãy chọn năm học được công nhận.")
    _check_choice(errors, "kind", kind, InitiativeKind, _("Loại"))
    _check_choice(errors, "scope", scope, Scope, _("Phạm vi ảnh hưởng"))
    decision_number = _text(decision_number)
    if decision_date and not decision_number:
        errors["decision_number"] = _("Có ngày quyết định thì hãy nhập cả số quyết định công nhận.")
    _raise(errors)
    shares = _authors(authors)
    if not shares:
        raise DomainValidationError({"authors": _("Sáng kiến phải có ít nhất một tác giả.")})
    seen: set[int] = set()
    for a in shares:
        if a.person.pk in seen:
            raise DomainValidationError({"authors": _("%(person)s được ghi hai lần trong danh sách tác giả.") % {
                "person": a.person}})
        seen.add(a.person.pk)
        if a.share <= 0:
            raise DomainValidationError({"authors": _(
                "Tỷ lệ đóng góp của %(person)s là %(share)s: phải lớn hơn 0%%.") % {
                "person": a.person, "share": percent(a.share)}})
        exponent = a.share.as_tuple().exponent  # an int: the share is finite (_authors)
        if isinstance(exponent, int) and exponent < -2:
            raise DomainValidationError({"authors": _(
                "Tỷ lệ đóng góp của %(person)s chỉ ghi tối đa 2 chữ số thập phân.") % {"person": a.person}})
    total = sum((a.share for a in shares), Decimal(0))
    if total > HUNDRED:
        detail = ", ".join(f"{a.person} {percent(a.share)}" for a in shares)
        raise DomainValidationError({"authors": _(
            "Tổng tỷ lệ đóng góp của các tác giả là %(total)s (%(detail)s): không được vượt quá 100%%.") % {
            "total": percent(total), "detail": detail}})
    return title, decision_number, shares


def initiative_create(*, actor, title: str, school_year, authors, kind: str = InitiativeKind.SANG_KIEN,
                      unit=None, recognized: bool = True, recognizing_body: str = "", scope: str = Scope.CO_SO,
                      decision_number: str = "", decision_date: dt.date | None = None) -> Initiative:
    """Sáng kiến / đề tài / giải pháp with its authors and their shares (%).

    Each share is above 0; together they may not exceed 100% (the rest may
    belong to people outside the system)."""
    title, decision_number, shares = _initiative_clean(
        title=title, school_year=school_year, authors=authors, kind=kind, scope=scope,
        decision_number=decision_number, decision_date=decision_date)
    with transaction.atomic():
        obj = Initiative.objects.create(
            kind=kind, title=title, school_year=school_year, unit=unit, recognized=recognized,
            recognizing_body=_text(recognizing_body)[:200], scope=scope, decision_number=decision_number[:60],
            decision_date=decision_date)
        InitiativeAuthor.objects.bulk_create(
            [InitiativeAuthor(initiative=obj, person=a.person, share=a.share) for a in shares])
        after = snapshot(obj, INITIATIVE_FIELDS)
        after["authors"] = [{"person_id": a.person.pk, "share": a.share} for a in shares]
        audit_record(actor=actor, event_type="records.initiative_created", target=obj,
                     unit=unit or home_unit(shares[0].person, school_year.end_date), after=after)
    return obj


def initiatives_create_bulk(*, actor, items: list[dict]) -> list[Initiative]:
    """``initiative_create`` for many initiatives at once (an Excel import).

    Each item is a dict of ``initiative_create``'s keyword arguments, and optionally
    ``n`` (the row number messages name). The same checks, the same
    ``records.initiative_created`` audit row per initiative, in a fixed number of
    queries. All or nothing: a refused item refuses them all, each error naming its row."""
    from tdkt.audit.services import AuditEntry, audit_record_many

    errors: list[str] = []
    clean = []
    for i, item in enumerate(items, start=1):
        kind, scope = item.get("kind", InitiativeKind.SANG_KIEN), item.get("scope", Scope.CO_SO)
        try:
            title, number, shares = _initiative_clean(
                title=item.get("title", ""), school_year=item.get("school_year"), authors=item.get("authors"),
                kind=kind, scope=scope, decision_number=item.get("decision_number", ""),
                decision_date=item.get("decision_date"))
        except DomainValidationError as exc:
            errors += [f"Dòng {item.get('n', i)}: {m}" for msgs in exc.message_dict.values() for m in msgs]
            continue
        clean.append((item, title, number, shares))
    if errors:
        raise DomainValidationError({"authors": errors})
    if not clean:
        return []
    with transaction.atomic():
        objs = Initiative.objects.bulk_create([
            Initiative(kind=item.get("kind", InitiativeKind.SANG_KIEN), title=title, school_year=item["school_year"],
                       unit=item.get("unit"), recognized=item.get("recognized", True),
                       recognizing_body=_text(item.get("recognizing_body"))[:200],
                       scope=item.get("scope", Scope.CO_SO), decision_number=number[:60],
                       decision_date=item.get("decision_date"))
            for item, title, number, shares in clean], batch_size=500)
        if any(o.pk is None for o in objs):  # a backend that cannot return keys from a bulk insert
            raise RuntimeError("initiatives_create_bulk needs a database that returns keys from bulk inserts")
        InitiativeAuthor.objects.bulk_create(
            [InitiativeAuthor(initiative=obj, person=a.person, share=a.share)
             for obj, (*_rest, shares) in zip(objs, clean, strict=True) for a in shares], batch_size=500)
        homes = _home_units({(shares[0].person.pk, item["school_year"].end_date)
                             for item, _t, _n, shares in clean if item.get("unit") is None})
        entries = []
        for obj, (item, _t, _n, shares) in zip(objs, clean, strict=True):
            after = snapshot(obj, INITIATIVE_FIELDS)
            after["authors"] = [{"person_id": a.person.pk, "share": a.share} for a in shares]
            unit = item.get("unit") or homes.get((shares[0].person.pk, item["school_year"].end_date))
            entries.append(AuditEntry(event_type="records.initiative_created", target=obj, unit=unit, after=after))
        audit_record_many(actor=actor, entries=entries)
    return objs


# --------------------------------------------------------------------------- awards


def _subject_errors(award_type, person, unit) -> dict[str, str]:
    if person is None and unit is None:
        return {"person": _("Hãy chọn cá nhân hoặc tập thể được khen.")}
    if award_type is None:
        return {"award_type": _("Hãy chọn danh hiệu hoặc hình thức khen thưởng.")}
    if person is not None and award_type.subject == SubjectKind.COLLECTIVE:
        return {"award_type": _("«%(award)s» là danh hiệu, hình thức dành cho tập thể, không dành cho cá nhân.") % {
            "award": award_type}}
    if person is None and award_type.subject == SubjectKind.INDIVIDUAL:
        return {"award_type": _("«%(award)s» là danh hiệu, hình thức dành cho cá nhân, không dành cho tập thể.") % {
            "award": award_type}}
    return {}


def award_duplicate(*, award_type, school_year, person=None, unit=None, decision_number: str = "",
                    exclude_pk=None) -> AwardRecord | None:
    """The live record this one would duplicate, if any.

    A title (danh hiệu) is given once per subject per school year. A form
    (Giấy khen, Bằng khen...) may be given several times, even in one year, for
    different achievements (seed 003, principle 4), so only the same decision
    twice is a duplicate."""
    qs = AwardRecord.objects.filter(award_type=award_type, revoked_on__isnull=True).exclude(pk=exclude_pk)
    qs = qs.filter(person=person) if person is not None else qs.filter(person__isnull=True, unit=unit)
    if award_type.kind == AwardKind.TITLE:
        return qs.filter(school_year=school_year).select_related("school_year").order_by("id").first()
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    key = decision_key(decision_number)
    return next((r for r in qs.select_related("school_year").order_by("id") if decision_key(r.decision_number) == key),
                None)


def _award_duplicate_message(dup: AwardRecord, subject) -> str:
    when = _(" năm học %(year)s") % {"year": dup.school_year} if dup.school_year_id else ""
    if not dup.decision_number:
        decision = ""
    elif dup.decision_date:
        decision = _(" (Quyết định số %(number)s ngày %(date)s)") % {
            "number": dup.decision_number, "date": _d(dup.decision_date)}
    else:
        decision = _(" (Quyết định số %(number)s)") % {"number": dup.decision_number}
    return _("%(subject)s đã có «%(award)s»%(when)s%(decision)s. Không ghi trùng.") % {
        "subject": subject, "award": dup.award_type, "when": when, "decision": decision}


def award_record_add(*, actor, award_type, person: Person | None = None, unit=None, school_year=None,
                     decision_number: str, decision_date: dt.date | None, issuer: str = "", thematic: bool = False,
                     achievement: str = "", source: str = "manual") -> AwardRecord:
    """Ghi danh hiệu / hình thức khen thưởng đã nhận (a decision already taken).

    For a person, ``unit`` is where they worked when awarded; for a collective
    it is the subject itself."""
    _require_change_record(actor, person, unit)
    decision_number = _text(decision_number)
    errors = _subject_errors(award_type, person, unit)
    if not decision_number:
        errors["decision_number"] = _("Hãy nhập số quyết định khen thưởng, ví dụ 125/QĐ-GDĐT.")
    elif len(decision_number) > 60:
        errors["decision_number"] = _("Số quyết định dài quá 60 ký tự.")
    if not decision_date:
        errors["decision_date"] = _("Hãy nhập ngày ký quyết định khen thưởng.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định (%(date)s) không được sau ngày hôm nay.") % {
            "date": _d(decision_date)}
    if award_type is not None and award_type.kind == AwardKind.TITLE and school_year is None:
        errors["school_year"] = _("Danh hiệu thi đua được xét theo năm học: hãy chọn năm học.")
    _raise(errors)
    assert decision_date is not None  # refused above when missing
    if school_year is not None and decision_date < school_year.start_date:
        raise DomainValidationError({"decision_date": _(
            "Ngày quyết định (%(date)s) trước khi năm học %(year)s bắt đầu (%(start)s).") % {
            "date": _d(decision_date), "year": school_year, "start": _d(school_year.start_date)}})
    with transaction.atomic():
        if person is not None:
            Person.objects.select_for_update().filter(pk=person.pk).first()
        dup = award_duplicate(award_type=award_type, school_year=school_year, person=person, unit=unit,
                              decision_number=decision_number)
        if dup is not None:
            raise DomainValidationError({"award_type": _award_duplicate_message(dup, person or unit)})
        if person is not None and unit is None:
            unit = home_unit(person, decision_date)
        obj = AwardRecord.objects.create(
            award_type=award_type, person=person, unit=unit, school_year=school_year, decision_number=decision_number,
            decision_date=decision_date, issuer=_text(issuer)[:200], thematic=bool(thematic),
            achievement=_text(achievement)[:500], source=source)
        audit_record(actor=actor, event_type="records.award_added", target=obj, unit=unit,
                     after=snapshot(obj, AWARD_FIELDS))
    return obj


def award_record_revoke(*, actor, record: AwardRecord, revoked_on: dt.date | None, revocation_decision: str,
                        reason: str) -> AwardRecord:
    """Hủy bỏ a recorded award: the row stays (history is never erased), marked
    with the date, the revoking decision and the reason; it no longer counts."""
    revocation_decision = _text(revocation_decision)
    reason = _text(reason)
    errors: dict[str, str] = {}
    if not revoked_on:
        errors["revoked_on"] = _("Hãy nhập ngày hủy bỏ.")
    if not revocation_decision:
        errors["revocation_decision"] = _("Hãy nhập số quyết định hủy bỏ.")
    elif len(revocation_decision) > 100:
        errors["revocation_decision"] = _("Số quyết định hủy bỏ dài quá 100 ký tự.")
    if not reason:
        errors["reason"] = _("Hãy nhập lý do hủy bỏ.")
    _raise(errors)
    assert revoked_on is not None  # refused above when missing
    with transaction.atomic():
        record = AwardRecord.objects.select_for_update().select_related("award_type").get(pk=record.pk)
        if record.revoked_on:
            raise DomainValidationError({"revoked_on": _(
                "Khen thưởng này đã bị hủy bỏ ngày %(date)s (quyết định %(number)s).") % {
                "date": _d(record.revoked_on), "number": record.revocation_decision}})
        if record.decision_date and revoked_on < record.decision_date:
            raise DomainValidationError({"revoked_on": _(
                "Ngày hủy bỏ (%(date)s) không được trước ngày quyết định khen thưởng (%(decided)s).") % {
                "date": _d(revoked_on), "decided": _d(record.decision_date)}})
        before = snapshot(record, AWARD_FIELDS)
        record.revoked_on = revoked_on
        record.revocation_decision = revocation_decision
        record.revocation_reason = reason[:500]
        record.save(update_fields=["revoked_on", "revocation_decision", "revocation_reason"])
        audit_record(actor=actor, event_type="records.award_revoked", target=record, unit=record.unit,
                     before=before, after=snapshot(record, AWARD_FIELDS), reason=reason)
    return record


# --------------------------------------------------------------------------- registrations


def registration_add(*, actor, award_type, school_year, person: Person | None = None, unit=None,
                     registered_on: dt.date | None = None, targets: str = "") -> Registration:
    """Đăng ký thi đua: once per subject, award type and school year (seed 003,
    principle 2: no registration, no title)."""
    errors = _subject_errors(award_type, person, unit)
    if school_year is None:
        errors["school_year"] = _("Hãy chọn năm học đăng ký.")
    _raise(errors)
    registered_on = registered_on or timezone.localdate()
    with transaction.atomic():
        if person is not None:
            Person.objects.select_for_update().filter(pk=person.pk).first()
        dup = Registration.objects.filter(award_type=award_type, school_year=school_year)
        dup = dup.filter(person=person) if person is not None else dup.filter(person__isnull=True, unit=unit)
        existing = dup.first()
        if existing is not None:
            raise DomainValidationError({"award_type": _(
                "%(who)s đã đăng ký «%(award)s» năm học %(year)s (ngày %(date)s).") % {
                "who": person or unit, "award": award_type, "year": school_year,
                "date": _d(existing.registered_on)}})
        try:
            with transaction.atomic():
                obj = Registration.objects.create(
                    award_type=award_type, school_year=school_year, person=person,
                    unit=None if person is not None else unit, registered_on=registered_on,
                    targets=(targets or "").strip())
        except IntegrityError as exc:
            raise DomainValidationError({"award_type": _("%(who)s đã đăng ký «%(award)s» năm học %(year)s.") % {
                "who": person or unit, "award": award_type, "year": school_year}}) from exc
        audit_record(actor=actor, event_type="records.registration_added", target=obj,
                     unit=unit if person is None else home_unit(person, registered_on),
                     after=snapshot(obj, REGISTRATION_FIELDS))
    return obj


# --------------------------------------------------------------------------- awards in bulk (issue 7)


def _home_units(pairs) -> dict:
    """``home_unit`` for many (person id, day) pairs in one query: the post held that day, else the latest."""
    posts: dict = {}
    for e in (Employment.objects.filter(person_id__in={pk for pk, _day in pairs}).select_related("unit")
              .order_by("person_id", "-start_date", "-id")):
        posts.setdefault(e.person_id, []).append(e)
    out: dict = {}
    for pk, day in pairs:
        held = posts.get(pk, [])
        current = next((e for e in held if e.start_date <= day and (e.end_date is None or e.end_date >= day)), None)
        post = current or (held[0] if held else None)
        out[(pk, day)] = post.unit if post else None
    return out


def _audit_rows(actor, event_type: str, objs, units) -> None:
    """The rows ``audit_record`` would write, one per award record, inserted together."""
    from tdkt.audit.services import AuditEntry, audit_record_many

    audit_record_many(actor=actor, entries=[
        AuditEntry(event_type=event_type, target=obj, unit=unit, after=snapshot(obj, AWARD_FIELDS))
        for obj, unit in zip(objs, units, strict=True)])


def award_records_add_bulk(*, actor, rows: list[dict], source: str = "manual") -> list[AwardRecord]:
    """``award_record_add`` for many awards at once (a decision may list 2,000 names).

    Each row is a dict of ``award_record_add``'s keyword arguments (award_type,
    person, unit, school_year, decision_number, decision_date, issuer, thematic,
    achievement; optionally ``n``, the row number messages name). The same checks
    run — subject, decision, school year, no duplicate of a live record nor of
    another row — but set-wise, in a fixed number of queries; the same
    ``records.award_added`` audit row is written per record. All or nothing: any
    refused row refuses the batch, each error naming its row, and nothing is
    written."""
    errors: list[str] = []
    clean: list[dict] = []
    today = timezone.localdate()
    for i, row in enumerate(rows, start=1):
        n = row.get("n", i)  # the caller's row number (an Excel row) when it gives one
        award_type, person, unit = row.get("award_type"), row.get("person"), row.get("unit")
        school_year, decision_date = row.get("school_year"), row.get("decision_date")
        number = _text(row.get("decision_number"))
        who = person or unit or _("Dòng %(n)s") % {"n": n}
        problems = list(_subject_errors(award_type, person, unit).values())
        if not number:
            problems.append(_("hãy nhập số quyết định khen thưởng."))
        elif len(number) > 60:
            problems.append(_("số quyết định dài quá 60 ký tự."))
        if not decision_date:
            problems.append(_("hãy nhập ngày ký quyết định khen thưởng."))
        elif decision_date > today:
            problems.append(_("ngày quyết định (%(date)s) không được sau ngày hôm nay.") % {"date": _d(decision_date)})
        elif school_year is not None and decision_date < school_year.start_date:
            problems.append(_("ngày quyết định (%(date)s) trước khi năm học %(year)s bắt đầu (%(start)s).") % {
                "date": _d(decision_date), "year": school_year, "start": _d(school_year.start_date)})
        if award_type is not None and award_type.kind == AwardKind.TITLE and school_year is None:
            problems.append(_("danh hiệu thi đua được xét theo năm học: hãy chọn năm học."))
        if problems:
            errors.extend(_("Dòng %(n)s (%(who)s): %(problem)s") % {"n": n, "who": who, "problem": p}
                          for p in problems)
        clean.append({**row, "decision_number": number, "n": n})
    if errors:
        raise DomainValidationError({"__all__": errors})
    if not clean:
        return []

    def key(r):
        return (r["award_type"].pk, "p", r["person"].pk) if r.get("person") is not None else (
            r["award_type"].pk, "u", r["unit"].pk)

    person_ids = {r["person"].pk for r in clean if r.get("person") is not None}
    unit_ids = {r["unit"].pk for r in clean if r.get("person") is None}
    type_ids = {r["award_type"].pk for r in clean}
    with transaction.atomic():
        if person_ids:  # the same row lock award_record_add takes, for all people at once
            list(Person.objects.select_for_update().filter(pk__in=person_ids).values_list("pk", flat=True))
        live = (AwardRecord.objects.filter(Q(person_id__in=person_ids) | Q(person__isnull=True, unit_id__in=unit_ids),
                                           award_type_id__in=type_ids, revoked_on__isnull=True)
                .select_related("award_type", "school_year"))
        existing: dict[tuple, list] = {}
        for rec in live:
            k = (rec.award_type_id, "p", rec.person_id) if rec.person_id else (rec.award_type_id, "u", rec.unit_id)
            existing.setdefault(k, []).append(rec)
        taken: dict[tuple, list] = {}
        for r in clean:
            k = key(r)
            title = r["award_type"].kind == AwardKind.TITLE
            sy = r.get("school_year")
            dkey = decision_key(r["decision_number"])

            def same(other_sy, other_number, _title=title, _sy=sy, _dkey=dkey):
                if _title:
                    return other_sy == (_sy.pk if _sy else None)
                if _sy is not None and other_sy != _sy.pk:
                    return False
                return decision_key(other_number) == _dkey

            dup = next((rec for rec in existing.get(k, []) if same(rec.school_year_id, rec.decision_number)), None)
            subject = r.get("person") or r.get("unit")
            if dup is not None:
                errors.append(_("Dòng %(n)s: %(message)s") % {"n": r["n"],
                                                               "message": _award_duplicate_message(dup, subject)})
                continue
            twin = next((m for m, other_sy, other_number in taken.get(k, []) if same(other_sy, other_number)), None)
            if twin is not None:
                errors.append(_("Dòng %(n)s: %(subject)s – «%(award)s» trùng với dòng %(twin)s. Không ghi trùng.") % {
                    "n": r["n"], "subject": subject, "award": r["award_type"], "twin": twin})
                continue
            taken.setdefault(k, []).append((r["n"], sy.pk if sy else None, r["decision_number"]))
        if errors:
            raise DomainValidationError({"award_type": errors})
        homeless = {(r["person"].pk, r["decision_date"]) for r in clean
                    if r.get("person") is not None and r.get("unit") is None}
        homes = _home_units(homeless) if homeless else {}
        objs = []
        for r in clean:
            person = r.get("person")
            unit = r.get("unit")
            if person is not None and unit is None:
                unit = homes.get((person.pk, r["decision_date"]))
            objs.append(AwardRecord(
                award_type=r["award_type"], person=person, unit=unit, school_year=r.get("school_year"),
                decision_number=r["decision_number"], decision_date=r["decision_date"],
                issuer=_text(r.get("issuer"))[:200], thematic=bool(r.get("thematic")),
                achievement=_text(r.get("achievement"))[:500], source=source))
        objs = AwardRecord.objects.bulk_create(objs, batch_size=500)
        if any(o.pk is None for o in objs):  # a backend that cannot return keys from a bulk insert
            raise RuntimeError("award_records_add_bulk needs a database that returns keys from bulk inserts")
        _audit_rows(actor, "records.award_added", objs, [o.unit for o in objs])
    return objs


# --------------------------------------------------------------------------- ratings in bulk (issue 4, Excel import)


def person_ratings_add_bulk(*, actor, rows: list[dict]) -> list[PersonRating]:
    """``person_rating_set(create=True)`` for many people at once (an Excel import of a
    district's ratings).

    Each row is a dict of person, school_year, rating, unit (the rating unit, also
    the audit row's; home unit at the year's end when absent), note, and optionally
    ``n`` (the row number messages name). The same checks run set-wise in a fixed
    number of queries per 500 people — rating in the list, school year given, no
    rating already on file for that person and year, none twice in ``rows`` — and
    the same ``records.rating_set`` audit row is written per rating. All or
    nothing: a refused row refuses the batch, each error naming its row."""
    from tdkt.audit.services import AuditEntry, audit_record_many

    errors: list[str] = []
    for i, row in enumerate(rows, start=1):
        problems: dict[str, str] = {}
        if row.get("school_year") is None:
            problems["school_year"] = "Hãy chọn năm học."
        _check_choice(problems, "rating", row.get("rating"), TaskRating, "Mức xếp loại")
        errors.extend(f"Dòng {row.get('n', i)}: {m}" for m in problems.values())
    if errors:
        raise DomainValidationError({"rating": errors})
    if not rows:
        return []
    person_ids = sorted({r["person"].pk for r in rows})
    year_ids = {r["school_year"].pk for r in rows}
    with transaction.atomic():
        on_file: dict[tuple, PersonRating] = {}
        for i in range(0, len(person_ids), 500):
            chunk = person_ids[i:i + 500]
            # the same row lock person_rating_set takes, for all people at once
            list(Person.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
            for pr in PersonRating.objects.filter(person_id__in=chunk, school_year_id__in=year_ids):
                on_file[(pr.person_id, pr.school_year_id)] = pr
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows, start=1):
            key, n = (row["person"].pk, row["school_year"].pk), row.get("n", i)
            if key in on_file:
                errors.append(f"Dòng {n}: Năm học {row['school_year']} đã có xếp loại cho {row['person']} "
                              f"(«{on_file[key].get_rating_display()}»). Hãy sửa xếp loại đó thay vì thêm mới.")
            elif key in seen:
                errors.append(f"Dòng {n}: {row['person']} đã được xếp loại năm học {row['school_year']} ở dòng "
                              f"{seen[key]}.")
            else:
                seen[key] = n
        if errors:
            raise DomainValidationError({"school_year": errors})
        objs = PersonRating.objects.bulk_create(
            [PersonRating(person=r["person"], school_year=r["school_year"], rating=r["rating"], unit=r.get("unit"),
                          note=_text(r.get("note"))[:300]) for r in rows], batch_size=500)
        if any(o.pk is None for o in objs):  # a backend that cannot return keys from a bulk insert
            raise RuntimeError("person_ratings_add_bulk needs a database that returns keys from bulk inserts")
        audit_record_many(actor=actor, entries=[
            AuditEntry(event_type="records.rating_set", target=obj, after=snapshot(obj, RATING_FIELDS),
                       unit=r.get("unit") or home_unit(r["person"], r["school_year"].end_date))
            for obj, r in zip(objs, rows, strict=True)])
    return objs


# --------------------------------------------------------------------------- pending discipline cases

DISCIPLINE_CASE_FIELDS = ["person_id", "unit_id", "opened_on", "reference", "issuer", "reason", "closed_on", "outcome",
                          "discipline_id", "closing_note"]


def _require_change_record(actor, person: Person | None = None, unit=None) -> None:
    """CHANGE_RECORDS over one of the person's units, or over the unit (a collective's record); the
    system (``tdkt.core.actors``) and superusers pass. The services ask it, so pages and API agree."""
    from tdkt.accounts.access import require, require_person
    from tdkt.accounts.permissions import Perm

    if person is not None:
        require_person(actor, Perm.CHANGE_RECORDS, person)
    elif unit is not None:
        require(actor, Perm.CHANGE_RECORDS, unit)


def discipline_case_open(*, actor, person: Person | None = None, unit: Unit | None = None,
                         opened_on: dt.date | None, reference: str = "", issuer: str = "", reason: str = ""):
    """Ghi một vụ việc đang xem xét xử lý kỷ luật của một cá nhân (``person``) hoặc một tập thể (``unit``).
    While it is open no award is given to that subject (NĐ 152/2025/NĐ-CP, Điều 4 khoản 4: «cá nhân, tập
    thể»); one subject has at most one open case at a time."""
    from .models import DisciplineCase

    if (person is None) == (unit is None):
        raise DomainValidationError({"unit": _("Chọn một cá nhân hoặc một tập thể đang bị xem xét xử lý kỷ luật.")})
    _require_change_record(actor, person, unit)
    errors: dict[str, str] = {}
    if not opened_on:
        errors["opened_on"] = _("Hãy nhập ngày bắt đầu xem xét xử lý kỷ luật.")
    elif opened_on > timezone.localdate():
        errors["opened_on"] = _("Ngày bắt đầu xem xét (%(date)s) không được sau ngày hôm nay.") % {
            "date": _d(opened_on)}
    reference = _text(reference)
    if len(reference) > 100:
        errors["reference"] = _("Số, ngày văn bản dài quá 100 ký tự.")
    _raise(errors)
    assert opened_on is not None  # refused above when missing
    subject_q: dict[str, Person | Unit | None] = {"person": person} if person is not None else {"unit": unit}
    with transaction.atomic():
        if person is not None:
            Person.objects.select_for_update().filter(pk=person.pk).first()
        elif unit is not None:
            Unit.objects.select_for_update().filter(pk=unit.pk).first()
        other = DisciplineCase.objects.filter(**subject_q, closed_on__isnull=True).first()
        if other is not None:
            raise DomainValidationError({"opened_on": _(
                "%(person)s đang có vụ việc xem xét xử lý kỷ luật từ ngày %(date)s chưa kết thúc. Hãy ghi kết thúc "
                "vụ việc đó trước.") % {"person": person or unit, "date": _d(other.opened_on)}})
        obj = DisciplineCase.objects.create(**subject_q, opened_on=opened_on, reference=reference,
                                            issuer=_text(issuer)[:200], reason=_text(reason)[:500])
        audit_record(actor=actor, event_type="records.discipline_case_opened", target=obj,
                     unit=_case_unit(obj, opened_on), after=snapshot(obj, DISCIPLINE_CASE_FIELDS))
    return obj


def _case_unit(case, day: dt.date | None):
    """The unit whose log shows a case: the collective itself, or the person's unit on ``day``."""
    return case.unit if case.unit_id else home_unit(case.person, day)


def discipline_case_close(*, actor, case, closed_on: dt.date | None, outcome: str, discipline: Discipline | None = None,
                          closing_note: str = ""):
    """Ghi kết thúc xem xét: ``outcome`` «ky_luat» (for a person, with the ``Discipline`` decided, already
    recorded for the same person; for a collective, the decision is named in ``closing_note``) or
    «khong_ky_luat». A closed case is not reopened: open a new one."""
    from .models import DisciplineCase

    _require_change_record(actor, case.person, case.unit)
    errors: dict[str, str] = {}
    _check_choice(errors, "outcome", outcome, DisciplineCase.Outcome, _("Kết quả xem xét"))
    if not closed_on:
        errors["closed_on"] = _("Hãy nhập ngày kết thúc xem xét xử lý kỷ luật.")
    elif closed_on > timezone.localdate():
        errors["closed_on"] = _("Ngày kết thúc (%(date)s) không được sau ngày hôm nay.") % {"date": _d(closed_on)}
    elif closed_on < case.opened_on:
        errors["closed_on"] = _("Ngày kết thúc (%(end)s) không được trước ngày bắt đầu xem xét (%(start)s).") % {
            "end": _d(closed_on), "start": _d(case.opened_on)}
    if case.unit_id is not None:
        if discipline is not None:
            errors["discipline"] = _("Vụ việc của tập thể không gắn quyết định kỷ luật cá nhân; ghi số quyết định "
                                     "vào ô ghi chú.")
        elif outcome == DisciplineCase.Outcome.DISCIPLINED and not _text(closing_note):
            errors["closing_note"] = _("Hãy ghi số, ngày quyết định xử lý kỷ luật tập thể vào ô ghi chú.")
    elif outcome == DisciplineCase.Outcome.DISCIPLINED:
        if discipline is None:
            errors["discipline"] = _("Hãy chọn quyết định kỷ luật đã ghi trong hồ sơ (ghi kỷ luật trước).")
        elif discipline.person_id != case.person_id:
            errors["discipline"] = _("Quyết định kỷ luật này không thuộc hồ sơ của %(person)s.") % {
                "person": case.person}
    elif discipline is not None and outcome == DisciplineCase.Outcome.NOT_DISCIPLINED:
        errors["discipline"] = _("Vụ việc không xử lý kỷ luật thì không gắn quyết định kỷ luật.")
    _raise(errors)
    with transaction.atomic():
        locked = DisciplineCase.objects.select_for_update().get(pk=case.pk)
        if locked.closed_on is not None:
            raise DomainValidationError({"closed_on": _(
                "Vụ việc này đã kết thúc ngày %(date)s.") % {"date": _d(locked.closed_on)}})
        before = snapshot(locked, DISCIPLINE_CASE_FIELDS)
        locked.closed_on, locked.outcome, locked.discipline = closed_on, outcome, discipline
        locked.closing_note = _text(closing_note)[:300]
        locked.save()
        audit_record(actor=actor, event_type="records.discipline_case_closed", target=locked,
                     unit=_case_unit(locked, closed_on), before=before,
                     after=snapshot(locked, DISCIPLINE_CASE_FIELDS))
    return locked
