"""The decision resolving a complaint, through the document layer (documents.render_document): its context is
built here from the letter, so an uploaded template of the unit applies as for every other paper."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import format_date_vn, format_vnd

from .choices import LetterKind, Outcome, Status
from .models import Letter
from .reference import resolution_bases

CODE = "quyet-dinh-giai-quyet-khieu-nai"


def resolution_context(letter: Letter) -> dict:
    from tdkt.awards.bases import signer_titles
    from tdkt.documents.context import issuer_context
    from tdkt.org.models import Unit

    if letter.kind != LetterKind.COMPLAINT or letter.status != Status.RESOLVED or letter.resolved_on is None:
        raise DomainValidationError(_("Chỉ khiếu nại đã giải quyết mới có quyết định giải quyết khiếu nại."))
    day = letter.resolved_on
    who = letter.sender_name
    about = letter.about_item
    decision = f"{about.decision} {format_date_vn(about.decision.decision_date)}" if about is not None else ""
    upheld = letter.outcome in (Outcome.UPHELD, Outcome.PARTLY)
    dieu_1 = {
        Outcome.UPHELD: f"Khiếu nại của {who} là đúng.",
        Outcome.PARTLY: f"Khiếu nại của {who} là đúng một phần.",
        Outcome.REJECTED: f"Khiếu nại của {who} là sai" + (f"; giữ nguyên {decision}." if decision else "."),
        Outcome.WITHDRAWN: f"Đình chỉ giải quyết khiếu nại do {who} rút đơn.",
    }[Outcome(letter.outcome)]
    dieu_2 = ""
    if upheld and letter.revoked_item is not None:
        item = letter.revoked_item
        subject = item.person.full_name if item.person_id and item.person else (item.unit.name if item.unit else "")
        dieu_2 = f"Hủy bỏ «{item.award_type}» của {subject} tại {decision}."
        if item.amount_to_recover:
            dieu_2 += f" Thu hồi tiền thưởng {format_vnd(item.amount_to_recover)}."
    parent = Unit.objects.get_parent(letter.unit)
    days = 45 if letter.remote else 30
    if letter.instance == 1:
        further = (f"Trong thời hạn {days} ngày, kể từ ngày nhận được Quyết định này, nếu không đồng ý với quyết định "
                   f"giải quyết khiếu nại thì người khiếu nại có quyền khiếu nại đến "
                   f"{parent.name if parent else 'cơ quan cấp trên'} hoặc khởi kiện vụ án hành chính tại Tòa án theo "
                   "quy định của Luật Tố tụng hành chính.")
    else:
        further = ("Trong thời hạn quy định, nếu không đồng ý với quyết định giải quyết khiếu nại lần hai thì người "
                   "khiếu nại có quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.")
    head = next((t for t in signer_titles(letter.unit, day) if not t.on_behalf_of), None)
    resolver = letter.resolver
    return {
        **issuer_context(letter.unit),
        "so": None, "ngay": day, "nam": day.year, "lan": letter.instance, "nguoi_khieu_nai": who,
        "can_cu": resolution_bases(day),
        "xet_don": f"Xét đơn khiếu nại {format_date_vn(letter.received_on)} của {who}"
                   + (f", địa chỉ {letter.sender_address}" if letter.sender_address else "") + ".",
        "noi_dung": letter.content, "ket_qua_xac_minh": letter.resolution_summary,
        "ket_luan": dieu_1, "dieu_1": dieu_1, "dieu_2": dieu_2, "quyen_tiep": further,
        "nguoi_ky": {"chuc_vu": head.title if head else "", "ho_ten": (resolver.get_full_name() or resolver.username)
                     if resolver else ""},
        "noi_nhan": [who, "Như Điều cuối", "Lưu: VT, hồ sơ"],
    }


def render_resolution(letter: Letter, fmt: str = "docx"):
    from tdkt.documents.render import render_document

    return render_document(code=CODE, context=resolution_context(letter), fmt=fmt, unit=letter.unit)
