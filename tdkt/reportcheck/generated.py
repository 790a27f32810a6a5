"""The system's own achievement report of a person or a unit, built from the records
with the documents builders: a draft to start from, and a report the checker must
find clean."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tdkt.core.i18n import in_vietnamese
from tdkt.core.vi import format_date_short, school_year_label
from tdkt.documents.context import issuer_context, place_of
from tdkt.documents.render import render_document
from tdkt.eligibility.choices import AwardKind
from tdkt.people.selectors import employment_history
from tdkt.records.choices import TaskRating
from tdkt.records.models import AwardRecord, Initiative, PersonRating

from .checker import decision_citation as _decision  # the checker reads back what this writes

INDIVIDUAL_CODE = "bao-cao-thanh-tich-ca-nhan"
COLLECTIVE_CODE = "bao-cao-thanh-tich-tap-the"


def _year(rec: AwardRecord) -> str:
    if rec.school_year is not None:
        return school_year_label(rec.school_year.start_year)
    return str(rec.decision_date.year) if rec.decision_date else ""


def _award_rows(records) -> tuple[list[dict], list[dict]]:
    titles, forms = [], []
    for rec in records:
        if rec.revoked_on is not None:
            continue
        if rec.award_type.kind == AwardKind.TITLE:
            titles.append({"nam": _year(rec), "danh_hieu": rec.award_type.name, "quyet_dinh": _decision(rec)})
        else:
            forms.append({"nam": _year(rec), "hinh_thuc": rec.award_type.name, "quyet_dinh": _decision(rec)})
    return titles, forms


def _initiative_line(i: Initiative) -> str:
    line = (f"Sáng kiến «{i.title}» được công nhận {i.get_scope_display().lower()} năm học "
            f"{school_year_label(i.school_year.start_year)}")
    if i.decision_number:
        line += f" (Quyết định số {i.decision_number}"
        line += f" ngày {format_date_short(i.decision_date)})" if i.decision_date else ")"
    return line + "."


def person_context(person, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    post = employment_history(person=person).first()
    unit = post.unit if post else None
    records = (AwardRecord.objects.filter(person=person).select_related("award_type", "school_year")
               .order_by("school_year__start_year", "decision_date", "id"))
    titles, forms = _award_rows(records)
    ratings = PersonRating.objects.filter(person=person).select_related("school_year").order_by("school_year__start_year")
    done = [f"Năm học {school_year_label(r.school_year.start_year)}: {r.get_rating_display().lower()}."
            for r in ratings if r.rating != TaskRating.NOT_DONE]
    initiatives = (Initiative.objects.filter(author_links__person=person, recognized=True)
                   .select_related("school_year").order_by("school_year__start_year", "id"))
    return {
        "dia_danh": place_of(unit) if unit else "",
        "ngay": today,
        "ho_ten": person.full_name,
        "ngay_sinh": person.birth_date,
        "gioi_tinh": person.get_gender_display() if person.gender else "",
        "don_vi_cong_tac": unit.name if unit else "",
        "chuc_vu": post.get_position_display() if post else "",
        "nhiem_vu": [post.title_note] if post and post.title_note else [],
        "thanh_tich": done + [_initiative_line(i) for i in initiatives],
        "danh_hieu": titles,
        "khen_thuong": forms,
    }


def unit_context(unit, school_year, *, today: dt.date | None = None) -> dict:
    from tdkt.eligibility.catalogue import CSTDCS, LDTT
    from tdkt.records.selectors import unit_people

    today = today or timezone.localdate()
    records = (AwardRecord.objects.filter(unit=unit, person__isnull=True).select_related("award_type", "school_year")
               .order_by("school_year__start_year", "decision_date", "id"))
    titles, forms = _award_rows(records)
    facts = []
    if school_year is not None:
        people = list(unit_people(unit, school_year).values_list("pk", flat=True))
        label = school_year_label(school_year.start_year)
        line = f"Năm học {label}, đơn vị có {len(people)} cán bộ, giáo viên, nhân viên"
        counted = []
        for code in (LDTT, CSTDCS):
            got = (AwardRecord.objects.filter(award_type__code=code, school_year=school_year, person_id__in=people,
                                              revoked_on__isnull=True).select_related("award_type"))
            n = got.values("person_id").distinct().count()
            if n:
                first = got.first()
                assert first is not None  # n of them, counted above
                name = first.award_type.name
                counted.append(f"{n} người đạt danh hiệu {name}")
        facts.append(line + ("; " + "; ".join(counted) if counted else "") + ".")
    return {
        **issuer_context(unit),
        "ngay": today,
        "ten_tap_the": unit.name,
        "dac_diem": facts,
        "danh_hieu": titles,
        "khen_thuong": forms,
    }


@in_vietnamese
def render_report(*, person=None, unit=None, school_year=None) -> tuple[bytes, str]:
    """(DOCX bytes, file name) of the report for ``person`` or ``unit``, through ``render_document``: the
    template the unit (the person's unit of work) or a unit above it uploaded for the report, else the
    built-in layout."""
    if person is not None:
        code, ctx = INDIVIDUAL_CODE, person_context(person)
        post = employment_history(person=person).first()
        home = post.unit if post else None
    else:
        if school_year is None:  # the figures of the school year under way (else the last one)
            from tdkt.org.selectors import current_school_year

            school_year = current_school_year()
        code, ctx, home = COLLECTIVE_CODE, unit_context(unit, school_year), unit
    rendered = render_document(code=code, context=ctx, fmt="docx", unit=home)
    return rendered.content, rendered.filename
