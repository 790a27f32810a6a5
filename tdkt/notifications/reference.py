"""The kinds of notification a person may not opt out of, as dated rows with their citation (loaded by
``tdkt load_reference``). The texts require that a unit whose dossier is not in order be told what to
complete, and that a decision be sent to those it names."""

from __future__ import annotations

import datetime as dt

from tdkt.core.dated import sync_rows

from .choices import Kind
from .models import RequiredKind

ROWS = [
    {"kind": Kind.PROPOSAL_RETURNED, "effective_from": dt.date(2024, 1, 1),
     "citation": "Nghị định 98/2023/NĐ-CP, Điều 46 (thẩm định hồ sơ, thông báo hồ sơ chưa đủ để bổ sung)",
     "note": "cần đối chiếu điều, khoản với văn bản đã công bố"},
    {"kind": Kind.SUBMISSION_RETURNED, "effective_from": dt.date(2024, 1, 1),
     "citation": "Luật Thi đua, khen thưởng 2022, Điều 8 (đăng ký thi đua); Nghị định 98/2023/NĐ-CP",
     "note": "cần đối chiếu điều, khoản với văn bản đã công bố"},
    {"kind": Kind.DECISION_ISSUED, "effective_from": dt.date(2024, 1, 1),
     "citation": "Nghị định 98/2023/NĐ-CP, Điều 50 (gửi quyết định khen thưởng cho tập thể, cá nhân)",
     "note": "cần đối chiếu điều, khoản với văn bản đã công bố"},
]


def load_required_kinds() -> int:
    return sync_rows(RequiredKind, ROWS, key=["kind", "effective_from"])
