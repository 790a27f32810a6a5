"""PAdES signing and validation with pyHanko (https://pyhanko.readthedocs.io: "Signing functionality",
"Validation functionality"). Pure functions over bytes; the services (services.py) keep the rows.

Appearance (NĐ 30/2020 Phụ lục I; ../shared/STANDARDS_NOTES.md §3a): the signer's signature is
centred between the signer's title and name (box 7c); the organisation's covers about a third of it on
its left (box 8). pyHanko draws text stamps, with an optional background image: the signer's stamp
shows the uploaded handwritten signature image when there is one, and both show the organisation's
name and the signing time (ISO 8601, Vietnam time). Red seal images are not drawn yet."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import TextStampStyle

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A font with every Vietnamese glyph that Debian ships (Liberation Serif, the metric twin of Times New
# Roman, lacks some precomposed letters in pyHanko's stamps: «ờ», «Ủ»); TDKT_SIGNING_FONT overrides it.
DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIGNER_FIELD, ORG_FIELD = "ChuKyNguoiKy", "ChuKyCoQuan"
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Placement:
    page: int
    signer_box: Box
    seal_box: Box


@dataclass
class SignatureReport:
    field: str
    signer_subject: str
    issuer: str
    signing_time: dt.datetime | None
    time_from_tsa: bool
    intact: bool
    modified: bool
    trusted: bool
    summary: str
    problems: list[str] = dc_field(default_factory=list)


def vn_iso(moment: dt.datetime) -> str:
    """2026-12-06T09:15:30+07:00: ISO 8601 in Vietnam time, as NĐ 30 asks of the signing time."""
    return moment.astimezone(VN).replace(microsecond=0).isoformat()


def find_placement(pdf_bytes: bytes, signer_name: str) -> Placement:
    """Where the signature block is: the signer's name on the last page that prints it (the block is
    title, space for the signature, name), found with pypdf's text positions. Without the name, the
    lower right of the last page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    last = len(reader.pages) - 1
    for index in range(last, -1, -1):
        page = reader.pages[index]
        hits: list[tuple[float, float, float]] = []

        def visit(text, cm, tm, font_dict, font_size, hits=hits):
            if signer_name and signer_name in text:
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                hits.append((x, y, float(font_size or 12) * (abs(cm[0]) or 1)))

        page.extract_text(visitor_text=visit)
        if hits:
            x, y, size = hits[-1]
            centre = x + len(signer_name) * size * 0.25
            return _boxes(index, centre, y + size * 1.2)
    width = float(reader.pages[last].mediabox.width)
    return _boxes(last, width * 0.72, 120)


def _boxes(page: int, centre: float, bottom: float) -> Placement:
    w, h, seal = 150, 56, 64
    signer = (int(centre - w / 2), int(bottom), int(centre + w / 2), int(bottom + h))
    # The seal covers about a third of the signer's signature, on its left (Phụ lục I, mục II.8 điểm a).
    right = signer[0] + w // 3
    middle = bottom + h / 2
    seal_box = (right - seal, int(middle - seal / 2), right, int(middle + seal / 2))
    return Placement(page, signer, seal_box)


def load_signer(key) -> signers.Signer:
    """The pyHanko signer of a SigningKey row (or anything with its fields): PKCS#12 or PKCS#11."""
    import os

    secret = os.environ.get(key.secret_env, "") if key.secret_env else ""
    if key.p12_path:
        signer = signers.SimpleSigner.load_pkcs12(key.p12_path, passphrase=secret.encode() or None)
        if signer is None:
            raise ValueError(f"Không mở được tệp PKCS#12 {key.p12_path}: kiểm tra tệp và mật khẩu ({key.secret_env}).")
        return signer
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    session = pkcs11.open_pkcs11_session(key.pkcs11_module, token_criteria=TokenCriteria(label=key.pkcs11_token),
                                         user_pin=secret or None)
    # The token holds the certificate beside the key, under the same label (as CA-issued tokens do).
    return pkcs11.PKCS11Signer(session, cert_label=key.key_label or None, key_label=key.key_label or None)


def _style(font: str, text: str, image: bytes | None) -> TextStampStyle:
    background = None
    if image:
        from PIL import Image
        from pyhanko.pdf_utils.images import PdfImage

        background = PdfImage(Image.open(io.BytesIO(image)))
    return TextStampStyle(stamp_text=text, text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(font), font_size=6),
                          background=background, background_opacity=1.0, border_width=0)


