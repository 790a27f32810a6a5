"""Writes for people and their employment. One transaction and one audit row each."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError, validate_period
from tdkt.core.vi import format_date_short

from .calculations import periods_overlap
from .choices import Gender, Position
from .models import Employment, Person

PERSON_FIELDS = ["family_name", "middle_name", "given_name", "birth_date", "gender", "national_id", "email", "phone"]
EMPLOYMENT_FIELDS = ["person_id", "unit_id", "position", "title_note", "start_date", "end_date"]


def _clean_person_values(values: dict, *, exclude_pk=None) -> dict:
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    errors: dict[str, str] = {}
    if "family_name" in cleaned and not cleaned["family_name"]:
        errors["family_name"] = "Họ không được để trống."
    if "given_name" in cleaned and not cleaned["given_name"]:
        errors["given_name"] = "Tên không được để trống."
    if cleaned.get("gender") and cleaned["gender"] not in Gender.values:
        errors["gender"] = "Giới tính phải là «nam» hoặc «nu»."
    birth = cleaned.get("birth_date")
    if birth and birth > dt.date.today():
        errors["birth_date"] = "Ngày sinh không được sau ngày hôm nay."
    national_id = cleaned.get("national_id") or None
    if "national_id" in cleaned:
        cleaned["national_id"] = national_id
    if national_id:
        if not national_id.isdigit() or len(national_id) not in (9, 12):
            errors["national_id"] = "Số định danh / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)."
        else:
            other = Person.objects.filter(national_id=national_id).exclude(pk=exclude_pk).first()
            if other is not None:
                errors["national_id"] = f"Số định danh {national_id} đã có trong hồ sơ của «{other}»."
    if errors:
        raise DomainValidationError(errors)
    return cleaned


def person_create(*, actor, family_name: str, given_name: str, middle_name: str = "",
                  birth_date: dt.date | None = None, gender: str = "", national_id: str | None = None,
                  email: str = "", phone: str = "", unit=None) -> Person:
    values = _clean_person_values(dict(
        family_name=family_name, middle_name=middle_name, given_name=given_name, birth_date=birth_date,
        gender=gender, national_id=national_id, email=email, phone=phone,
    ))
    with transaction.atomic():
        person = Person.objects.create(**values)
        audit_record(actor=actor, event_type="person.created", target=person, unit=unit,
                     after=snapshot(person, PERSON_FIELDS))
    return person


def person_update(*, actor, person: Person, reason: str = "", **changes) -> Person:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise DomainValidationError({sorted(unknown)[0]: "Trường này không sửa được ở đây."})
    changes = _clean_person_values(changes, exclude_pk=person.pk)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        before = snapshot(person, PERSON_FIELDS)
        for field, value in changes.items():
            setattr(person, field, value)
        person.save()
        audit_record(actor=actor, event_type="person.updated", target=person, before=before,
                     after=snapshot(person, PERSON_FIELDS), reason=reason)
    return person


def employment_add(*, actor, person: Person, unit, position: str, start_date: dt.date,
                   end_date: dt.date | None = None, title_note: str = "") -> Employment:
    """Ghi quá trình công tác. The same post at the same unit may not overlap in time
    (a double entry would double the months counted for the year)."""
    if not start_date:
        raise DomainValidationError({"start_date": "Hãy nhập ngày bắt đầu công tác."})
    if position not in Position.values:
        raise DomainValidationError({"position": f"Chức vụ «{position}» không có trong danh mục."})
    validate_period(start_date, end_date)
    with transaction.atomic():
        # Lock the person so two concurrent entries cannot both pass the overlap check.
        person = Person.objects.select_for_update().get(pk=person.pk)
        for other in Employment.objects.filter(person=person, unit=unit, position=position):
            if periods_overlap((start_date, end_date), (other.start_date, other.end_date)):
                until = format_date_short(other.end_date) if other.end_date else "nay"
                raise DomainValidationError({
                    "start_date": (
                        f"{person} đã giữ chức vụ {other.get_position_display()} tại {unit} "
                        f"từ {format_date_short(other.start_date)} đến {until}; hai giai đoạn không được chồng nhau."
                    )
                })
        employment = Employment.objects.create(person=person, unit=unit, position=position, start_date=start_date,
                                               end_date=end_date, title_note=title_note)
        audit_record(actor=actor, event_type="employment.added", target=employment, unit=unit,
                     after=snapshot(employment, EMPLOYMENT_FIELDS))
    return employment


def employment_end(*, actor, employment: Employment, end_date: dt.date, reason: str = "") -> Employment:
    validate_period(employment.start_date, end_date)
    with transaction.atomic():
        employment = Employment.objects.select_for_update().get(pk=employment.pk)
        before = snapshot(employment, EMPLOYMENT_FIELDS)
        employment.end_date = end_date
        employment.save(update_fields=["end_date"])
        audit_record(actor=actor, event_type="employment.ended", target=employment, unit=employment.unit,
                     before=before, after=snapshot(employment, EMPLOYMENT_FIELDS), reason=reason)
    return employment
