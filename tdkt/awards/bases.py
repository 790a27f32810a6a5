"""What a decision cites and who may sign it, as dated reference data.

* ``LEGAL_BASES``: the «Căn cứ …» lines of a decision as printed, each in force for a period, for every
  issuer or for one kind of issuer. A decision cites the texts in force on its own date
  (../shared/LEGAL_SOURCES.md section 1; ../shared/REFORM_2025.md section 1). Where the sources give no
  date of a text, the line cites it without one. ``note`` says what is still unverified: it is shown to
  the officer beside the form, never printed.
* ``SIGNER_TITLES``: for each kind of issuer, the head's title and the deputy's, who signs «KT.» for the
  head (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.7 điểm b).

Loaded idempotently by ``load_decision_bases()`` (``tdkt load_reference``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.core.dated import sync_rows
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import format_date_vn

D = dt.date
REFORM = D(2025, 7, 1)  # two-level local government; NĐ 152/2025 and NĐ 129/2025 in force
UNVERIFIED = "chưa đối chiếu"

# The Law on local government before the 2025 reform, cited by the district level (UBND huyện and its
# Phòng GD&ĐT) while it existed. Luật 65/2025/QH15 replaced the 2015 Law in 2025 (REFORM_2025.md: "Feb 2025");
# its in-force date is not in our sources, so the boundary below is marked unverified.
_OLD_LOCAL = ("ubnd-huyen", "phong-gddt")
LOCAL_2015_TO = D(2025, 2, 28)

# code, text, from, to, unit type codes (() = every issuer), order, citation, note
LEGAL_BASES = [
    ("ctqdp-2015-{t}", "Căn cứ Luật Tổ chức chính quyền địa phương năm 2015, được sửa đổi, bổ sung năm 2019;",
     D(2017, 10, 1), LOCAL_2015_TO, _OLD_LOCAL, 10, "Luật Tổ chức chính quyền địa phương 2015 (sửa đổi 2019)",
     f"{UNVERIFIED}: ngày ban hành và ngày hết hiệu lực (thay bằng Luật 65/2025/QH15) chưa đọc trong văn bản"),
    ("ctqdp-65-2025-{t}", "Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15;",
     LOCAL_2015_TO + dt.timedelta(days=1), D(2025, 6, 15), _OLD_LOCAL, 10,
     "REFORM_2025.md mục 1 (Luật 72/2025/QH15 thay Luật 65/2025/QH15)",
     f"{UNVERIFIED}: ngày có hiệu lực của Luật 65/2025/QH15 chưa đọc trong văn bản"),
    ("ctqdp-65-2025-late-{t}", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
     D(2025, 6, 16), D(2025, 6, 30), _OLD_LOCAL, 10,
     "Luật 72/2025/QH15, thông qua và có hiệu lực 16/06/2025 (REFORM_2025.md mục 1)", ""),
    ("ctqdp-72-2025-{t}", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
     REFORM, None, ("ubnd-xa", "ubnd-tinh"), 10,
     "Luật 72/2025/QH15, thông qua và có hiệu lực 16/06/2025 (REFORM_2025.md mục 1)",
     f"{UNVERIFIED}: ngày có hiệu lực lấy từ trang hỏi đáp pháp luật, chưa đọc điều cuối của Luật"),
    ("luat-tdkt-2003", "Căn cứ Luật Thi đua, khen thưởng năm 2003, được sửa đổi, bổ sung năm 2005 và năm 2013;",
     D(2017, 10, 1), D(2023, 12, 31), (), 20, "LEGAL_SOURCES.md mục 1 (Luật TĐKT 2003, sửa đổi 2005, 2013)",
     "Ngày ban hành của Luật và các luật sửa đổi không có trong nguồn đã đọc: dòng căn cứ ghi năm"),
    ("luat-tdkt-2022", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
     D(2024, 1, 1), None, (), 20, "Luật 06/2022/QH15, có hiệu lực 01/01/2024 (LEGAL_SOURCES.md mục 1)",
     f"{UNVERIFIED}: Luật 06/2026/QH16 sửa đổi (báo cáo có hiệu lực 01/10/2026) chưa đọc"),
    ("nd-91-2017", "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết "
                   "thi hành một số điều của Luật Thi đua, khen thưởng;",
     D(2017, 10, 1), D(2023, 12, 31), (), 30, "NĐ 91/2017/NĐ-CP, ký 31/07/2017, có hiệu lực 01/10/2017", ""),
    ("nd-98-2023", "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
                   "thi hành một số điều của Luật Thi đua, khen thưởng;",
     D(2024, 1, 1), D(2025, 6, 30), (), 30,
     "NĐ 98/2023/NĐ-CP, có hiệu lực 01/01/2024; hết hiệu lực 01/07/2025 (NĐ 152/2025 Điều 59)", ""),
    ("nd-152-2025", "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân "
                    "cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành "
                    "một số điều của Luật Thi đua, khen thưởng;",
     REFORM, None, (), 30, "NĐ 152/2025/NĐ-CP, có hiệu lực 01/07/2025 (Điều 59)", ""),
    ("nd-129-2025-{t}", "Căn cứ Nghị định số 129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ quy định phân "
                        "định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ "
                        "Nội vụ;",
     REFORM, None, ("ubnd-xa",), 40,
     "NĐ 129/2025/NĐ-CP, 11/06/2025, có hiệu lực 01/07/2025, Điều 59 (REFORM_2025.md mục 1)",
     f"{UNVERIFIED}: trích yếu của Nghị định theo nguồn thứ cấp"),
]

# unit type code: [(title, on behalf of), ...] — the head first, then the deputy who signs «KT.» for the head.
SIGNER_TITLES = {
    "ubnd-xa": [("Chủ tịch", ""), ("Phó Chủ tịch", "Chủ tịch")],
    "ubnd-huyen": [("Chủ tịch", ""), ("Phó Chủ tịch", "Chủ tịch")],
    "ubnd-tinh": [("Chủ tịch", ""), ("Phó Chủ tịch", "Chủ tịch")],
    "phong-gddt": [("Trưởng phòng", ""), ("Phó Trưởng phòng", "Trưởng phòng")],
    "phong-vhxh": [("Trưởng phòng", ""), ("Phó Trưởng phòng", "Trưởng phòng")],
    "so-gddt": [("Giám đốc", ""), ("Phó Giám đốc", "Giám đốc")],
    "bo-gddt": [("Bộ trưởng", ""), ("Thứ trưởng", "Bộ trưởng")],
    **{code: [("Hiệu trưởng", ""), ("Phó Hiệu trưởng", "Hiệu trưởng")]
       for code in ("truong-mn", "truong-th", "truong-thcs", "truong-thpt", "truong-lien-cap")},
    "tt-gdnn-gdtx": [("Giám đốc", ""), ("Phó Giám đốc", "Giám đốc")],
}
SIGNER_CITATION = "Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.7 điểm b (KT.: cấp phó ký thay người đứng đầu)"


@transaction.atomic
def load_decision_bases() -> int:
    """The «Căn cứ» lines and the signers' titles. Idempotent (rows keyed by code / by type and title)."""
    from tdkt.org.models import UnitType

    from .models import LegalBasis, SignerTitle

    types = {t.code: t for t in UnitType.objects.all()}
    n = sync_rows(LegalBasis, (
        {"code": code.format(t=t or "all")[:60], "text": text, "effective_from": start, "effective_to": end,
         "unit_type": types[t] if t else None, "order": order, "citation": citation, "note": note}
        for code, text, start, end, type_codes, order, citation, note in LEGAL_BASES
        for t in type_codes or (None,) if t is None or t in types), key=["code"])
    n += sync_rows(SignerTitle, (
        {"unit_type": types[type_code], "title": title, "effective_from": D(2017, 10, 1), "on_behalf_of": head,
         "order": order, "citation": SIGNER_CITATION, "effective_to": None}
        for type_code, rows in SIGNER_TITLES.items() if type_code in types
        for order, (title, head) in enumerate(rows, start=1)), key=["unit_type", "title", "effective_from"])
    return n