def _off_loop(fn, *args, **kwargs):
    """pyHanko's synchronous calls run their own event loop (asyncio.run), which fails in a thread where a loop is
    already running (an async server, or Playwright's sync API in the same test process): there, run them in a
    worker thread."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def _sign_once(pdf: bytes, signer: signers.Signer, *, name: str, page: int, box: Box, text: str,
               image: bytes | None, font: str, params: dict, timestamper, reason: str) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, reason=reason)
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper, stamp_style=_style(font, text, image),
                                   new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=page, box=box))
    out = _off_loop(pdf_signer.sign_pdf, writer, appearance_text_params=params)
    return out.getvalue()


def sign_pdf(pdf_bytes: bytes, signer_key, org_key=None, *, org_name: str, signer_name: str = "",
             tsa_url: str = "", font: str = "", moment: dt.datetime | None = None) -> bytes:
    """The PDF signed by the signer at the signature block, then by the organisation at the seal."""
    font = font or DEFAULT_FONT
    if not Path(font).exists():
        raise ValueError(f"Không thấy phông chữ cho hình chữ ký: {font} (đặt TDKT_SIGNING_FONT).")
    timestamper = timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None
    when = vn_iso(moment or dt.datetime.now(dt.UTC))
    place = find_placement(pdf_bytes, signer_name)
    params = {"org": org_name, "vn_time": when}
    out = _sign_once(pdf_bytes, load_signer(signer_key), name=SIGNER_FIELD, page=place.page, box=place.signer_box,
                     text="Ký bởi: %(signer)s\nCơ quan: %(org)s\nThời gian ký: %(vn_time)s",
                     image=getattr(signer_key, "image", None), font=font, params=params, timestamper=timestamper,
                     reason="Người có thẩm quyền ký")
    if org_key is not None:
        out = _sign_once(out, load_signer(org_key), name=ORG_FIELD, page=place.page, box=place.seal_box,
                         text="%(org)s\n%(vn_time)s", image=getattr(org_key, "image", None), font=font,
                         params=params, timestamper=timestamper, reason="Chữ ký số của cơ quan, tổ chức")
    return out


def validation_context(trust_roots: list[Path]):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko_certvalidator import ValidationContext

    roots = [load_cert_from_pemder(str(p)) for p in trust_roots if Path(p).exists()]
    # No revocation information for the demo CA (no CRL, no OCSP): "soft-fail" checks what can be checked.
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _name(cert_name) -> str:
    return cert_name.human_friendly


def verify_pdf(pdf_bytes: bytes, trust_roots: list[Path]) -> list[SignatureReport]:
    """One report per signature in the PDF (none: not signed). "modified" means the signed bytes changed,
    or something other than a later signature was added after it (pyHanko's difference analysis), or
    bytes follow the last signature."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        return [SignatureReport("", "", "", None, False, False, True, False,
                                f"Không đọc được tệp PDF: {exc}", [str(exc)])]
    reports = []
    for index, sig in enumerate(embedded):
        problems: list[str] = []
        try:
            status = _off_loop(validate_pdf_signature, sig, validation_context(trust_roots))
        except Exception as exc:  # a broken signature is a finding about the file, not a crash of the page
            reports.append(SignatureReport(sig.field_name, "", "", None, False, False, True, False,
                                           f"Chữ ký hỏng: {exc}", [str(exc)]))
            continue
        cert = status.signing_cert
        is_last = index == len(embedded) - 1
        if not (status.intact and status.valid):
            problems.append(_("Nội dung đã ký bị thay đổi hoặc chữ ký không khớp."))
        coverage = status.coverage
        if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            problems.append(_("Chữ ký không bao trùm toàn bộ văn bản."))
        elif is_last and coverage != SignatureCoverageLevel.ENTIRE_FILE:
            problems.append(_("Tệp có dữ liệu được thêm sau chữ ký cuối cùng."))
        if status.diff_result is not None and not is_last:
            from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification

            level = getattr(status.diff_result, "modification_level", None)
            if isinstance(status.diff_result, SuspiciousModification) or (
                    level is not None and level > ModificationLevel.FORM_FILLING):
                problems.append(_("Văn bản bị sửa sau khi ký (không chỉ thêm chữ ký)."))
        if status.docmdp_ok is False:
            problems.append(_("Thay đổi sau khi ký vượt quá quyền cho phép của văn bản."))
        modified = bool(problems)
        if not status.trusted:
            problems.append(_("Chứng thư không thuộc tổ chức chứng thực được tin cậy."))
        ts = status.timestamp_validity
        when = ts.timestamp if ts is not None else status.signer_reported_dt
        reports.append(SignatureReport(
            field=sig.field_name, signer_subject=_name(cert.subject), issuer=_name(cert.issuer),
            signing_time=when, time_from_tsa=ts is not None,
            intact=bool(status.intact and status.valid),
            modified=modified, trusted=bool(status.trusted),
            summary=status.summary(), problems=problems))
    return reports
