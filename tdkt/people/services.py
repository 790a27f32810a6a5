"""Writes for people and their employment. One transaction and one audit row each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import AuditEntry, audit_record, audit_record_many, snapshot
from tdkt.core.exceptions import DomainValidationError, validate_period
from tdkt.core.vi import format_date_short

from .calculations import periods_overlap
from .choices import Gender, Position
from .models import Employment, Person

PERSON_FIELDS = ["family_name", "middle_name", "given_name", "birth_date", "gender", "national_id", "email", "phone"]
EMPLOYMENT_FIELDS = ["person_id", "unit_id", "position", "title_note", "start_date", "end_date"]


def _clean_person_values(values: dict, *, exclude_pk=None, check_unique: bool = True) -> dict:
    cleaned: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    errors: dict[str, str] = {}
    if "family_name" in cleaned and not cleaned["family_name"]:
        errors["family_name"] = _("Họ không được để trống.")
    if "given_name" in cleaned and not cleaned["given_name"]:
        errors["given_name"] = _("Tên không được để trống.")
    if cleaned.get("gender") and cleaned["gender"] not in Gender.values:
        errors["gender"] = _("Giới tính phải là «nam» hoặc «nu».")
    birth = cleaned.get("birth_date")
    if birth and birth > dt.date.today():
        errors["birth_date"] = _("Ngày sinh không được sau ngày hôm nay.")
    national_id = cleaned.get("national_id") or None
    if "national_id" in cleaned:
        cleaned["national_id"] = national_id
    if national_id:
        if not national_id.isdigit() or len(national_id) not in (9, 12):
            errors["national_id"] = _("Số định danh / CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).")
        elif check_unique:
            other = Person.objects.filter(national_id=national_id).exclude(pk=exclude_pk).first()
            if other is not None:
                errors["national_id"] = _("Số định danh %(id)s đã có trong hồ sơ của «%(name)s».") % {
                    "id": national_id, "name": other}
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
        raise DomainValidationError({sorted(unknown)[0]: _("Trường này không sửa được ở đây.")})
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
        raise DomainValidationError({"start_date": _("Hãy nhập ngày bắt đầu công tác.")})
    if position not in Position.values:
        raise DomainValidationError({"position": _("Chức vụ «%(position)s» không có trong danh mục.") % {"position": position}})
    validate_period(start_date, end_date)
    with transaction.atomic():
        # Lock the person so two concurrent entries cannot both pass the overlap check.
        person = Person.objects.select_for_update().get(pk=person.pk)
        for other in Employment.objects.filter(person=person, unit=unit, position=position):
            if periods_overlap((start_date, end_date), (other.start_date, other.end_date)):
                raise DomainValidationError({"start_date": _overlap_message(person, unit, other)})
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


def _overlap_message(person, unit, other: Employment) -> str:
    until = format_date_short(other.end_date) if other.end_date else _("nay")
    return _("%(person)s đã giữ chức vụ %(position)s tại %(unit)s từ %(start)s đến %(until)s; "
             "hai giai đoạn không được chồng nhau.") % {
        "person": person, "position": other.get_position_display(), "unit": unit,
        "start": format_date_short(other.start_date), "until": until}


def people_import_bulk(*, actor, rows: list[dict], batch_size: int = 500) -> list[Employment]:
    """``person_create`` + ``employment_add`` for many rows at once (an Excel staff list).

    Each row is a dict with ``person`` (an existing Person, or None to create one from
    family_name, middle_name, given_name, birth_date, gender, national_id, email, phone),
    unit, position, start_date, optional end_date and title_note, and ``n`` (the row number
    messages name). The same checks run set-wise in a fixed number of queries per batch: names
    given, gender and national ID valid and unused (on file or earlier in ``rows``), the post
    in the list, the period valid and not overlapping the same post at the same unit. The same
    ``person.created`` and ``employment.added`` audit rows are written. All or nothing: a
    refused row refuses the whole list, each message naming its row."""
    errors: dict[str, list[str]] = {}

    def refuse(n, field, message):
        errors.setdefault(field, []).append(_("Dòng %(n)s: %(message)s") % {"n": n, "message": message})

    cleaned: list[dict | None] = []
    ids_in_rows: dict[str, int] = {}
    for i, row in enumerate(rows, start=1):
        n = row.get("n", i)
        values = None
        if row.get("person") is None:
            try:
                values = _clean_person_values({k: row.get(k, "") for k in PERSON_FIELDS}, check_unique=False)
            except DomainValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        refuse(n, field, message)
            else:
                nid = values.get("national_id")
                if nid and nid in ids_in_rows:
                    refuse(n, "national_id", _("Số định danh %(id)s trùng với dòng %(row)s.") % {"id": nid, "row": ids_in_rows[nid]})
                elif nid:
                    ids_in_rows[nid] = n
        cleaned.append(values)
        if not row.get("start_date"):
            refuse(n, "start_date", _("Hãy nhập ngày bắt đầu công tác."))
        else:
            try:
                validate_period(row["start_date"], row.get("end_date"))
            except DomainValidationError as exc:
                for messages in exc.message_dict.values():
                    for message in messages:
                        refuse(n, "end_date", message)
        if row.get("position") not in Position.values:
            refuse(n, "position", _("Chức vụ «%(position)s» không có trong danh mục.") % {"position": row.get("position")})
    if not errors and ids_in_rows:
        used = Person.objects.filter(national_id__in=list(ids_in_rows)).values_list("national_id", "family_name",
                                                                                  "middle_name", "given_name")
        for nid, *name in used:
            assert nid is not None  # matched by national_id__in, so not NULL
            full = " ".join(part for part in name if part)
            refuse(ids_in_rows[nid], "national_id", _("Số định danh %(id)s đã có trong hồ sơ của «%(name)s».") % {"id": nid, "name": full})
    if errors:
        raise DomainValidationError(errors)
    if not rows:
        return []
    existing_ids = sorted({row["person"].pk for row in rows if row.get("person") is not None})
    with transaction.atomic():
        on_file: dict[tuple, list[Employment]] = {}
        for i in range(0, len(existing_ids), batch_size):
            chunk = existing_ids[i:i + batch_size]
            # the row lock employment_add takes, for all people at once
            list(Person.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
            for e in Employment.objects.filter(person_id__in=chunk):
                on_file.setdefault((e.person_id, e.unit_id, e.position), []).append(e)
        new_people = [Person(**values) for values in cleaned if values is not None]
        for person in new_people:
            person.refresh_derived()  # what Person.save() does; bulk_create does not call it
        Person.objects.bulk_create(new_people, batch_size=batch_size)
        if any(p.pk is None for p in new_people):  # a backend that cannot return keys from a bulk insert
            raise RuntimeError("people_import_bulk needs a database that returns keys from bulk inserts")
        made = iter(new_people)
        people = [row["person"] if row.get("person") is not None else next(made) for row in rows]
        employments = []
        for i, (row, person) in enumerate(zip(rows, people, strict=True), start=1):
            key = (person.pk, row["unit"].pk, row["position"])
            period = (row["start_date"], row.get("end_date"))
            for other in on_file.get(key, []):
                if periods_overlap(period, (other.start_date, other.end_date)):
                    refuse(row.get("n", i), "start_date", _overlap_message(person, row["unit"], other))
                    break
            employment = Employment(person=person, unit=row["unit"], position=row["position"],
                                    start_date=row["start_date"], end_date=row.get("end_date"),
                                    title_note=row.get("title_note", ""))
            on_file.setdefault(key, []).append(employment)
            employments.append(employment)
        if errors:
            raise DomainValidationError(errors)  # rolls back the people created above
        Employment.objects.bulk_create(employments, batch_size=batch_size)
        units = {id(p): row["unit"] for row, p in zip(rows, people, strict=True)}
        audit_record_many(actor=actor, entries=[
            *(AuditEntry(event_type="person.created", target=p, unit=units[id(p)], after=snapshot(p, PERSON_FIELDS))
              for p in new_people),
            *(AuditEntry(event_type="employment.added", target=e, unit=e.unit,
                         after=snapshot(e, EMPLOYMENT_FIELDS)) for e in employments),
        ], batch_size=batch_size)
    return employments