def lines_in_force(day: dt.date, unit_type_code: str = "") -> list[str]:
    """The printed lines of ``LEGAL_BASES`` in force on ``day`` for a kind of issuer, without the database
    (the documents' sample contexts use it)."""
    rows = [r for r in LEGAL_BASES if r[2] <= day and (r[3] is None or day <= r[3])
            and (not r[4] or unit_type_code in r[4])]
    return [r[1] for r in sorted(rows, key=lambda r: (r[5], r[2], r[0]))]


# --------------------------------------------------------------------------- reads


def bases_in_force(issuer, day: dt.date):
    from django.db.models import Q

    from .models import LegalBasis

    return (LegalBasis.objects.filter(LegalBasis.in_force_q(day))
            .filter(Q(unit_type__isnull=True) | Q(unit_type_id=issuer.unit_type_id))
            .order_by("order", "effective_from", "code"))


def proposal_lines(proposal, day: dt.date) -> list[str]:
    """For a decision on a proposal: the proposing unit's council minutes (its last meeting of the round's
    year held by the decision date), then «Xét đề nghị của …» — as the tờ trình cites its council's minutes."""
    from tdkt.meetings.models import Meeting

    lines = []
    meetings = [m for m in Meeting.objects.filter(council__unit=proposal.unit, school_year=proposal.round.school_year)
                .select_related("council") if m.day <= day]
    if meetings:
        last = max(meetings, key=lambda m: m.starts_at)
        lines.append(f"Căn cứ Biên bản họp {last.council.name} {format_date_vn(last.day)};")
    lines.append(f"Xét đề nghị của {proposal.unit.name}.")
    return lines


