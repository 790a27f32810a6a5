"""A unit's registration papers (Tờ trình đăng ký, Bảng tổng hợp đăng ký) printed through
``tdkt.documents.render.render_document``, so the unit's own uploaded template applies."""

from __future__ import annotations

from tdkt.documents.render import Rendered, render_document

# The download's slug → the documents builder's code.
DOWNLOADS = {"to-trinh": "to-trinh-dang-ky-danh-hieu", "bang-tong-hop": "bang-tong-hop-dang-ky"}


def submission_document_context(ctx: dict, kind: str) -> dict:
    """The builder's context (plain data) of ``kind`` from the submission page's context."""
    campaign, unit = ctx["campaign"], ctx["unit"]
    year = campaign.school_year.label if campaign.school_year else ""
    base = {"co_quan_chu_quan": campaign.unit.name, "co_quan_ban_hanh": unit.name,
            "ky_hieu_co_quan": unit.short_name, "dia_danh": unit.place_name or campaign.unit.place_name,
            "ngay": ctx["today"], "nam_hoc": year, "kinh_gui": campaign.unit.name, "noi_nhan": ["Như trên", "Lưu: VT"]}
    if kind == "to-trinh":
        counts: dict[str, int] = {}
        for e in ctx["individual"]:
            counts[e.registration.award_type.name] = counts.get(e.registration.award_type.name, 0) + 1
        base.update({"tong_so": len({e.registration.person_id for e in ctx["individual"]}),
                     "dang_ky": [{"danh_hieu": k, "so_luong": v} for k, v in counts.items()],
                     "dang_ky_tap_the": [{"tap_the": e.registration.unit.name,
                                          "danh_hieu": e.registration.award_type.name} for e in ctx["collective"]]})
    else:
        people: dict[int, dict] = {}
        titles: list[str] = []
        for e in ctx["individual"]:
            p = e.registration.person
            name = e.registration.award_type.name
            if name not in titles:
                titles.append(name)
            row = people.setdefault(p.pk, {"ho_ten": p.full_name, "nam_sinh": p.birth_date.year if p.birth_date else "",
                                           "chuc_vu": "", "to": e.unit.name if e.unit.pk != unit.pk else "",
                                           "dang_ky": [], "ghi_chu": ""})
            row["dang_ky"].append(name)
        base.update({"danh_sach": list(people.values()), "danh_hieu_cot": titles or None})
    return base


def render_submission_document(ctx: dict, kind: str, fmt: str) -> Rendered:
    """The registering unit's paper ``kind`` ("to-trinh" or "bang-tong-hop") as DOCX or PDF."""
    return render_document(code=DOWNLOADS[kind], context=submission_document_context(ctx, kind), fmt=fmt,
                           unit=ctx["unit"])
