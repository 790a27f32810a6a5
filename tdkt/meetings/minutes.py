"""Biên bản họp Hội đồng and Biên bản kiểm phiếu.

``minutes_context(meeting)`` gathers everything the two documents say (it reads,
never writes). ``render_minutes(meeting, kind, fmt)`` turns it into DOCX or PDF
through the documents layer only: ``minutes_spec`` builds a
``tdkt.documents.layout.DocumentSpec`` and ``tdkt.documents.render`` draws it in
the Nghị định 30/2020 layout (A4, margins 20/20/30/15 mm, Times New Roman or its
metric twin Liberation Serif, issuer top left, Quốc hiệu and Tiêu ngữ top right,
the place-and-date line, the title centred, the signer blocks) — the same
renderer as every other document, so a layout fix reaches the minutes too.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.utils import timezone

from tdkt.core.i18n import in_vietnamese
from tdkt.core.vi import format_date_short, format_date_vn, place_date_line
from tdkt.documents import layout
from tdkt.documents.render import render_document

from . import selectors
from .choices import MeetingStatus, QuestionKind, QuestionStatus, VotingMethod
from .models import Attendance, Ballot, Meeting

KINDS = {"bien-ban": "Biên bản họp Hội đồng", "kiem-phieu": "Biên bản kiểm phiếu"}
# The documents layer's code of each kind (registered by ``register_builders`` from MeetingsConfig.ready()):
# an administrator uploads a template for the code, and a council's unit (or a unit above it) prints with it.
CODES = {"bien-ban": "bien-ban-cuoc-hop-hoi-dong", "kiem-phieu": "bien-ban-kiem-phieu-cuoc-hop"}
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf"}

# The fixed texts of ô 1 are the documents layer's; kept in the context for callers that print it.
QUOC_HIEU = layout.QUOC_HIEU
TIEU_NGU = layout.TIEU_NGU


def _time_text(value) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {format_date_vn(local.date())}"


def _ancestors(unit) -> list:
    """The unit's ancestors, nearest first (one query on the materialised path)."""
    step = unit.steplen
    paths = [unit.path[: i * step] for i in range(1, len(unit.path) // step)]
    by_path = {u.path: u for u in type(unit).objects.filter(path__in=paths)}
    return [by_path[p] for p in reversed(paths) if p in by_path]


def _place_name(unit, ancestors) -> str:
    """The địa danh of the document: the unit's own, else the nearest ancestor's."""
    for node in [unit, *ancestors]:
        if node.place_name:
            return node.place_name
    return ""


def _person(member) -> dict:
    if member is None:
        return {"name": "", "role": ""}
    return {"name": member.person.full_name, "role": member.get_role_display(), "position": member.position_note}


def _question_row(q, recused_names, written: Counter | None = None, cast: int | None = None) -> dict:
    tally = q.tally or {}
    candidate = ""
    if q.kind == QuestionKind.LIST:
        candidate = ", ".join(str(i.person or i.unit) for i in q.items.all())
    elif q.person_id or q.unit_id:
        candidate = str(q.person or q.unit)
    closed = q.status == QuestionStatus.CLOSED
    if written is None:
        written = Counter(q.ballots.filter(channel="van_ban").values_list("choice", flat=True))
    if cast is None and q.method == VotingMethod.SECRET:
        cast = q.receipts.filter(channel="tai_cuoc_hop").count()
    return {
        "id": q.pk, "order": q.order, "title": q.title, "kind": q.kind, "candidate": candidate,
        "award_type": str(q.award_type) if q.award_type_id else "",
        "method": q.method, "method_label": q.get_method_display(), "secret": q.method == VotingMethod.SECRET,
        "rule": q.rule.name, "rule_summary": q.rule.summary, "citation": q.rule.citation,
        "status": q.status, "status_label": q.get_status_display(), "closed": closed,
        "votes_for": tally.get("for", 0), "votes_against": tally.get("against", 0),
        "votes_blank": tally.get("blank", 0), "votes_invalid": tally.get("invalid", 0),
        "written": {"for": written.get("dong_y", 0), "against": written.get("khong_dong_y", 0),
                    "blank": written.get("trang", 0), "invalid": written.get("khong_hop_le", 0),
                    "total": sum(written.values()), "counted": bool(tally.get("written_counted"))},
        "ballots_cast": cast if q.method == VotingMethod.SECRET else None,
        "base": tally.get("base"), "arithmetic": tally.get("arithmetic", ""), "notes": tally.get("notes", []),
        "recused": recused_names,
        # A list's lines whose person sits on the council: counted without that member.
        "lines": [{"name": x["name"], "member": x["member"], "arithmetic": x["arithmetic"], "passed": x["passed"]}
                  for x in tally.get("lines", [])] if closed else [],
        "passed": q.passed if closed else None,
        "result_label": ("Đạt" if q.passed else "Không đạt") if closed else "Không biểu quyết",
    }


def minutes_context(meeting: Meeting) -> dict:
    """Everything the minutes need, as plain data (strings, numbers, lists, dicts)."""
    council = meeting.council
    unit = council.unit
    ancestors = _ancestors(unit)
    parent = ancestors[0] if ancestors else None
    day = meeting.day
    attendance = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    members = selectors.members_on(council, day)
    present, absent = [], []
    for m in members:
        a = attendance.get(m.pk)
        row = {"name": m.person.full_name, "role": m.get_role_display(), "position": m.position_note}
        if a is not None and a.present:
            present.append(row)
        else:
            absent.append({**row, "reason": (a.absence_reason if a else "") or "không báo lý do",
                           "recorded": a is not None})
    q = selectors.meeting_quorum(meeting)
    questions = []
    # Written opinions and ballots cast for the whole agenda at once (queries do not grow with it).
    written: dict[int, Counter] = {}
    for counted in (Ballot.objects.filter(question__meeting=meeting, channel="van_ban").values("question_id", "choice")
                    .annotate(n=Count("id")).order_by()):
        written.setdefault(counted["question_id"], Counter())[counted["choice"]] = counted["n"]
    cast = selectors.receipts_counts(meeting)
    for question in (meeting.questions.select_related("award_type", "person", "unit", "rule")
                     .prefetch_related("items__person", "items__unit", "recusals__member__person")):
        recused = [r.member.person.full_name for r in question.recusals.all()]
        questions.append(_question_row(question, recused, written.get(question.pk, Counter()),
                                       cast.get(question.pk, 0)))
    place = _place_name(unit, ancestors)
    return {
        "kind_titles": KINDS,
        "quoc_hieu": QUOC_HIEU, "tieu_ngu": TIEU_NGU,
        "issuer_parent": parent.name.upper() if parent else "",
        "issuer": unit.name.upper(),
        "issuer_council": council.name.upper(),
        "document_symbol": "BB-HĐTĐKT" if council.kind == "tdkt" else "BB-HĐSK",
        "place": place,
        "place_date": place_date_line(place, day) if place else format_date_vn(day).capitalize(),
        "unit": unit.name,
        "council": {
            "name": council.name, "kind": council.kind, "kind_label": council.get_kind_display(),
            "decision_number": council.decision_number, "decision_date": format_date_short(council.decision_date),
            "decision_text": (f"Quyết định số {council.decision_number} {format_date_vn(council.decision_date)}"
                              + (f" của {council.decision_issuer}" if council.decision_issuer else "")),
        },
        "title": meeting.title,
        "school_year": meeting.school_year.label,
        "date": format_date_vn(day), "date_short": format_date_short(day),
        "starts_at": _time_text(meeting.starts_at),
        "ends_at": _time_text(meeting.ends_at) if meeting.ends_at else "",
        "meeting_place": meeting.place,
        "chair": _person(meeting.chair), "secretary": _person(meeting.secretary),
        "members_total": q.total,
        "members_present": present, "members_absent": absent,
        "quorum": {"total": q.total, "present": q.present, "required": q.required, "share": q.share_text,
                   "reached": q.reached, "text": q.text},
        "questions": questions,
        "secret_questions": [x for x in questions if x["secret"] and x["closed"]],
        "results": {
            "passed": [x for x in questions if x["passed"] is True],
            "not_passed": [x for x in questions if x["passed"] is False],
            "not_voted": [x for x in questions if not x["closed"]],
        },
        "status": meeting.status, "status_label": meeting.get_status_display(),
        "is_final": meeting.status == MeetingStatus.FINALIZED,
        "note": meeting.note,
    }


# --------------------------------------------------------------------------- rendering


def minutes_document_context(meeting: Meeting, kind: str) -> dict:
    """The context of one of the two documents: ``minutes_context`` with the document's own titles and the
    common keys every template knows (co_quan_ban_hanh, co_quan_chu_quan, dia_danh, ngay)."""
    ctx = minutes_context(meeting)
    ctx["kind"] = kind
    ctx["doc_title"] = "BIÊN BẢN"
    ctx["doc_subtitle"] = _subtitle(kind, ctx["council"]["name"], ctx["school_year"])
    ctx["date_value"] = meeting.day
    ctx.update({"co_quan_ban_hanh": meeting.council.name, "co_quan_chu_quan": ctx["unit"],
                "dia_danh": ctx["place"], "ngay": meeting.day})
    ctx.update(_vietnamese_keys(ctx))
    return ctx


def _vietnamese_keys(ctx: dict) -> dict:
    """The names the documents layer's «Biên bản họp Hội đồng» gives the same facts, so a template written
    for it reads a meeting's minutes too (the built-in layout reads the keys above)."""
    rows = ctx["questions"] if ctx["kind"] == "bien-ban" else ctx["secret_questions"]
    return {
        "ten_hoi_dong": ctx["council"]["name"], "dia_diem": ctx["meeting_place"],
        "thoi_gian_bat_dau": ctx["starts_at"], "thoi_gian_ket_thuc": ctx["ends_at"],
        "chu_tri": {"ho_ten": ctx["chair"]["name"], "chuc_vu": ctx["chair"]["role"]},
        "thu_ky": {"ho_ten": ctx["secretary"]["name"], "chuc_vu": ctx["secretary"]["role"]},
        "tong_so_thanh_vien": ctx["quorum"]["total"], "so_co_mat": ctx["quorum"]["present"],
        "hop_le": ctx["quorum"]["reached"],
        "co_mat": [{"ho_ten": m["name"], "chuc_vu": m["role"]} for m in ctx["members_present"]],
        "vang_mat": [{"ho_ten": m["name"], "chuc_vu": m["role"], "ly_do": m["reason"]} for m in ctx["members_absent"]],
        "ket_qua": [{"stt": n, "noi_dung": x["title"], "doi_tuong": x["candidate"], "danh_hieu": x["award_type"],
                     "dong_y": x["votes_for"], "khong_dong_y": x["votes_against"], "ket_qua": x["result_label"],
                     "dat": x["passed"]} for n, x in enumerate(rows, start=1)],
    }


def _subtitle(kind: str, council: str, school_year: str) -> str:
    return (f"Họp {council} năm học {school_year}" if kind == "bien-ban"
            else f"Kiểm phiếu bầu kín – {council} năm học {school_year}")


@in_vietnamese
def render_minutes(meeting: Meeting, kind: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of one of the two documents, through ``render_document``: the
    council's unit's uploaded template for the code when there is one, else the built-in layout."""
    if kind not in KINDS or fmt not in FORMATS:
        raise ValueError(f"Không có mẫu «{kind}.{fmt}».")
    rendered = render_document(code=CODES[kind], context=minutes_document_context(meeting, kind), fmt=fmt,
                               unit=meeting.council.unit)
    name = f"{kind}-{meeting.pk}-{meeting.day:%Y%m%d}.{fmt}"
    return rendered.content, rendered.content_type, name


def minutes_spec(ctx: dict) -> layout.DocumentSpec:
    """The minutes as a tdkt.documents DocumentSpec (Nghị định 30 layout)."""
    L = layout  # noqa: N806 - named as tdkt.documents' builders name the layout module
    body: list[L.Block] = []
    for style, text in _body_lines(ctx):
        if style == "h":
            body.append(L.heading(text))
        elif style == "b":
            body.append(L.para(text, bold=True, keep_with_next=True))
        elif style == "li":
            body.append(L.Paragraph([L.Run(text)], indent=False, left_indent_mm=8))
        else:
            body.append(L.para(text))
    signers = [L.Signer(heading=title, name=name, note="(Ký, ghi rõ họ tên)") for title, name in _signers(ctx)]
    return L.DocumentSpec(
        doc_type=L.BIEN_BAN,
        issuer=L.Issuer(name=ctx["issuer_council"], parent=ctx["issuer"], place=ctx["place"]),
        title=ctx["doc_subtitle"], symbol=ctx["document_symbol"], date=ctx["date_value"],
        body=body, signers=signers, filename=f"{ctx['kind']}-hoi-dong",
    )


def _body_lines(ctx: dict) -> list[tuple[str, str]]:
    """The body as (style, text) lines, shared by DOCX and PDF so both say the same."""
    lines: list[tuple[str, str]] = []
    add = lines.append
    if ctx["kind"] == "bien-ban":
        add(("p", f"Thời gian: bắt đầu lúc {ctx['starts_at']}."))
        add(("p", f"Địa điểm: {ctx['meeting_place']}."))
        add(("p", f"Nội dung: {ctx['title']}, năm học {ctx['school_year']}."))
        add(("p", f"Hội đồng được thành lập theo {ctx['council']['decision_text']}, gồm {ctx['members_total']} "
                  "thành viên."))
        add(("p", f"Chủ trì: {ctx['chair']['name']} – {ctx['chair']['role']}. "
                  f"Thư ký: {ctx['secretary']['name']} – {ctx['secretary']['role']}."))
        add(("h", f"I. THÀNH PHẦN THAM DỰ: {ctx['quorum']['present']}/{ctx['quorum']['total']} thành viên"))
        for i, m in enumerate(ctx["members_present"], 1):
            add(("li", f"{i}. {m['name']} – {m['role']}"))
        if ctx["members_absent"]:
            add(("p", f"Vắng mặt: {len(ctx['members_absent'])} thành viên"))
            for i, m in enumerate(ctx["members_absent"], 1):
                add(("li", f"{i}. {m['name']} – {m['role']} (lý do: {m['reason']})"))
        add(("p", f"Điều kiện hợp lệ: {ctx['quorum']['text']}"))
        add(("h", "II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT"))
        for x in ctx["questions"]:
            add(("b", f"{x['order']}. {x['title']}"))
            add(("li", f"Hình thức: {x['method_label']}. Quy định áp dụng: {x['rule_summary']} ({x['citation']})."))
            if x["recused"]:
                add(("li", "Không biểu quyết (là người được xét): " + ", ".join(x["recused"]) + "."))
            if x["closed"]:
                add(("li", f"Đồng ý: {x['votes_for']}; không đồng ý: {x['votes_against']}; phiếu trắng / không biểu "
                           f"quyết: {x['votes_blank']}; không hợp lệ: {x['votes_invalid']}."))
                if x["written"]["total"]:
                    add(("li", f"Ý kiến bằng văn bản của thành viên vắng mặt: {x['written']['total']} "
                               f"({'được tính' if x['written']['counted'] else 'không tính theo quy định'})."))
                add(("li", f"Kết quả: {x['arithmetic']}"))
                for note in x["notes"]:
                    add(("li", note))
                for line in x["lines"]:
                    add(("li", f"Dòng «{line['name']}»: {line['member']} (thành viên Hội đồng) không biểu quyết "
                               f"dòng của mình; kết quả dòng này: {line['arithmetic']}"))
            else:
                add(("li", "Không biểu quyết tại cuộc họp."))
        add(("h", "III. KẾT LUẬN"))
        if ctx["results"]["passed"]:
            add(("p", "Hội đồng thống nhất đề nghị:"))
            for i, x in enumerate(ctx["results"]["passed"], 1):
                add(("li", f"{i}. {x['title']}"))
        else:
            add(("p", "Không có nội dung nào đạt tỷ lệ biểu quyết theo quy định."))
        if ctx["note"]:
            add(("p", f"Ý kiến khác: {ctx['note']}"))
        end = f"Cuộc họp kết thúc lúc {ctx['ends_at']}." if ctx["ends_at"] else "Cuộc họp kết thúc cùng ngày."
        add(("p", end + " Biên bản đã được thông qua trước các thành viên dự họp."))
    else:
        add(("p", f"Hội đồng: {ctx['council']['name']} ({ctx['council']['decision_text']}), "
                  f"tổng số {ctx['members_total']} thành viên; có mặt {ctx['quorum']['present']}."))
        add(("p", f"Thời gian kiểm phiếu: {ctx['date']}, tại {ctx['meeting_place']}."))
        if not ctx["secret_questions"]:
            add(("p", "Không có nội dung nào bỏ phiếu kín."))
        for x in ctx["secret_questions"]:
            add(("b", f"{x['order']}. {x['title']}"))
            add(("li", f"Số phiếu phát ra / thu vào tại cuộc họp: {x['ballots_cast']}; ý kiến bằng văn bản: "
                       f"{x['written']['total']}."))
            add(("li", f"Đồng ý: {x['votes_for']}; không đồng ý: {x['votes_against']}; phiếu trắng: "
                       f"{x['votes_blank']}; không hợp lệ: {x['votes_invalid']}."))
            add(("li", f"Kết quả: {x['arithmetic']}"))
            for note in x["notes"]:
                add(("li", note))
        add(("p", "Biên bản kiểm phiếu được lập và công bố trước Hội đồng."))
    return lines


def _signers(ctx: dict) -> list[tuple[str, str]]:
    return [("THƯ KÝ", ctx["secretary"]["name"]), ("CHỦ TỊCH HỘI ĐỒNG", ctx["chair"]["name"])]


# --------------------------------------------------------------------------- the documents layer's builders

_PEOPLE_ROWS = [("name", "Họ và tên"), ("role", "Vai trò trong Hội đồng")]
_QUESTION_ROWS = [("order", "STT"), ("title", "Nội dung biểu quyết"), ("method_label", "Hình thức"),
                  ("votes_for", "Đồng ý"), ("votes_against", "Không đồng ý"), ("result_label", "Kết quả")]
_KEYS = [
    ("issuer / issuer_council", "Đơn vị và tên Hội đồng, in hoa (khối cơ quan ban hành)."),
    ("place", "Địa danh."),
    ("title", "Tên cuộc họp."),
    ("school_year", "Năm học, ví dụ «2025-2026»."),
    ("date / date_short", "Ngày họp dạng chữ («ngày 20 tháng 5 năm 2026») và dạng số («20/05/2026»)."),
    ("starts_at / ends_at", "Giờ bắt đầu, kết thúc («14 giờ 00 phút, ngày …»)."),
    ("meeting_place", "Địa điểm họp."),
    ("council", "Hội đồng: name, kind_label, decision_number, decision_date, decision_text (quyết định thành lập)."),
    ("chair / secretary", "Chủ trì, thư ký: name, role."),
    ("members_total", "Tổng số thành viên Hội đồng."),
    ("members_present", "Thành viên có mặt: name, role."),
    ("members_absent", "Thành viên vắng mặt: name, role, reason."),
    ("quorum", "Điều kiện hợp lệ: total, present, required, share, reached (True/False), text — do phần Hội "
               "đồng tính theo quy định."),
    ("questions", "Các nội dung biểu quyết: order, title, candidate, method_label, rule_summary, citation, "
                  "votes_for, votes_against, votes_blank, votes_invalid, arithmetic, passed, result_label."),
    ("secret_questions", "Các nội dung bỏ phiếu kín đã kiểm phiếu (như questions, thêm ballots_cast)."),
    ("results", "Kết quả: passed, not_passed, not_voted (mỗi mục là danh sách như questions)."),
    ("note", "Ý kiến khác."),
    ("doc_subtitle", "Trích yếu của biên bản."),
    ("ten_hoi_dong / dia_diem / thoi_gian_bat_dau / thoi_gian_ket_thuc",
     "Như mẫu «Biên bản họp Hội đồng Thi đua - Khen thưởng»: tên Hội đồng, địa điểm, giờ bắt đầu, kết thúc."),
    ("chu_tri / thu_ky", "Chủ trì, thư ký: ho_ten, chuc_vu."),
    ("tong_so_thanh_vien / so_co_mat / hop_le", "Tổng số thành viên, số có mặt, cuộc họp hợp lệ (True/False)."),
    ("co_mat / vang_mat", "Thành viên có mặt (ho_ten, chuc_vu), vắng mặt (ho_ten, chuc_vu, ly_do)."),
    ("ket_qua", "Kết quả từng nội dung (biên bản kiểm phiếu: các nội dung bỏ phiếu kín): stt, noi_dung, doi_tuong, "
                "danh_hieu, dong_y, khong_dong_y, ket_qua, dat."),
]


def _sample_question(order: int, title: str, passed: bool, votes_for: int) -> dict:
    return {
        "id": order, "order": order, "title": title, "kind": "person", "candidate": title.split("– ")[-1],
        "award_type": "Chiến sĩ thi đua cơ sở", "method": "secret", "method_label": "Bỏ phiếu kín",
        "secret": True, "rule": "Tỷ lệ phiếu đồng ý", "rule_summary": "từ 70% tổng số thành viên Hội đồng",
        "citation": "Khoản 6 Điều 21 Nghị định 152/2025/NĐ-CP", "status": "closed", "status_label": "Đã kết thúc",
        "closed": True, "votes_for": votes_for, "votes_against": 9 - votes_for, "votes_blank": 0,
        "votes_invalid": 0,
        "written": {"for": 0, "against": 0, "blank": 0, "invalid": 0, "total": 0, "counted": False},
        "ballots_cast": 9, "base": 9, "arithmetic": f"{votes_for}/9 = {votes_for * 100 // 9}% "
                                                      f"({'đạt' if passed else 'không đạt'} ≥ 70%)",
        "notes": [], "recused": [], "lines": [], "passed": passed, "result_label": "Đạt" if passed else "Không đạt",
    }


def sample_minutes(kind: str = "bien-ban") -> dict:
    """A plain context of the same shape as ``minutes_document_context`` (for the template check)."""
    import datetime as dt

    council = "Hội đồng Thi đua - Khen thưởng Trường Tiểu học Đinh Tiên Hoàng"
    members = [{"name": n, "role": r, "position": ""} for n, r in (
        ("Trần Thị Bình", "Chủ tịch"), ("Nguyễn Văn An", "Phó Chủ tịch"), ("Lê Thị Hồng", "Thành viên"),
        ("Phạm Minh Đức", "Thành viên"), ("Đỗ Thị Ngọc", "Thành viên"), ("Hoàng Văn Sơn", "Thành viên"),
        ("Vũ Thị Yến", "Thư ký"), ("Ngô Thị Mai", "Thành viên"))]
    questions = [_sample_question(1, "Chiến sĩ thi đua cơ sở – Nguyễn Thị Lan", True, 8),
                 _sample_question(2, "Chiến sĩ thi đua cơ sở – Lê Quốc Cường", False, 5)]
    day = dt.date(2026, 5, 20)
    ctx = {
        "kind": kind, "kind_titles": KINDS, "quoc_hieu": QUOC_HIEU, "tieu_ngu": TIEU_NGU,
        "issuer_parent": "UBND PHƯỜNG SÀI GÒN", "issuer": "TRƯỜNG TIỂU HỌC ĐINH TIÊN HOÀNG",
        "issuer_council": council.upper(), "document_symbol": "BB-HĐTĐKT", "place": "Sài Gòn",
        "place_date": "Sài Gòn, ngày 20 tháng 5 năm 2026", "unit": "Trường Tiểu học Đinh Tiên Hoàng",
        "council": {"name": council, "kind": "tdkt", "kind_label": "Hội đồng Thi đua - Khen thưởng",
                    "decision_number": "15/QĐ-THĐTH", "decision_date": "05/09/2025",
                    "decision_text": "Quyết định số 15/QĐ-THĐTH ngày 05 tháng 9 năm 2025 của Hiệu trưởng"},
        "title": "Họp xét thi đua, khen thưởng", "school_year": "2025-2026",
        "date": "ngày 20 tháng 5 năm 2026", "date_short": "20/05/2026",
        "starts_at": "14 giờ 00 phút, ngày 20 tháng 5 năm 2026", "ends_at": "16 giờ 30 phút, ngày 20 tháng 5 năm 2026",
        "meeting_place": "Phòng họp Trường Tiểu học Đinh Tiên Hoàng",
        "chair": {"name": "Trần Thị Bình", "role": "Chủ tịch"}, "secretary": {"name": "Vũ Thị Yến", "role": "Thư ký"},
        "members_total": 9, "members_present": members,
        "members_absent": [{"name": "Bùi Văn Tâm", "role": "Thành viên", "position": "", "reason": "nghỉ ốm",
                            "recorded": True}],
        "quorum": {"total": 9, "present": 8, "required": 6, "share": "2/3", "reached": True,
                   "text": "8/9 thành viên có mặt, đủ 2/3 theo quy định; cuộc họp hợp lệ."},
        "questions": questions, "secret_questions": questions,
        "results": {"passed": questions[:1], "not_passed": questions[1:], "not_voted": []},
        "status": "finalized", "status_label": "Đã chốt", "is_final": True, "note": "",
        "doc_title": "BIÊN BẢN", "doc_subtitle": _subtitle(kind, council, "2025-2026"), "date_value": day,
        "co_quan_ban_hanh": council, "co_quan_chu_quan": "Trường Tiểu học Đinh Tiên Hoàng", "dia_danh": "Sài Gòn",
        "ngay": day,
    }
    ctx.update(_vietnamese_keys(ctx))
    return ctx


def _build(kind: str):
    def build(ctx) -> layout.DocumentSpec:
        return minutes_spec({**ctx, "kind": kind})
    return build


def register_builders() -> None:
    """Register the two minutes with the documents layer (called from MeetingsConfig.ready(): the
    documents layer never imports the meetings app)."""
    from tdkt.documents.builders.common import REGISTRY, Builder, register

    names = {"bien-ban": "Biên bản họp Hội đồng (lập từ cuộc họp trên hệ thống)",
             "kiem-phieu": "Biên bản kiểm phiếu bầu kín (lập từ cuộc họp trên hệ thống)"}
    descriptions = {
        "bien-ban": "Biên bản một cuộc họp Hội đồng đã ghi trên hệ thống: thành phần, điều kiện hợp lệ, từng nội "
                    "dung biểu quyết với số phiếu và phép tính, kết luận.",
        "kiem-phieu": "Biên bản kiểm phiếu các nội dung bỏ phiếu kín của một cuộc họp Hội đồng trên hệ thống.",
    }
    for kind, code in CODES.items():
        if code in REGISTRY:
            continue
        register(Builder(code=code, name=names[kind], doc_type=layout.BIEN_BAN, build=_build(kind),
                         sample=lambda kind=kind: sample_minutes(kind), keys=_KEYS, description=descriptions[kind],
                         rows={"members_present": _PEOPLE_ROWS,
                               "members_absent": [*_PEOPLE_ROWS, ("reason", "Lý do vắng")],
                               "questions": _QUESTION_ROWS,
                               "ket_qua": [("stt", "STT"), ("doi_tuong", "Tập thể, cá nhân"),
                                           ("danh_hieu", "Danh hiệu"), ("dong_y", "Đồng ý"),
                                           ("khong_dong_y", "Không đồng ý"), ("ket_qua", "Đạt / Không đạt")]}))
