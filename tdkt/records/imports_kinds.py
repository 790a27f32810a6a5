"""The kinds of Excel import besides award history (``imports.AWARDS``): the staff
list, yearly ratings and initiatives. Each is an ``ImportSpec``: columns with
Vietnamese headers and the aliases people write, a check of one chunk of rows
(parse them, find the people and units, mark rows already on file and rows that
repeat an earlier one, of any earlier chunk), and a write of one chunk through
the set-wise services, so every record created has its audit row and a chunk
costs a fixed number of queries. Initiatives take a first pass over the file
(``prepare``, no queries) because the authors of one initiative may be rows far
apart.

Idempotency keys (a second import of the same file changes nothing):
staff — the person (national ID, else name + birth date) and the post (unit,
position, start date); ratings — person and school year with the same rating;
initiatives — title, school year and decision number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tdkt.accounts.access import person_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.vi import fold, format_date_short, split_full_name
from tdkt.people.choices import Gender, Position
from tdkt.people.models import Employment, Person

from . import imports
from .choices import InitiativeKind, Scope, TaskRating
from .imports import (
    AWARDS,
    BIRTH_NOTE,
    NAME_NOTE,
    UNIT_NOTE,
    YEAR_NOTE,
    Column,
    ImportSpec,
    RowResult,
    Run,
    UnitIndex,
    _compact,
    _units,
    choice_labels,
    find_choice,
    match_people,
    parse_date,
    parse_unit,
    parse_year,
    refused_write,
    unit_on,
)
from .models import Initiative, PersonRating
from .services import decision_key


def _labels(choices) -> str:
    return ", ".join(f"«{label}»" for _, label in choice_labels(choices))


def _every(rows: list[RowResult]):
    for row in rows:
        if row.status != "example":
            yield row, row.extra["cells"]


# --------------------------------------------------------------------------- staff list


POSITION_ALIASES = {
    "GV": Position.GIAO_VIEN, "NV": Position.NHAN_VIEN, "HT": Position.HIEU_TRUONG,
    "PHT": Position.PHO_HIEU_TRUONG, "TT": Position.TO_TRUONG, "TTCM": Position.TO_TRUONG,
    "TP": Position.TO_PHO, "TPCM": Position.TO_PHO, "CV": Position.CHUYEN_VIEN,
}


def _staff_parse(row: RowResult, cells: dict[str, Any], units: UnitIndex) -> None:
    v = row.values
    family, middle, given = split_full_name(v["full_name"])
    if not v["full_name"]:
        row.error("full_name", "Thiếu họ và tên.")
    elif not family:
        row.error("full_name", f"«{v['full_name']}»: hãy ghi đủ họ và tên (ví dụ «Nguyễn Văn An»).")
    elif len(family) > 60 or len(middle) > 100 or len(given) > 60:
        row.error("full_name", "Họ và tên dài quá mức cho phép.")
    row.extra.update(family_name=family, middle_name=middle, given_name=given)
    row.birth_date = parse_date(row, "birth_date", cells.get("birth_date"), "ngày sinh")
    gender = ""
    if v["gender"]:
        gender = find_choice(v["gender"], Gender, {"nữ": Gender.FEMALE, "female": Gender.FEMALE,
                                                   "male": Gender.MALE}) or ""
        if not gender:
            row.error("gender", f"Giới tính «{v['gender']}» không hợp lệ: ghi «Nam» hoặc «Nữ».")
    row.extra["gender"] = gender
    national_id = v["national_id"].replace(" ", "").replace(".", "")
    if national_id and (not national_id.isdigit() or len(national_id) not in (9, 12)):
        row.error("national_id", f"Số định danh «{v['national_id']}» không hợp lệ: gồm 12 chữ số (CMND cũ: 9 chữ "
                                 "số). Trong Excel hãy định dạng ô là Văn bản (Text) để giữ số 0 ở đầu.")
    row.extra["national_id"] = national_id or None
    if not v["unit"]:
        row.error("unit", "Thiếu đơn vị công tác. Hãy ghi tên hoặc mã đơn vị.")
    else:
        parse_unit(row, units)
    position = find_choice(v["position"], Position, POSITION_ALIASES) if v["position"] else None
    if not v["position"]:
        row.error("position", f"Thiếu chức vụ. Hãy ghi một trong: {_labels(Position)}.")
    elif position is None:
        row.error("position", f"Chức vụ «{v['position']}» không có trong danh mục. Hãy ghi một trong: "
                              f"{_labels(Position)}.")
    row.extra["position"] = position
    row.extra["title_note"] = v["title_note"][:150]
    start = parse_date(row, "start_date", cells.get("start_date"), "ngày bắt đầu công tác")
    if start and row.birth_date and start <= row.birth_date:
        row.error("start_date", f"Ngày bắt đầu công tác ({format_date_short(start)}) phải sau ngày sinh.")
        start = None
    row.extra["start_date"] = start
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            row.error("email", f"Thư điện tử «{v['email']}» không hợp lệ.")
    if len(v["phone"]) > 20:
        row.error("phone", "Số điện thoại dài quá 20 ký tự.")


def _staff_check(run: Run, rows: list[RowResult]) -> None:
    units = run.once("units", lambda: UnitIndex(run.user, Perm.CHANGE_PERSON, blank_hint=""))
    for row, cells in _every(rows):
        _staff_parse(row, cells, units)
    # The same person twice in the file (in any earlier chunk): say which row came first.
    # (folded name, birth date) -> (row number, national ID); national ID -> row number.
    first: dict[tuple, tuple[int, str | None]] = run.cache.setdefault("first", {})
    first_id: dict[str, int] = run.cache.setdefault("first_id", {})
    for row in rows:
        if row.status == "example" or not row.values["full_name"] or row.birth_date is None:
            continue
        key = (fold(row.values["full_name"]), row.birth_date)
        nid = row.extra["national_id"]
        if key in first:
            row.error("full_name", f"«{row.values['full_name']}» sinh ngày {format_date_short(row.birth_date)} "
                                   f"đã có ở dòng {first[key][0]}. Mỗi người chỉ ghi một dòng; hai người trùng "
                                   "họ tên và ngày sinh thì hãy ghi Số định danh để phân biệt.")
            if not nid or nid == first[key][1]:
                continue
        first.setdefault(key, (row.number, nid))
        if nid and nid in first_id:
            row.error("national_id", f"Số định danh {nid} đã có ở dòng {first_id[nid]}.")
        elif nid:
            first_id[nid] = row.number
    ready = [r for r in rows if r.status == "new"]
    scope = person_scope_q(run.user, Perm.CHANGE_PERSON)
    ids = sorted({r.extra["national_id"] for r in ready if r.extra["national_id"]})
    by_id: dict[str | None, Person] = {}  # national_id__in: never None, but the column may be
    in_scope: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        by_id.update({p.national_id: p for p in Person.objects.filter(national_id__in=chunk)})
        in_scope |= set(Person.objects.filter(scope, national_id__in=chunk).values_list("pk", flat=True))
    by_name: dict[str, list[Person]] = defaultdict(list)
    names = sorted({fold(r.values["full_name"])[:255] for r in ready})
    births = sorted({r.birth_date for r in ready if r.birth_date})  # only a namesake born the same day is this person
    for i in range(0, len(names), 500):
        for p in Person.objects.filter(scope, search_name__in=names[i:i + 500], birth_date__in=births):
            by_name[p.search_name].append(p)
    for row in ready:
        assert row.birth_date is not None  # a required column: a row without it is an error, not ready
        shown = f"«{row.values['full_name']}» sinh ngày {format_date_short(row.birth_date)}"
        nid = row.extra["national_id"]
        if nid and nid in by_id:
            person = by_id[nid]
            if person.pk not in in_scope:
                row.error("national_id", f"Số định danh {nid} đã có trong hồ sơ của một người ngoài các đơn vị bạn "
                                         "phụ trách. Hãy liên hệ đơn vị quản lý người đó để chuyển công tác.")
            elif fold(person.full_name) != fold(row.values["full_name"]) or person.birth_date != row.birth_date:
                born = format_date_short(person.birth_date) if person.birth_date else "chưa rõ"
                row.error("national_id", f"Số định danh {nid} là của «{person}» (sinh ngày {born}), khác với {shown}. "
                                         "Hãy kiểm tra lại số định danh.")
            else:
                row.person = person
            continue
        same = [p for p in by_name.get(fold(row.values["full_name"])[:255], []) if p.birth_date == row.birth_date]
        same = [p for p in same if not (nid and p.national_id and p.national_id != nid)]
        if len(same) > 1:
            row.error("full_name", f"Có {len(same)} người {shown} trong các đơn vị bạn phụ trách. Hãy ghi Số định "
                                   "danh để phân biệt.")
        elif same:
            row.person = same[0]
    # Posts already on file: the same unit, position and start date is this row again.
    matched = [r for r in ready if r.status == "new" and r.person is not None]
    posts: dict[int, list[Employment]] = defaultdict(list)
    pks = sorted({r.known_person.pk for r in matched})
    for i in range(0, len(pks), 500):
        for e in Employment.objects.filter(person_id__in=pks[i:i + 500]):
            posts[e.person_id].append(e)
    for row in matched:
        start, position = row.extra["start_date"], row.extra["position"]
        for e in posts[row.known_person.pk]:
            if e.unit_id != row.known_unit.pk or e.position != position:
                continue
            if e.start_date == start:
                row.status, row.note = "exists", "Đã có trong hồ sơ – bỏ qua."
                break
            if e.end_date is None or e.end_date >= start:  # the imported post is open-ended
                until = format_date_short(e.end_date) if e.end_date else "nay"
                row.error("start_date", f"{row.person} đã giữ chức vụ {e.get_position_display()} tại {row.known_unit.name} "
                                        f"từ {format_date_short(e.start_date)} đến {until}; hai giai đoạn không được "
                                        "chồng nhau. Hãy kiểm tra lại ngày bắt đầu công tác.")
                break
        else:
            row.note = "Đã có hồ sơ cá nhân – thêm quá trình công tác."


def _staff_write(run: Run, rows: list[RowResult]) -> list[int]:
    """One chunk through the set-wise people service (the same checks and audit rows
    as creating each person and post by hand)."""
    from tdkt.people.services import people_import_bulk

    try:
        created = people_import_bulk(actor=run.user, rows=[
            {"n": r.number, "person": r.person, "family_name": r.extra["family_name"],
             "middle_name": r.extra["middle_name"], "given_name": r.extra["given_name"],
             "birth_date": r.birth_date, "gender": r.extra["gender"], "national_id": r.extra["national_id"],
             "email": r.values["email"], "phone": r.values["phone"], "unit": r.unit,
             "position": r.extra["position"], "start_date": r.extra["start_date"],
             "title_note": r.extra["title_note"]}
            for r in rows])
    except DomainValidationError as exc:
        raise refused_write(exc) from exc
    return [e.pk for e in created]


STAFF = ImportSpec(
    code="can-bo",
    title="Danh sách cán bộ, giáo viên, nhân viên",
    sheet="Cán bộ",
    noun="người",
    intro="Mỗi dòng là một cán bộ, giáo viên, nhân viên và chức vụ của người đó tại một đơn vị. Người đã có hồ sơ "
          "(cùng số định danh, hoặc cùng họ tên và ngày sinh) được thêm quá trình công tác, không tạo hồ sơ mới.",
    columns=(
        Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten can bo", "ten can bo"), NAME_NOTE, 28),
        Column("birth_date", "Ngày sinh", True, ("ngay thang nam sinh", "sinh ngay"),
               "Ngày sinh dạng dd/mm/yyyy (ví dụ 07/03/1985).", 13, True),
        Column("gender", "Giới tính", False, ("gioi", "nam nu"), "«Nam» hoặc «Nữ».", 10),
        Column("national_id", "Số định danh cá nhân", False,
               ("so dinh danh", "so cccd", "cccd", "can cuoc cong dan", "so can cuoc", "so cmnd", "cmnd cccd"),
               "Số định danh / CCCD 12 chữ số (CMND cũ 9 chữ số); định dạng ô là Văn bản để giữ số 0 ở đầu.",
               18, True),
        Column("unit", "Đơn vị", True, ("don vi cong tac", "noi cong tac", "truong", "ma don vi"),
               "Tên hoặc mã đơn vị (trường, tổ) trong phạm vi bạn phụ trách.", 36),
        Column("position", "Chức vụ", True, ("chuc vu vi tri", "vi tri", "vi tri viec lam", "chuc danh"),
               "Một trong: " + ", ".join(label for _, label in choice_labels(Position)) + " (hoặc viết tắt GV, NV, HT, PHT, TTCM...).", 18),
        Column("title_note", "Nhiệm vụ/Môn dạy", False, ("mon day", "nhiem vu", "chuyen mon"),
               "Không bắt buộc, ví dụ «Toán», «Kế toán».", 18),
        Column("start_date", "Ngày bắt đầu công tác", True,
               ("ngay bat dau", "tu ngay", "ngay nhan cong tac", "ngay ve truong", "ngay bat dau cong tac tai don vi"),
               "Ngày bắt đầu giữ chức vụ tại đơn vị này, dd/mm/yyyy.", 16, True),
        Column("email", "Thư điện tử", False, ("email", "e mail", "thu dien tu"), "Không bắt buộc.", 26),
        Column("phone", "Điện thoại", False, ("so dien thoai", "dien thoai di dong", "sdt"), "Không bắt buộc.", 14,
               True),
    ),
    example=("Nguyễn Văn An", "07/03/1985", "Nam", "079085000001", "Trường Tiểu học Đinh Tiên Hoàng", "Giáo viên",
             "Toán", "01/09/2020", "an.nv@example.edu.vn", "0901234567"),
    check=_staff_check,
    write=_staff_write,
    guide=(
        "Mỗi dòng là một người và chức vụ của người đó tại một đơn vị; người làm hai chức vụ thì ghi ở hai lần "
        "nhập khác nhau.",
        "Người đã có trong hệ thống (cùng Số định danh, hoặc cùng Họ và tên + Ngày sinh) không bị tạo hồ sơ mới: "
        "chỉ thêm quá trình công tác.",
        "Tải lên lại cùng một tệp không tạo bản ghi trùng: người đã có cùng đơn vị, chức vụ và ngày bắt đầu sẽ được "
        "bỏ qua.",
    ),
    catalogues=lambda: [("Chức vụ", ("Chức vụ", "Viết tắt"),
                         [(label, ", ".join(a for a, v in POSITION_ALIASES.items() if v == value))
                          for value, label in choice_labels(Position)])],
    perm=Perm.CHANGE_PERSON,
)


# --------------------------------------------------------------------------- yearly ratings


RATING_ALIASES = {
    "HTXSNV": TaskRating.EXCELLENT, "HTXS": TaskRating.EXCELLENT, "Hoàn thành xuất sắc": TaskRating.EXCELLENT,
    "HTTNV": TaskRating.GOOD, "HTT": TaskRating.GOOD, "Hoàn thành tốt": TaskRating.GOOD,
    "HTNV": TaskRating.DONE, "HT": TaskRating.DONE, "Hoàn thành": TaskRating.DONE,
    "KHTNV": TaskRating.NOT_DONE, "KHT": TaskRating.NOT_DONE, "Không hoàn thành": TaskRating.NOT_DONE,
}


def _rating_check(run: Run, rows: list[RowResult]) -> None:
    units = _units(run, rows)
    for row, cells in _every(rows):
        v = row.values
        if not v["full_name"]:
            row.error("full_name", "Thiếu họ và tên.")
        row.birth_date = parse_date(row, "birth_date", cells.get("birth_date"), "ngày sinh")
        parse_unit(row, units)
        parse_year(row)
        rating = find_choice(v["rating"], TaskRating, RATING_ALIASES) if v["rating"] else None
        if rating is None:
            what = f"Mức xếp loại «{v['rating']}» không có trong danh mục" if v["rating"] else "Thiếu mức xếp loại"
            row.error("rating", f"{what}. Hãy ghi một trong: {_labels(TaskRating)} (hoặc HTXSNV, HTTNV, HTNV, "
                                "KHTNV).")
        row.extra["rating"] = rating
        row.extra["note"] = v["note"][:300]
    match_people(run.user, rows, day_of=lambda r: dt.date(r.start_year + 1, 5, 31) if r.start_year else None)
    ready = [r for r in rows if r.status == "new"]
    on_file: dict[tuple, PersonRating] = {}
    pks = sorted({r.known_person.pk for r in ready})
    if pks:
        for pr in PersonRating.objects.filter(person_id__in=pks).select_related("school_year"):
            on_file[(pr.person_id, pr.school_year.start_year)] = pr
    # (person, year) -> (row number, rating) of the rows to write, kept for the whole pass. Earlier rows
    # are looked up first: on commit, earlier chunks are already written.
    seen: dict[tuple, tuple[int, str]] = run.cache.setdefault("seen", {})
    labels = dict(choice_labels(TaskRating))
    for row in ready:
        key = (row.known_person.pk, row.start_year)
        rating = row.extra["rating"]
        if key in seen:
            number, earlier = seen[key]
            if earlier == rating:
                row.status, row.note = "duplicate", f"Trùng dòng {number} – bỏ qua."
            else:
                row.error("rating", f"Dòng {number} đã xếp loại {row.person} năm học "
                                    f"{row.values['school_year']} là «{labels[earlier]}». Mỗi người "
                                    "chỉ có một mức xếp loại trong một năm học.")
            continue
        if key in on_file:
            pr = on_file[key]
            if pr.rating == rating:
                row.status, row.note = "exists", "Đã có trong hồ sơ – bỏ qua."
            else:
                row.error("rating", f"{row.person} đã được xếp loại «{pr.get_rating_display()}» năm học "
                                    f"{pr.school_year}. Muốn đổi mức xếp loại thì hãy sửa ở hồ sơ cá nhân (thay đổi "
                                    "được ghi nhật ký), không nhập lại.")
            continue
        seen[key] = (row.number, rating)


def _rating_write(run: Run, rows: list[RowResult]) -> list[int]:
    """One chunk through the set-wise service (the same checks and audit rows as
    ``person_rating_set``)."""
    from . import services

    try:
        created = services.person_ratings_add_bulk(actor=run.user, rows=[
            {"n": r.number, "person": r.person, "school_year": (year := run.year_for(r)), "rating": r.extra["rating"],
             "unit": r.unit or unit_on(r.known_person, year.end_date), "note": r.extra["note"]}
            for r in rows])
    except DomainValidationError as exc:
        raise refused_write(exc) from exc
    return [obj.pk for obj in created]


RATINGS = ImportSpec(
    code="xep-loai",
    title="Đánh giá, xếp loại hằng năm",
    sheet="Xếp loại",
    noun="dòng xếp loại",
    intro="Mỗi dòng là mức xếp loại hoàn thành nhiệm vụ của một cá nhân trong một năm học.",
    columns=(
        *imports.PERSON_YEAR_COLUMNS,
        Column("rating", "Xếp loại", True,
               ("muc xep loai", "xep loai danh gia", "danh gia xep loai", "ket qua danh gia", "danh gia",
                "muc do hoan thanh nhiem vu", "xep loai muc do hoan thanh nhiem vu"),
               "Một trong: " + ", ".join(label for _, label in choice_labels(TaskRating)) + " (hoặc viết tắt HTXSNV, HTTNV, HTNV, KHTNV).", 32),
        Column("note", "Ghi chú", False, ("ghi chu",), "Không bắt buộc.", 30),
    ),
    example=("Nguyễn Văn An", "07/03/1985", "Trường Tiểu học Đinh Tiên Hoàng", "2023-2024",
             "Hoàn thành tốt nhiệm vụ", ""),
    check=_rating_check,
    write=_rating_write,
    guide=(
        "Mỗi dòng là mức xếp loại hoàn thành nhiệm vụ của một cá nhân trong một năm học.",
        "Họ và tên + Ngày sinh phải trùng với hồ sơ cá nhân trong hệ thống; ghi Đơn vị khi có người trùng tên.",
        "Mỗi người chỉ có một mức xếp loại trong một năm học. Năm đã có xếp loại khác thì sửa ở hồ sơ cá nhân.",
        "Tải lên lại cùng một tệp không tạo bản ghi trùng: dòng đã có sẽ được bỏ qua.",
    ),
    catalogues=lambda: [("Mức xếp loại", ("Mức xếp loại", "Viết tắt"),
                         [(label, ", ".join(a for a, v in RATING_ALIASES.items() if v == value and a.isupper()))
                          for value, label in choice_labels(TaskRating)])],
)


# --------------------------------------------------------------------------- initiatives


SCOPE_ALIASES = {
    "Cơ sở": Scope.CO_SO, "Cấp tỉnh": Scope.TINH_BO, "Cấp bộ": Scope.TINH_BO, "Tỉnh": Scope.TINH_BO,
    "Bộ": Scope.TINH_BO, "Cấp tỉnh, cấp bộ": Scope.TINH_BO, "Cấp toàn quốc": Scope.TOAN_QUOC,
}
HUNDRED = Decimal(100)


def _share(row: RowResult, value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            share = Decimal(str(value))
            if share <= 1:  # a cell formatted as percent holds 0.6 for 60%
                share *= HUNDRED
        else:
            share = Decimal(str(value).replace(",", ".").replace("%", "").strip())
    except InvalidOperation:
        row.error("share", f"Tỷ lệ đóng góp «{value}» không phải là một số. Ghi ví dụ 60 hoặc 60%.")
        return None
    share = share.quantize(Decimal("0.01"))
    if not 0 < share <= HUNDRED:
        row.error("share", f"Tỷ lệ đóng góp {share}% phải lớn hơn 0 và không quá 100.")
        return None
    return share


def _initiative_group(row: RowResult) -> bytes:
    """The key of the initiative a row belongs to (same title, year and decision), as
    a 16-byte digest: one is kept per initiative for the whole pass, whatever the title's length."""
    text = f"{_compact(row.values['title'])}|{row.start_year}|{decision_key(row.values['decision_number'])}"
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _initiative_parse(row: RowResult, cells: dict[str, Any], units: UnitIndex | None) -> None:
    v = row.values
    if not v["title"]:
        row.error("title", "Thiếu tên sáng kiến, đề tài, giải pháp.")
    elif len(v["title"]) > 500:
        row.error("title", "Tên dài quá 500 ký tự.")
    kind = find_choice(v["kind"], InitiativeKind, {"SK": InitiativeKind.SANG_KIEN, "Đề tài": InitiativeKind.DE_TAI,
                                                   "Đề tài NCKH": InitiativeKind.DE_TAI}) \
        if v["kind"] else InitiativeKind.SANG_KIEN
    if kind is None:
        row.error("kind", f"Loại «{v['kind']}» không có trong danh mục. Hãy ghi một trong: "
                          f"{_labels(InitiativeKind)}.")
    row.extra["kind"] = kind
    parse_year(row)
    if not v["full_name"]:
        row.error("full_name", "Thiếu họ và tên tác giả.")
    row.birth_date = parse_date(row, "birth_date", cells.get("birth_date"), "ngày sinh")
    parse_unit(row, units)
    row.extra["share"] = _share(row, cells.get("share"))
    scope = find_choice(v["scope"], Scope, SCOPE_ALIASES) if v["scope"] else None
    if scope is None:
        what = f"Phạm vi «{v['scope']}» không có trong danh mục" if v["scope"] else "Thiếu phạm vi ảnh hưởng"
        row.error("scope", f"{what}. Hãy ghi một trong: {_labels(Scope)}.")
    row.extra["scope"] = scope
    row.decision_number = v["decision_number"]
    if len(row.decision_number) > 60:
        row.error("decision_number", "Số quyết định dài quá 60 ký tự.")
    row.decision_date = parse_date(row, "decision_date", cells.get("decision_date"), "ngày quyết định",
                                   required=False)
    if row.decision_date and not row.decision_number:
        row.error("decision_number", "Có ngày quyết định thì hãy ghi cả số quyết định công nhận.")
    row.issuer = v["recognizing_body"][:200]


