"""Statistics and look-up API (mounted at /api/stats): the dashboard figures of a
unit-year, the look-up search and the histories, as JSON with Vietnamese labels.
The same selectors as the pages, the same scope checks."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router

from tdkt.accounts.access import can, can_person
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.pagination import paginate
from tdkt.org.models import SchoolYear, Unit
from tdkt.org.selectors import current_school_year
from tdkt.people.models import Person

from . import selectors
from .calculations import percent_label
from .views import REFUSED_PERSON, REFUSED_UNIT

router = Router()


def _rate(value):
    return {"value": float(value) if value is not None else None, "label": percent_label(value)}


def _row(r: selectors.Row) -> dict:
    return {
        "unit_id": r.unit.pk if r.unit else None, "label": r.label,
        "staff": r.staff, "reg_ldtt": r.reg_ldtt, "rate_reg_ldtt": _rate(r.rate_reg_ldtt),
        "reg_cstdcs": r.reg_cstdcs, "rate_reg_cstdcs": _rate(r.rate_reg_cstdcs),
        "reg_collective": r.reg_collective, "proposed": r.proposed, "proposed_decided": r.proposed_decided,
        "rate_decided": _rate(r.rate_decided), "decided": r.decided_total, "money": int(r.money),
        "attained_ldtt": r.attained_ldtt, "rate_attained_ldtt": _rate(r.rate_attained_ldtt),
        "rated_good": r.rated_good, "rate_rated_good": _rate(r.rate_rated_good),
        "late": [{"kind": x.kind, "kind_label": x.kind_label, "what": x.what} for x in r.late],
    }


LABELS = {
    "staff": gettext_lazy("Số cán bộ, giáo viên, nhân viên"),
    "reg_ldtt": gettext_lazy("Đăng ký Lao động tiên tiến"),
    "rate_reg_ldtt": gettext_lazy("Tỷ lệ đăng ký Lao động tiên tiến"),
    "reg_cstdcs": gettext_lazy("Đăng ký Chiến sĩ thi đua cơ sở"),
    "rate_reg_cstdcs": gettext_lazy("Tỷ lệ đăng ký Chiến sĩ thi đua cơ sở"),
    "reg_collective": gettext_lazy("Tập thể đăng ký"),
    "proposed": gettext_lazy("Dòng đề nghị đã gửi"),
    "proposed_decided": gettext_lazy("Dòng đề nghị đã có quyết định khen"),
    "rate_decided": gettext_lazy("Tỷ lệ được khen trên đề nghị"),
    "decided": gettext_lazy("Dòng quyết định khen thưởng"),
    "money": gettext_lazy("Tiền thưởng (đồng)"),
    "attained_ldtt": gettext_lazy("Đạt Lao động tiên tiến"),
    "rate_attained_ldtt": gettext_lazy("Tỷ lệ đạt Lao động tiên tiến"),
    "rated_good": gettext_lazy("Hoàn thành tốt nhiệm vụ trở lên"),
    "rate_rated_good": gettext_lazy("Tỷ lệ hoàn thành tốt nhiệm vụ trở lên"),
    "late": gettext_lazy("Nộp muộn / chưa nộp"),
}


def _labels(labels: dict) -> dict:
    """Labels and definitions in the reader's language, as plain text for JSON."""
    return {key: str(text) for key, text in labels.items()}


@router.get("/overview", url_name="stats_overview", summary="Số liệu thống kê của một đơn vị trong một năm học")
def overview(request, unit: int | None = None, nam: int | None = None):
    if unit is not None:
        target = selectors.unit_get_visible(request.user, unit)
    else:
        top = selectors.default_unit(request.user)
        target = selectors.unit_get_visible(request.user, top.pk) if top else None
    if target is None:
        raise PermissionRefused(_(REFUSED_UNIT))
    if nam is not None:
        year = SchoolYear.objects.filter(start_year=nam).first()
        if year is None:
            raise DomainValidationError({"nam": _("Không có năm học bắt đầu năm %(year)s.") % {"year": nam}})
    else:
        year = current_school_year()
        if year is None:
            raise DomainValidationError({"nam": _("Chưa có năm học nào trong hệ thống.")})
    data = selectors.overview(user=request.user, unit=target, school_year=year)
    return {
        "unit": {"id": target.pk, "name": target.name}, "school_year": year.label, "today": data.today,
        "labels": _labels(LABELS), "definitions": _labels(selectors.DEFINITIONS),
        "total": _row(data.total), "rows": [_row(r) for r in data.rows],
        "titles": [{"award_type": t.award_type.code, "name": t.award_type.name,
                    "subject": t.award_type.get_subject_display(), "registered": t.registered,
                    "proposed": t.proposed, "pending": t.pending, "accepted": t.accepted, "rejected": t.rejected,
                    "proposed_decided": t.proposed_decided, "decided": t.decided, "money": int(t.money),
                    "attained": t.attained} for t in data.titles],
        "late": [{"unit_id": x.unit.pk, "unit": x.unit.name, "what": x.what, "kind": x.kind,
                  "kind_label": x.kind_label, "deadline": x.deadline, "sent_at": x.sent_at} for x in data.late],
    }


