"""What every builder shares: the registry, the common context keys, small
formatters. Builders read plain dicts (no ORM), so any app, an import job or a
test can fill them.

Context keys are Vietnamese without diacritics because the same dict feeds the
administrator's own DOCX templates ({{ so_hieu }}, {{ ngay_thang }}, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tdkt.core.vi import amount_in_words, format_date_short, format_date_vn, format_vnd, parse_date_vn

from .. import layout as L


class DocumentContextError(ValueError):
    """The context lacks what the document needs; the message is Vietnamese."""


# (key, description) — shown on the "Mẫu văn bản" page for template authors.
COMMON_KEYS: list[tuple[str, str]] = [
    ("co_quan_chu_quan", "Tên cơ quan chủ quản (dòng trên cùng bên trái), ví dụ «UBND QUẬN 1»; có thể để trống."),
    ("co_quan_ban_hanh", "Tên cơ quan ban hành, ví dụ «PHÒNG GIÁO DỤC VÀ ĐÀO TẠO» (bắt buộc)."),
    ("ky_hieu_co_quan", "Chữ viết tắt của cơ quan trong ký hiệu văn bản, ví dụ «GDĐT»."),
    ("dia_danh", "Địa danh ghi trước ngày tháng, ví dụ «Quận 1»."),
    ("so", "Số văn bản (số nguyên); để trống khi văn thư sẽ cấp số."),
    ("ngay", "Ngày ban hành (kiểu ngày); để trống thì in «ngày … tháng … năm …»."),
    ("nam", "Năm ghi trên dòng ngày tháng khi chưa có ngày."),
    ("nguoi_ky", "Người ký: quyen_han (KT., TM., Q., TL., TUQ.), chuc_vu (ví dụ TRƯỞNG PHÒNG), "
                 "chuc_danh (ví dụ PHÓ TRƯỞNG PHÒNG khi ký thay), ho_ten."),
    ("noi_nhan", "Danh sách nơi nhận, mỗi dòng một nơi; dòng cuối thường là «Lưu: VT, …»."),
]

# Variables computed for DOCX templates in addition to the context itself.
DERIVED_KEYS: list[tuple[str, str]] = [
    ("so_hieu", "Số và ký hiệu, ví dụ «123/QĐ-GDĐT» (để trống số nếu chưa cấp)."),
    ("dong_so", "Cả dòng số, ví dụ «Số: 123/QĐ-GDĐT»."),
    ("ky_hieu", "Ký hiệu, ví dụ «QĐ-GDĐT»."),
    ("ngay_thang", "Dòng địa danh, ngày tháng, ví dụ «Quận 1, ngày 12 tháng 10 năm 2023»."),
    ("ngay_van_ban", "Ngày tháng dạng chữ, ví dụ «ngày 12 tháng 10 năm 2023»."),
    ("ngay_so", "Ngày dạng số dd/mm/yyyy, ví dụ «12/10/2023»."),
    ("loai_van_ban", "Tên loại văn bản in hoa, ví dụ «QUYẾT ĐỊNH»."),
    ("trich_yeu", "Trích yếu nội dung."),
    ("quoc_hieu", "«CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM»."),
    ("tieu_ngu", "«Độc lập - Tự do - Hạnh phúc»."),
    ("nguoi_ky", "Người ký (như trên), thêm dong_1 («KT. TRƯỞNG PHÒNG») và dong_2 («PHÓ TRƯỞNG PHÒNG»)."),
    ("noi_nhan", "Nơi nhận đã chuẩn hoá: «- Như trên;» … «- Lưu: VT.»"),
]


@dataclass(frozen=True)
class Builder:
    code: str
    name: str
    doc_type: L.DocType
    build: Callable[[Mapping], L.DocumentSpec]
    sample: Callable[..., dict]  # some take how many rows to make: sample(n)
    keys: list[tuple[str, str]]
    extra: Callable[[Mapping], dict] | None = None
    required: tuple[str, ...] = ("co_quan_ban_hanh",)
    description: str = ""
    rows: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def spec(self, ctx: Mapping) -> L.DocumentSpec:
        missing = [k for k in self.required if ctx.get(k) in (None, "")]
        if missing:
            raise DocumentContextError(
                f"Thiếu thông tin để lập «{self.name}»: {', '.join(missing)}.")
        return self.build(ctx)

    def variables(self, ctx: Mapping) -> dict:
        """The context for an administrator's DOCX template: the context itself, the
        common derived texts and this builder's own (rows numbered, money in words)."""
        spec = self.spec(ctx)
        out = dict(ctx)
        out.update(derived_variables(spec, ctx))
        if self.extra:
            out.update(self.extra(ctx))
        return out


REGISTRY: dict[str, Builder] = {}


def register(builder: Builder) -> Builder:
    if builder.code in REGISTRY:
        raise ValueError(f"builder {builder.code} registered twice")
    REGISTRY[builder.code] = builder
    return builder


# --- reading the context -------------------------------------------------------------


def as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date_vn(value)


def as_datetime(value) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime.fromisoformat(str(value))