@dataclass(slots=True)
class _Group:
    """What the rows of one initiative must agree on, from its first row, and its rows' numbers."""

    head: int
    kind: str | None
    scope: str | None
    decision_date: dt.date | None
    numbers: list[int]
    total: Decimal = Decimal(0)


def _initiative_prepare(run: Run, rows) -> None:
    """First pass: the rows of each initiative (which may be far apart in the file) and
    their shares, so that the check of any row knows its co-authors. No queries."""
    groups: dict[bytes, _Group] = run.cache.setdefault("groups", {})
    for row in rows:
        if row.status == "example":
            continue
        _initiative_parse(row, row.extra["cells"], None)
        if not (row.values["title"] and row.start_year):
            continue
        key = _initiative_group(row)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(row.number, row.extra["kind"], row.extra["scope"], row.decision_date, [])
        group.numbers.append(row.number)
        if row.extra["share"] is not None:
            group.total += row.extra["share"]


def _initiatives_on_file(run: Run, years: set[int]) -> set[bytes]:
    """Keys of the initiatives on file in ``years`` (each year read once per pass)."""
    on_file: set[bytes] = run.cache.setdefault("on_file", set())
    loaded: set[int] = run.cache.setdefault("on_file_years", set())
    missing = years - loaded
    if missing:
        for title, year, number in Initiative.objects.filter(school_year__start_year__in=missing).values_list(
                "title", "school_year__start_year", "decision_number").iterator():
            on_file.add(_initiative_group(RowResult(0, {"title": title, "decision_number": number or ""},
                                                    start_year=year)))
        loaded |= missing
    return on_file