@router.get("/lookup", url_name="stats_lookup", summary="Tra cứu cá nhân, đơn vị (không phân biệt dấu)")
def lookup(request, q: str = "", page: int = 1):
    people = paginate(selectors.lookup_people(user=request.user, query=q), page)
    selectors.with_match_reasons(people.object_list)
    return {
        "query": q, "count": people.paginator.count, "page": people.number, "pages": people.paginator.num_pages,
        "people": [{"id": p.pk, "full_name": p.full_name, "birth_date": p.birth_date, "match_rank": p.match_rank,
                    "match_reason": str(p.match_reason)} for p in people.object_list],
        "units": [{"id": u.pk, "name": u.name, "label": u.display_label, "code": u.code, "type": u.unit_type.name,
                   "match_rank": u.match_rank, "match_reason": str(u.match_reason)}
                  for u in selectors.lookup_units(user=request.user, query=q)],
    }


def _award(a) -> dict:
    return {"id": a.pk, "award_type": a.award_type.code, "name": a.award_type.name,
            "unit": a.unit.name if a.unit_id else "", "decision_number": a.decision_number,
            "decision_date": a.decision_date, "issuer": a.issuer, "counted": a.revoked_on is None,
            "revoked_on": a.revoked_on, "revocation_decision": a.revocation_decision,
            "revocation_reason": a.revocation_reason}


@router.get("/people/{person_id}/history", url_name="stats_person_history",
            summary="Quá trình thi đua, khen thưởng của một cá nhân qua các năm học và đơn vị")
def person_history(request, person_id: int):
    person = get_object_or_404(Person, pk=person_id)
    if not can_person(request.user, Perm.VIEW_RECORDS, person):
        raise PermissionRefused(_(REFUSED_PERSON))
    h = selectors.person_history(person)
    return {
        "person_id": person.pk, "full_name": person.full_name,
        "employments": [{"unit_id": e.unit_id, "unit": e.unit.name, "position": e.get_position_display(),
                         "start_date": e.start_date, "end_date": e.end_date} for e in h.employments],
        "totals": [{"award_type": t.code, "name": t.name, "count": n} for t, n in h.totals],
        "revoked": h.revoked,
        "years": [{
            "school_year": y.school_year.label, "start_year": y.school_year.start_year,
            "units": [e.unit.name for e in y.posts],
            "rating": y.rating.get_rating_display() if y.rating else None,
            "awards": [_award(a) for a in y.awards],
            "initiatives": [{"title": line.initiative.title, "kind": line.initiative.get_kind_display(),
                             "recognized": line.initiative.recognized,
                             "scope": line.initiative.get_scope_display(), "share": float(line.share)}
                            for line in y.initiatives],
            "disciplines": [{"form": d.get_form_display(), "decision_number": d.decision_number,
                             "decision_date": d.decision_date} for d in y.disciplines],
        } for y in h.years],
        "undated_awards": [_award(a) for a in h.undated_awards],
    }


@router.get("/units/{unit_id}/history", url_name="stats_unit_history",
            summary="Quá trình thi đua, khen thưởng của một đơn vị qua các năm học")
def unit_history(request, unit_id: int):
    unit = get_object_or_404(Unit, pk=unit_id)
    if not can(request.user, Perm.VIEW_RECORDS, unit):
        raise PermissionRefused(_(REFUSED_UNIT))
    h = selectors.unit_history(unit)
    return {
        "unit_id": unit.pk, "name": unit.name,
        "predecessors": [{"id": u.pk, "name": u.name} for u in h.predecessors],
        "successors": [{"id": u.pk, "name": u.name} for u in h.successors],
        "years": [{
            "school_year": y.school_year.label, "start_year": y.school_year.start_year, "staff": y.staff,
            "rating": y.rating.get_rating_display() if y.rating else None,
            "awards": [_award(a) for a in y.awards],
            "staff_titles": [{"award_type": t.code, "name": t.name, "count": n} for t, n in y.staff_titles],
        } for y in h.years],
        "undated_awards": [_award(a) for a in h.undated_awards],
    }