def issuer_from(ctx: Mapping) -> L.Issuer:
    return L.Issuer(
        name=str(ctx.get("co_quan_ban_hanh", "")),
        parent=str(ctx.get("co_quan_chu_quan") or ""),
        abbreviation=str(ctx.get("ky_hieu_co_quan") or ""),
        place=str(ctx.get("dia_danh") or ""),
    )


def signer_from(data: Mapping | None, **defaults) -> L.Signer:
    data = dict(data or {})
    for key, value in defaults.items():
        if not data.get(key):
            data[key] = value
    return L.Signer(
        name=str(data.get("ho_ten") or ""),
        office=str(data.get("chuc_vu") or ""),
        authority=str(data.get("quyen_han") or ""),
        position=str(data.get("chuc_danh") or ""),
        heading=str(data.get("tieu_de") or ""),
        note=str(data.get("ghi_chu") or ""),
    )


def base_spec(ctx: Mapping, doc_type: L.DocType, **kw) -> L.DocumentSpec:
    """The parts every document takes from the common keys."""
    signer = ctx.get("nguoi_ky")
    kw.setdefault("signers", [signer_from(signer)] if signer else [])
    kw.setdefault("recipients", list(ctx.get("noi_nhan") or []))
    ngay = as_date(ctx.get("ngay"))
    return L.DocumentSpec(
        doc_type=doc_type,
        issuer=kw.pop("issuer", issuer_from(ctx)),
        number=_int_or_none(ctx.get("so")),
        # A symbol the register already gave («QĐ-UBND») stands as given; else the type's and the issuer's parts.
        symbol=str(ctx["ky_hieu"]) if ctx.get("ky_hieu") else None,
        date=ngay,
        year=int(ctx.get("nam") or (ngay.year if ngay else dt.date.today().year)),
        place=str(ctx.get("dia_danh") or ""),
        **kw,
    )


def _int_or_none(value) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def derived_variables(spec: L.DocumentSpec, ctx: Mapping) -> dict:
    signer = spec.signers[0] if spec.signers else L.Signer()
    lines = signer.title_lines()
    nguoi_ky = dict(ctx.get("nguoi_ky") or {})
    nguoi_ky.update({"dong_1": lines[0] if lines else "", "dong_2": lines[1] if len(lines) > 1 else "",
                     "ho_ten": signer.name})
    return {
        "so_hieu": (spec.number_symbol if spec.show_number else ""),
        "dong_so": spec.number_line,
        "ky_hieu": spec.symbol_text,
        "ngay_thang": spec.date_line,
        "ngay_van_ban": format_date_vn(spec.date) if spec.date else "",
        "ngay_so": format_date_short(spec.date) if spec.date else "",
        "loai_van_ban": spec.type_text,
        "trich_yeu": spec.title,
        "quoc_hieu": L.QUOC_HIEU,
        "tieu_ngu": L.TIEU_NGU,
        "nguoi_ky": nguoi_ky,
        "noi_nhan": L.normalise_recipients(spec.recipients),
    }


# --- small formatters ------------------------------------------------------------------


def money(value) -> str:
    """"1.120.000" (no unit: the column header says "đồng")."""
    if value in (None, ""):
        return ""
    return format_vnd(Decimal(str(value)) if not isinstance(value, int) else value, unit=False)


def money_words(value) -> str:
    return amount_in_words(Decimal(str(value)) if not isinstance(value, int) else value)


def count2(n: int) -> str:
    """Counts in administrative prose take two digits: "05 cá nhân"."""
    return f"{int(n):02d}"


def decimal_vn(value, places: int = 1) -> str:
    """"77,8"; whole numbers without decimals ("100")."""
    if value in (None, ""):
        return ""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    whole, frac = f"{d:f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    return sign + f"{abs(int(whole)):,}".replace(",", ".") + "," + frac.rstrip("0")


def percent(part, whole, places: int = 1) -> str:
    if not whole:
        return ""
    return decimal_vn(Decimal(str(part)) * 100 / Decimal(str(whole)), places)


def time_text(value: dt.datetime) -> str:
    """"08 giờ 00 phút, ngày 20 tháng 5 năm 2024"."""
    return f"{value.hour:02d} giờ {value.minute:02d} phút, {format_date_vn(value.date())}"


def person_line(p: Mapping) -> str:
    """"Ông Nguyễn Văn A – Hiệu trưởng"."""
    name = str(p.get("ho_ten") or "")
    role = str(p.get("chuc_vu") or "")
    return f"{name} – {role}" if role else name


def table_of(columns: Sequence[tuple[str, float, str]], rows, **kw) -> L.Table:
    return L.Table(columns=[L.Column(t, w, a) for t, w, a in columns], rows=rows, **kw)


def records_table(items, *, what: str) -> L.Table:
    """Năm | Danh hiệu / Hình thức | Số, ngày, tháng, năm của quyết định; cơ quan ban hành."""
    rows = [[str(i.get("nam") or ""), str(i.get("danh_hieu") or i.get("hinh_thuc") or ""),
             str(i.get("quyet_dinh") or "")] for i in items]
    if not rows:
        rows = [["", "", ""]]
    return table_of([("Năm", 14, "center"), (what, 38, "left"),
                     ("Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định", 48, "left")],
                    rows, font_size=13)