def proposed_bases(issuer, day: dt.date, proposal=None) -> list[str]:
    """The «Căn cứ» lines in force on ``day`` for ``issuer``, then those of the proposal when there is one."""
    lines = [b.text for b in bases_in_force(issuer, day)]
    if proposal is not None:
        lines += proposal_lines(proposal, day)
    return lines


def basis_notes(issuer, day: dt.date) -> list[str]:
    """What is still unverified in the proposed lines, for the officer's screen (never printed)."""
    return [f"{b.text} — {b.note}" for b in bases_in_force(issuer, day) if b.note]


def signer_titles(issuer, day: dt.date):
    from .models import SignerTitle

    return list(SignerTitle.objects.filter(SignerTitle.in_force_q(day), unit_type_id=issuer.unit_type_id)
                .order_by("order", "title"))


def signer_title_choices(issuer, day: dt.date) -> list[tuple[str, str]]:
    return [(t.title, t.title) for t in signer_titles(issuer, day)]


def check_signer_title(issuer, day: dt.date, title: str):
    """The SignerTitle row of ``title`` for ``issuer`` on ``day``; refuses any other title."""
    allowed = signer_titles(issuer, day)
    for row in allowed:
        if row.title.casefold() == title.strip().casefold():
            return row
    if not allowed:
        raise DomainValidationError(
            _("Chức vụ người ký: chưa có danh mục chức vụ người ký cho loại cơ quan «%(type)s» của «%(issuer)s»; "
              "hãy nạp dữ liệu danh mục (tdkt load_reference).") % {"type": issuer.unit_type, "issuer": issuer},
            field="signer_title")
    raise DomainValidationError(
        _("Chức vụ người ký: «%(title)s» không phải chức vụ ký quyết định của «%(issuer)s». "
          "Chọn một trong: %(allowed)s.") % {
            "title": title.strip(), "issuer": issuer, "allowed": ", ".join(f"«{r.title}»" for r in allowed)},
        field="signer_title")


def signature_of(decision) -> dict:
    """The signature block per NĐ 30: {"quyen_han": "KT.", "chuc_vu": head, "chuc_danh": deputy} when a
    deputy signs, {"chuc_vu": head} when the head signs (upper case as printed)."""
    row = None
    for t in signer_titles(decision.issuer, decision.decision_date):
        if t.title.casefold() == decision.signer_title.strip().casefold():
            row = t
            break
    if row is not None and row.on_behalf_of:
        return {"quyen_han": "KT.", "chuc_vu": row.on_behalf_of.upper(), "chuc_danh": row.title.upper(),
                "ho_ten": decision.signer_name}
    return {"chuc_vu": decision.signer_title.upper(), "ho_ten": decision.signer_name}


def signature_lines(decision) -> list[str]:
    s = signature_of(decision)
    if s.get("quyen_han"):
        return [f"{s['quyen_han']} {s['chuc_vu']}", s["chuc_danh"]]
    return [s["chuc_vu"]]