def _initiative_check(run: Run, rows: list[RowResult]) -> None:
    units = _units(run, rows)
    for row, cells in _every(rows):
        _initiative_parse(row, cells, units)
    match_people(run.user, rows, day_of=lambda r: r.decision_date)

    # Rows of one initiative (same title, year and decision) must agree; authors' shares add up to 100% at most.
    groups: dict[bytes, _Group] = run.cache["groups"]
    authors: dict[tuple, int] = run.cache.setdefault("authors", {})  # (initiative, person) -> row number
    on_file = _initiatives_on_file(run, {r.start_year for r in rows if r.start_year and r.status != "example"})
    for row in rows:
        if row.status == "example" or not (row.values["title"] and row.start_year):
            continue
        key = _initiative_group(row)
        group = groups[key]
        row.extra["group"] = key
        if row.number != group.head:
            for attr, what in (("kind", "Loại"), ("scope", "Phạm vi ảnh hưởng")):
                mine, head = row.extra[attr], getattr(group, attr)
                if mine and head and mine != head:
                    row.error(attr, f"{what} khác với dòng {group.head} của cùng sáng kiến.")
            if row.decision_date != group.decision_date:
                row.error("decision_date", f"Ngày quyết định khác với dòng {group.head} của cùng sáng kiến.")
        if row.person is not None:
            if (key, row.person.pk) in authors:
                row.error("full_name", f"{row.person} đã được ghi là tác giả ở dòng {authors[key, row.person.pk]}"
                                       " của cùng sáng kiến.")
            authors[key, row.person.pk] = row.number
        if row.extra["share"] is None:
            if len(group.numbers) == 1:
                row.extra["share"] = HUNDRED
            elif not any(e.column == row.labels["share"] for e in row.errors):
                row.error("share", "Sáng kiến có nhiều tác giả: hãy ghi tỷ lệ đóng góp của từng người.")
        if row.number == group.numbers[-1] and group.total > HUNDRED:
            numbers = ", ".join(str(n) for n in group.numbers)
            row.error("share", f"Tổng tỷ lệ đóng góp của các tác giả (dòng {numbers}) là {group.total}%: không "
                               "được vượt quá 100%.")
        if key in on_file and row.status == "new":
            row.status, row.note = "exists", "Sáng kiến đã có trong hồ sơ – bỏ qua."


def _initiative_write(run: Run, rows: list[RowResult]) -> list[int]:
    """An initiative is written once its last row has been checked (its rows may be
    far apart), with the initiatives completed in the same chunk, set-wise."""
    from . import services

    groups: dict[bytes, _Group] = run.cache["groups"]
    pending: dict[bytes, dict] = run.cache.setdefault("pending", {})
    ready = []
    for row in rows:
        key = row.extra["group"]
        item = pending.get(key)
        if item is None:  # the initiative's first row: its fields
            item = pending[key] = {
                "n": row.number, "title": row.values["title"], "school_year": run.year_for(row),
                "kind": row.extra["kind"], "unit": row.unit, "recognizing_body": row.issuer,
                "scope": row.extra["scope"], "decision_number": row.decision_number,
                "decision_date": row.decision_date, "authors": []}
        item["authors"].append((row.person, row.extra["share"]))
        if row.number == groups[key].numbers[-1]:
            ready.append(pending.pop(key))
    if not ready:
        return []
    try:
        created = services.initiatives_create_bulk(actor=run.user, items=ready)
    except DomainValidationError as exc:
        raise refused_write(exc) from exc
    return [obj.pk for obj in created]


INITIATIVES = ImportSpec(
    code="sang-kien",
    title="Sáng kiến, đề tài, giải pháp",
    sheet="Sáng kiến",
    noun="dòng tác giả sáng kiến",
    intro="Mỗi dòng là một tác giả của một sáng kiến, đề tài, giải pháp; sáng kiến có nhiều tác giả thì ghi nhiều "
          "dòng cùng tên, năm học và số quyết định.",
    columns=(
        Column("title", "Tên sáng kiến", True,
               ("ten sang kien de tai giai phap", "ten sang kien de tai", "ten de tai", "sang kien", "ten giai phap"),
               "Tên đầy đủ của sáng kiến, đề tài, giải pháp.", 44),
        Column("kind", "Loại", False, ("loai sang kien",),
               "Một trong: " + ", ".join(label for _, label in choice_labels(InitiativeKind)) + "; để trống là Sáng kiến.", 14),
        Column("school_year", "Năm học", True, ("nam hoc cong nhan",), YEAR_NOTE, 12, True),
        Column("full_name", "Tác giả", True, ("ho va ten tac gia", "ho ten tac gia", "ho va ten", "ho ten"),
               "Họ và tên một tác giả (mỗi tác giả một dòng).", 28),
        Column("birth_date", "Ngày sinh", True, ("ngay sinh tac gia", "ngay thang nam sinh"), BIRTH_NOTE, 13, True),
        Column("unit", "Đơn vị", False, ("don vi cong tac", "noi cong tac", "truong", "ma don vi"), UNIT_NOTE, 30),
        Column("share", "Tỷ lệ đóng góp (%)", False, ("ty le dong gop", "ti le dong gop", "ty le", "ti le"),
               "Phần trăm đóng góp của tác giả này, ví dụ 60; tổng các tác giả không quá 100. Một tác giả thì "
               "để trống là 100.", 12),
        Column("scope", "Phạm vi ảnh hưởng", True,
               ("cap cong nhan", "pham vi cong nhan", "pham vi", "cap", "pham vi anh huong cap cong nhan"),
               "Một trong: " + ", ".join(label for _, label in choice_labels(Scope)) + ".", 20),
        Column("recognizing_body", "Cơ quan công nhận", False, ("don vi cong nhan", "hoi dong cong nhan"),
               "Không bắt buộc.", 30),
        Column("decision_number", "Số quyết định công nhận", False, ("so quyet dinh", "so qd", "so qd cong nhan"),
               "Số, ký hiệu quyết định công nhận, ví dụ 45/QĐ-GDĐT.", 18, True),
        Column("decision_date", "Ngày quyết định công nhận", False, ("ngay quyet dinh", "ngay qd", "ngay cong nhan"),
               "dd/mm/yyyy; có ngày thì phải có số quyết định.", 16, True),
    ),
    example=("Ứng dụng bản đồ tư duy trong dạy học Toán lớp 5", "Sáng kiến", "2023-2024", "Nguyễn Văn An",
             "07/03/1985", "Trường Tiểu học Đinh Tiên Hoàng", "100", "Cấp cơ sở",
             "Phòng Giáo dục và Đào tạo Quận 1", "45/QĐ-GDĐT", "20/05/2024"),
    prepare=_initiative_prepare,
    check=_initiative_check,
    write=_initiative_write,
    guide=(
        "Mỗi dòng là một tác giả của một sáng kiến; sáng kiến nhiều tác giả thì ghi nhiều dòng giống nhau ở Tên "
        "sáng kiến, Năm học và Số quyết định công nhận.",
        "Tác giả được tìm theo Họ và tên + Ngày sinh trong các đơn vị bạn phụ trách.",
        "Tải lên lại cùng một tệp không tạo bản ghi trùng: sáng kiến đã có (cùng tên, năm học, số quyết định) sẽ "
        "được bỏ qua.",
    ),
    catalogues=lambda: [("Phạm vi ảnh hưởng", ("Phạm vi",), [(label,) for _, label in choice_labels(Scope)]),
                        ("Loại", ("Loại",), [(label,) for _, label in choice_labels(InitiativeKind)])],
)


KINDS: dict[str, ImportSpec] = {s.code: s for s in (STAFF, RATINGS, INITIATIVES, AWARDS)}
