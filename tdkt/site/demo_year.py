"""The demo as a year in progress, written through the apps' own services.

:func:`build_demo_year` runs after :func:`tdkt.site.demo.build_demo` and
:func:`tdkt.site.demo_records.build_demo_records` and adds what the users of the demo
find on their home pages, each step by the service an officer's page calls, as
the demo login of the role that would do it:

* history: the seed memo of the Phòng GD&ĐT Quận 1 (Hướng dẫn 1382/HD-GDĐT,
  12/10/2023) as that year's campaign; the 2025-2026 year of Tiểu học Đinh Tiên
  Hoàng from its council's vote to the ward chairman's decision (council, meeting,
  attendance, votes, proposal, dossier, submission, receipt, review, decision);
* the current year: the ward's campaign with the schools' registrations (Đinh
  Tiên Hoàng's dossier waiting for the ward officer, Nguyễn Bỉnh Khiêm's
  accepted); a council meeting of Đinh Tiên Hoàng today with a secret ballot open
  to its five members; an ad hoc round with a proposal waiting to be received, one
  returned with its reason, one with the preschool specialist and one reviewed,
  waiting for the chairman's decision.

A step a service refuses is left out and reported (``findings``) rather than
forced into the database. Idempotent: each step looks for what it made before.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.core.exceptions import DomainValidationError, PermissionRefused
from tdkt.core.uploads import blank_pdf
from tdkt.org.choices import SchoolLevel
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person
from tdkt.site.demo import (
    DEMO,
    PHONG_CODE,
    SO_CODE,
    WARD_CHAIRMAN,
    WARD_CODE,
    current_school_year_start,
    school_code,
)

__all__ = ["SEED_MEMO_NAME", "WARD_CAMPAIGN", "YearResult", "build_demo_year"]

DTH = school_code("Đinh Tiên Hoàng", SchoolLevel.TIEU_HOC)
NBK = school_code("Nguyễn Bỉnh Khiêm", SchoolLevel.TIEU_HOC)
TUOITHO = school_code("Tuổi Thơ", SchoolLevel.MAM_NON)
SONCA = school_code("Sơn Ca", SchoolLevel.MAM_NON)
LTV = school_code("Lương Thế Vinh", SchoolLevel.THPT, prefix="HCM")

SEED_MEMO_NAME = "Công tác thi đua, khen thưởng năm học 2023 – 2024"
SEED_MEMO = (
    "Hướng dẫn số 1382/HD-GDĐT ngày 12 tháng 10 năm 2023 của Phòng Giáo dục và Đào tạo Quận 1 về công tác "
    "thi đua, khen thưởng năm học 2023 – 2024.\n\n"
    "I. MỤC ĐÍCH YÊU CẦU\nCông tác thi đua, khen thưởng nhằm tạo động lực động viên, lôi cuốn, khuyến khích "
    "mọi cá nhân, tập thể phát huy truyền thống yêu nước, hăng hái thi đua “dạy tốt - học tốt”, năng động, "
    "sáng tạo vươn lên hoàn thành tốt nhiệm vụ được giao, góp phần thực hiện thắng lợi các mục tiêu phát triển "
    "sự nghiệp giáo dục của Quận 1 và thành phố.\n\n"
    "II. NGUYÊN TẮC THI ĐUA, KHEN THƯỞNG\n1. Công tác thi đua được thực hiện theo nguyên tắc tự nguyện, tự "
    "giác, công khai, đoàn kết, hợp tác và cùng phát triển.\n2. Việc xét tặng các danh hiệu thi đua phải căn "
    "cứ kết quả phong trào thi đua; các cá nhân, tập thể phải có đăng ký thi đua, xác định mục tiêu thi đua."
)
WARD_CAMPAIGN = "Phong trào thi đua «Đổi mới, sáng tạo trong dạy và học» năm học {year}"
ANNUAL_ROUND = "Khen thưởng tổng kết năm học {year}"
AD_HOC_ROUND = "Khen thưởng đột xuất: Hội thi giáo viên dạy giỏi cấp phường năm học {year}"
# A real one-page PDF (the dossier upload parses it): the demo's dossier files stand for the signed scans.
_PDF = blank_pdf()


@dataclass
class YearResult:
    created: dict[str, int] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.created[key] = self.created.get(key, 0) + n


class _Refused(Exception):
    pass


def _step(result: YearResult, label: str):
    """Run one step in a savepoint: a refusal rolls the step back and is reported, never forced."""

    class _Ctx:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            return self

        def __exit__(self, exc_type, exc, tb):
            if exc_type is not None and issubclass(exc_type, DomainValidationError | PermissionRefused | _Refused):
                self.atomic.__exit__(exc_type, exc, tb)
                message = getattr(exc, "message", None) or "; ".join(
                    str(m) for ms in getattr(exc, "message_dict", {"": [str(exc)]}).values() for m in ms)
                result.findings.append(f"{label}: {message}")
                return True
            return self.atomic.__exit__(exc_type, exc, tb)

    return _Ctx()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _staff(unit: Unit, day: dt.date):
    """People working in the unit's subtree on ``day``."""
    from django.db.models import Q

    return (Person.objects.filter(Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=day),
                                  employments__unit__path__startswith=unit.path, employments__start_date__lte=day)
            .distinct().order_by("sort_name", "id"))


def _award(code: str):
    from tdkt.eligibility.models import AwardType

    return AwardType.objects.filter(code=code).first()


# --------------------------------------------------------------------------- history


def _seed_memo(result: YearResult) -> None:
    from tdkt.campaigns.models import Campaign
    from tdkt.campaigns.services import campaign_create

    phong = Unit.objects.get(code=PHONG_CODE)
    year = SchoolYear.objects.filter(start_year=2023).first()
    if year is None or Campaign.objects.filter(unit=phong, name=SEED_MEMO_NAME).exists():
        return
    with _step(result, "Hướng dẫn 1382/HD-GDĐT"):
        campaign_create(actor=DEMO, unit=phong, name=SEED_MEMO_NAME, school_year=year, content=SEED_MEMO,
                        slogans="Dạy tốt – Học tốt", registration_deadline=dt.date(2023, 10, 31),
                        submission_deadline=dt.date(2023, 11, 10))
        result.add("campaigns")


def _council(result: YearResult, school: Unit, since: dt.date):
    """The school's Hội đồng TĐKT: chair the principal, secretary the TĐKT officer, three members,
    each seat linked to the member's own login."""
    from tdkt.meetings.choices import MemberRole
    from tdkt.meetings.models import Council
    from tdkt.meetings.services import council_create, council_member_add

    council = Council.objects.filter(unit=school).order_by("term_start").first()
    if council is not None:
        return council
    head = _user("hieutruong.dth")
    with _step(result, "Hội đồng TĐKT trường"):
        council = council_create(
            actor=head, unit=school, name=f"Hội đồng Thi đua – Khen thưởng {school.name}",
            decision_number="45/QĐ-THĐTH", decision_date=since, term_start=since,
            decision_issuer=f"Hiệu trưởng {school.name}")
        seats = [("hieutruong.dth", MemberRole.CHU_TICH, "Hiệu trưởng"),
                 ("tdkt.dth", MemberRole.THU_KY, "Phó Hiệu trưởng, phụ trách thi đua, khen thưởng"),
                 ("hoidong1.dth", MemberRole.UY_VIEN, "Tổ trưởng chuyên môn"),
                 ("hoidong2.dth", MemberRole.UY_VIEN, "Tổ trưởng chuyên môn"),
                 ("hoidong3.dth", MemberRole.UY_VIEN, "Giáo viên, đại diện Công đoàn")]
        for username, role, note in seats:
            council_member_add(actor=head, council=council, person=_person(username), user=_user(username),
                               role=role, start_date=since, position_note=note)
        result.add("council_members", len(seats))
        return council
    return None


def _present_all(meeting) -> None:
    from tdkt.meetings.models import CouncilMember
    from tdkt.meetings.services import AttendanceEntry, attendance_record

    members = CouncilMember.objects.filter(CouncilMember.active_q(meeting.day), council=meeting.council)
    attendance_record(actor=_user("tdkt.dth"), meeting=meeting,
                      entries=[AttendanceEntry(member=m, present=True) for m in members])


def _vote_all(question, choice_of) -> None:
    """Every present member casts a secret ballot from their own login; a member who stands aside
    on the question (a candidate) does not vote."""
    from tdkt.meetings.models import Attendance, Recusal
    from tdkt.meetings.services import ballot_cast

    recused = set(Recusal.objects.filter(question=question).values_list("member_id", flat=True))
    for a in Attendance.objects.filter(meeting=question.meeting, present=True).select_related("member__user"):
        if a.member_id not in recused:
            ballot_cast(actor=a.member.user, question=question, choice=choice_of(a.member))


def _year_end_2025(result: YearResult, year: SchoolYear) -> None:
    """Tiểu học Đinh Tiên Hoàng, 2025-2026: the council votes in May, the school proposes to the ward,
    the ward receives and reviews, and its chairman decides on 20/06/2026."""
    from tdkt.awards.models import Decision, Round
    from tdkt.meetings.choices import Choice, QuestionKind, VotingMethod
    from tdkt.meetings.models import Meeting
    from tdkt.meetings.services import (
        meeting_close,
        meeting_create,
        meeting_finalize,
        open_count_record,
        question_close,
        question_create,
        question_open,
    )
    from tdkt.records.models import AwardRecord, Discipline, InitiativeAuthor, PersonRating, Registration

    ward, school = Unit.objects.get(code=WARD_CODE), Unit.objects.get(code=DTH)
    if Decision.objects.filter(issuer=ward, round__school_year=year).exists():
        return
    council = _council(result, school, dt.date(2025, 9, 5))
    if council is None:
        return
    ldtt, cstdcs = _award("lao-dong-tien-tien"), _award("chien-si-thi-dua-co-so")
    if ldtt is None or cstdcs is None:
        result.findings.append("Tổng kết 2025-2026: danh mục chưa có LĐTT, CSTĐCS.")
        return
    officer, head = _user("tdkt.dth"), _user("hieutruong.dth")
    day = dt.date(2026, 5, 26)
    ratings: dict[int | None, str] = dict(PersonRating.objects.filter(school_year=year).values_list("person_id", "rating"))
    full_year = {p.pk for p in _staff(school, year.start_date)} & {p.pk for p in _staff(school, day)}
    # The officer leaves out whoever had a discipline in force during the year (the engine would refuse).
    disciplined = set(Discipline.objects.filter(effective_from__lte=year.end_date, effective_to__gte=year.start_date)
                      .values_list("person_id", flat=True))
    # and whoever already holds the title for the year from an earlier post (records keep it as issued).
    held = set(AwardRecord.objects.filter(school_year=year, award_type__in=[ldtt, cstdcs], person__isnull=False)
               .values_list("person_id", flat=True))
    regs = Registration.objects.filter(school_year=year, person_id__in=full_year - disciplined - held)
    ldtt_people = [r.person for r in regs.filter(award_type=ldtt).select_related("person").order_by("person__sort_name")
                   if r.person is not None and ratings.get(r.person_id, "") in ("htxs", "htt")]
    an = _person("giaovien.dth")
    # CSTĐCS candidates rated excellent and with an initiative recognised this year (both readings of
    # Law art. 23 are met, whichever the rule rows say).
    authors = set(InitiativeAuthor.objects.filter(initiative__school_year=year, initiative__recognized=True)
                  .values_list("person_id", flat=True))
    cst_people = [r.person for r in regs.filter(award_type=cstdcs).select_related("person")
                  if r.person is not None and ratings.get(r.person_id) == "htxs" and r.person_id in authors]
    cst_people = sorted(cst_people, key=lambda p: (p.pk != an.pk, p.sort_name))[:3]

    passed: list[tuple] = []
    with _step(result, "Họp Hội đồng TĐKT tổng kết năm học 2025-2026"):
        meeting = Meeting.objects.filter(council=council, school_year=year).first()
        if meeting is None:
            meeting = meeting_create(actor=officer, council=council, school_year=year,
                                     starts_at=dt.datetime(2026, 5, 26, 14, 0), place="Phòng Hội đồng sư phạm",
                                     title="Họp Hội đồng Thi đua – Khen thưởng tổng kết năm học 2025-2026")
            _present_all(meeting)
            for person in cst_people:
                q = question_create(actor=officer, meeting=meeting, award_type=cstdcs, person=person,
                                    method=VotingMethod.SECRET,
                                    registration=regs.filter(award_type=cstdcs, person=person).first())
                question_open(actor=officer, question=q)
                _vote_all(q, lambda _m: Choice.FOR)
                question_close(actor=officer, question=q)
            # LĐTT name by name, each member stepping aside only on their own line (a whole-list
            # vote with members on the list is refused today: issue 12, item 3).
            for person in ldtt_people:
                q = question_create(actor=officer, meeting=meeting, award_type=ldtt, person=person,
                                    method=VotingMethod.OPEN,
                                    registration=regs.filter(award_type=ldtt, person=person).first())
                question_open(actor=officer, question=q)
                from tdkt.meetings.selectors import tally_input

                t = tally_input(q)
                open_count_record(actor=officer, question=q, votes_for=t.present - t.recused_present,
                                  votes_against=0, votes_abstain=0)
                question_close(actor=officer, question=q)
            meeting_close(actor=officer, meeting=meeting, ends_at=dt.datetime(2026, 5, 26, 16, 30,
                                                                               tzinfo=timezone.get_current_timezone()))
            meeting_finalize(actor=head, meeting=meeting)
            result.add("meetings")
        passed = [(q.person, q.award_type) for q in meeting.questions.filter(passed=True, kind=QuestionKind.CANDIDATE)
                  .select_related("person", "award_type")]
    if not passed:
        return
    with _step(result, "Đề nghị khen thưởng tổng kết năm học 2025-2026"):
        tdkt_ward = _user("tdkt.saigon")
        rnd = Round.objects.filter(unit=ward, school_year=year, name=ANNUAL_ROUND.format(year=year.label)).first()
        if rnd is None:
            from tdkt.awards.services import round_create

            rnd = round_create(actor=tdkt_ward, unit=ward, kind="tong_ket_nam_hoc",
                               name=ANNUAL_ROUND.format(year=year.label), school_year=year,
                               deadline=dt.date(2026, 6, 5))
        proposal = _proposal(result, rnd, school, officer, [
            (award, person, None, f"Hoàn thành {'xuất sắc' if award == cstdcs else 'tốt'} nhiệm vụ năm học "
                                  f"{year.label}") for person, award in passed], today=dt.date(2026, 6, 2))
        _advance(proposal, "reviewed", level="th", today=dt.date(2026, 6, 2))
        from tdkt.awards.services import decision_issue

        decision_issue(actor=_user("chutich.saigon"), issuer=ward, items=list(proposal.items.all()),
                       decision_date=dt.date(2026, 6, 20), signer_name=WARD_CHAIRMAN, signer_title="Chủ tịch",
                       title=f"Về việc công nhận danh hiệu thi đua năm học {year.label}", proposal=proposal,
                       symbol="QĐ-UBND", confirm_unverified=True)
        result.add("decisions")


def _proposal(result: YearResult, rnd, school: Unit, officer: User, lines, *, today: dt.date):
    """A school's proposal with its lines and the dossier its award types require, submitted."""
    from tdkt.awards.models import Proposal, RequiredDocument
    from tdkt.awards.services import dossier_upload, item_add, proposal_create, proposal_transition

    proposal = Proposal.objects.filter(round=rnd, unit=school).first()
    if proposal is not None:
        return proposal
    proposal = proposal_create(actor=officer, round=rnd, unit=school)
    items = []
    for award, person, justification, summary in lines:
        items.append(item_add(actor=officer, proposal=proposal, award_type=award, person=person, summary=summary,
                              justification=justification or ""))
    kinds = set()
    for req in RequiredDocument.objects.filter(award_type__in={i.award_type_id for i in items}):
        if req.per_nominee:
            for it in items:
                if it.award_type_id == req.award_type_id:
                    dossier_upload(actor=officer, proposal=proposal, doc_kind=req.doc_kind, item=it,
                                   filename=f"{req.doc_kind}-{it.pk}.pdf", content=_PDF)
        elif req.doc_kind not in kinds:
            kinds.add(req.doc_kind)
            dossier_upload(actor=officer, proposal=proposal, doc_kind=req.doc_kind, filename=f"{req.doc_kind}.pdf",
                           content=_PDF)
    proposal.refresh_from_db()
    proposal_transition(actor=officer, proposal=proposal, action="submit", today=today)
    result.add("proposals")
    return proposal


_ORDER = ["submitted", "received", "under_review", "reviewed"]


def _advance(proposal, target: str, *, level: str, today: dt.date | None = None, reason: str = "") -> None:
    """Move a submitted proposal along as the ward would: its officer receives (or returns), the
    specialist of the school's level reviews and accepts every line."""
    from tdkt.awards.services import item_review, proposal_transition

    officer, specialist = _user("tdkt.saigon"), _user(f"chuyenvien.{level}.saigon")
    if target == "returned":
        proposal_transition(actor=officer, proposal=proposal, action="return", reason=reason)
        return
    if _ORDER.index(target) >= 1:
        proposal_transition(actor=officer, proposal=proposal, action="receive")
    if _ORDER.index(target) >= 2:
        proposal.refresh_from_db()
        proposal_transition(actor=specialist, proposal=proposal, action="start_review")
    if _ORDER.index(target) >= 3:
        for item in proposal.items.all():
            proposal.refresh_from_db()
            item_review(actor=specialist, item=item, accept=True, note="Đủ điều kiện, hồ sơ đầy đủ.")
        proposal.refresh_from_db()
        proposal_transition(actor=specialist, proposal=proposal, action="finish_review")


# --------------------------------------------------------------------------- the current year


def _ward_campaign(result: YearResult, year: SchoolYear, today: dt.date) -> None:
    from tdkt.campaigns.models import Campaign, RegistrationSubmission
    from tdkt.campaigns.services import campaign_create, submission_get_or_create, submission_transition

    ward = Unit.objects.get(code=WARD_CODE)
    name = WARD_CAMPAIGN.format(year=year.label)
    campaign = Campaign.objects.filter(unit=ward, name=name).first()
    if campaign is None:
        with _step(result, "Phát động phong trào của phường"):
            # The deadline leaves the teachers time to register from their own logins.
            deadline = max(today + dt.timedelta(days=14), dt.date(year.start_year, 10, 15))
            campaign = campaign_create(
                actor=_user("tdkt.saigon"), unit=ward, name=name, school_year=year,
                content="Phường Sài Gòn phát động phong trào thi đua trong các trường mầm non, tiểu học, trung học "
                        "cơ sở trên địa bàn phường, hướng tới đổi mới phương pháp dạy và học.",
                slogans="Dạy tốt – Học tốt", registration_deadline=deadline,
                submission_deadline=deadline + dt.timedelta(days=7))
            result.add("campaigns")
    if campaign is None:
        return
    for code, username, accept in ((DTH, "tdkt.dth", False), (NBK, "tdkt.nbk", True)):
        school = Unit.objects.get(code=code)
        if RegistrationSubmission.objects.filter(campaign=campaign, unit=school).exclude(status="nhap").exists():
            continue
        with _step(result, f"Hồ sơ đăng ký thi đua của {school.name}"):
            sub = submission_get_or_create(actor=_user(username), campaign=campaign, unit=school)
            sub = submission_transition(actor=_user(username), submission=sub, action="submit")
            if accept:
                submission_transition(actor=_user("tdkt.saigon"), submission=sub, action="accept")
            result.add("submissions")


def _meeting_today(result: YearResult, year: SchoolYear, today: dt.date) -> None:
    """Đinh Tiên Hoàng's council meets today: everyone present, a secret ballot open for each member
    to cast from their own login."""
    from tdkt.meetings.choices import VotingMethod
    from tdkt.meetings.models import Meeting
    from tdkt.meetings.services import meeting_create, question_create, question_open

    school = Unit.objects.get(code=DTH)
    council = _council(result, school, dt.date(2025, 9, 5))
    giay_khen = _award("giay-khen")
    if council is None or giay_khen is None or Meeting.objects.filter(council=council, school_year=year).exists():
        return
    members = set(council.members.values_list("person_id", flat=True))
    candidate = next(p for p in _staff(Unit.objects.get(code=f"{DTH}-TO1"), today)
                     if p.pk not in members and p.user_id is None and p.given_name != "An")
    with _step(result, "Họp Hội đồng TĐKT hôm nay"):
        officer = _user("tdkt.dth")
        meeting = meeting_create(
            actor=officer, council=council, school_year=year,
            starts_at=timezone.make_aware(dt.datetime.combine(today, dt.time(7, 30))), place="Phòng Hội đồng sư phạm",
            title="Họp Hội đồng Thi đua – Khen thưởng xét đề nghị khen thưởng đột xuất")
        _present_all(meeting)
        q = question_create(actor=officer, meeting=meeting, award_type=giay_khen, person=candidate,
                            method=VotingMethod.SECRET,
                            title=f"Đề nghị Giấy khen của Chủ tịch UBND phường cho {candidate.full_name} (giải Nhất "
                                  "Hội thi giáo viên dạy giỏi cấp phường)")
        question_open(actor=officer, question=q)
        result.add("meetings")


def _ad_hoc_round(result: YearResult, year: SchoolYear, today: dt.date) -> None:
    """Ad hoc Giấy khen for the ward's teaching contest: one proposal per state the ward sees."""
    from tdkt.awards.models import Round
    from tdkt.awards.services import round_create

    ward = Unit.objects.get(code=WARD_CODE)
    giay_khen = _award("giay-khen")
    if giay_khen is None:
        return
    name = AD_HOC_ROUND.format(year=year.label)
    rnd = Round.objects.filter(unit=ward, name=name).first()
    if rnd is None:
        with _step(result, "Đợt khen thưởng đột xuất"):
            rnd = round_create(actor=_user("tdkt.saigon"), unit=ward, kind="dot_xuat", name=name, school_year=year,
                               deadline=today + dt.timedelta(days=10))
    if rnd is None:
        return
    plans = [(DTH, "tdkt.dth", "submitted", "th", ""),
             (NBK, "tdkt.nbk", "returned", "th",
              "Thiếu Biên bản họp Hội đồng Thi đua – Khen thưởng của trường; đề nghị bổ sung và gửi lại trước hạn."),
             (SONCA, "tdkt.sonca", "received", "mn", ""), (TUOITHO, "tdkt.tuoitho", "reviewed", "mn", "")]
    for code, username, target, level, reason in plans:
        school = Unit.objects.get(code=code)
        if rnd.proposals.filter(unit=school).exists():
            continue
        with _step(result, f"Đề nghị khen thưởng đột xuất của {school.name}"):
            officer = _user(username)
            teacher = next(p for p in _staff(school, today) if p.user_id is None)
            proposal = _proposal(result, rnd, school, officer, [(
                _award("giay-khen"), teacher,
                "Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp phường năm học " + year.label,
                "Đạt giải Nhất Hội thi giáo viên dạy giỏi cấp phường năm học " + year.label)], today=today)
            if target != "submitted":
                _advance(proposal, target, level=level, reason=reason)


def _sgddt_proposal(result: YearResult, year: SchoolYear, today: dt.date) -> None:
    """Trường THPT Lương Thế Vinh proposes to the Sở, which has it waiting to be received."""
    from tdkt.awards.models import Round
    from tdkt.awards.services import round_create

    so, school, giay_khen = Unit.objects.get(code=SO_CODE), Unit.objects.get(code=LTV), _award("giay-khen")
    if giay_khen is None:
        return
    name = "Khen thưởng đột xuất: Kỳ thi chọn học sinh giỏi cấp thành phố năm học " + year.label
    rnd = Round.objects.filter(unit=so, name=name).first()
    with _step(result, "Đề nghị khen thưởng của trường THPT"):
        if rnd is None:
            rnd = round_create(actor=_user("tdkt.sgddt"), unit=so, kind="dot_xuat", name=name, school_year=year,
                               deadline=today + dt.timedelta(days=10))
        if not rnd.proposals.filter(unit=school).exists():
            teacher = next(p for p in _staff(school, today) if p.user_id is None)
            _proposal(result, rnd, school, _user("tdkt.ltv"), [(
                giay_khen, teacher, "Bồi dưỡng học sinh đạt giải Nhất kỳ thi học sinh giỏi cấp thành phố",
                "Bồi dưỡng học sinh đạt giải Nhất kỳ thi học sinh giỏi cấp thành phố")], today=today)


def build_demo_year(*, today: dt.date | None = None, out=None) -> YearResult:
    out = out or sys.stdout
    today = today or timezone.localdate()
    result = YearResult()
    current = current_school_year_start(today)
    with transaction.atomic():
        _seed_memo(result)
        last = SchoolYear.objects.filter(start_year=current - 1).first()
        if last is not None and last.start_date >= dt.date(2025, 7, 1) and today > dt.date(2026, 6, 20):
            _year_end_2025(result, last)
        year = SchoolYear.objects.get(start_year=current)
        _ward_campaign(result, year, today)
        _meeting_today(result, year, today)
        _ad_hoc_round(result, year, today)
        _sgddt_proposal(result, year, today)
        from tdkt.site.demo_notifications import build_demo_notifications

        reminders = build_demo_notifications(
            year=year, ward_code=WARD_CODE, campaign_name=WARD_CAMPAIGN.format(year=year.label),
            round_name=AD_HOC_ROUND.format(year=year.label), today=today)
        if reminders:
            result.add("reminders", reminders)
    for finding in result.findings:
        print(f"Ghi chú demo: {finding}", file=out)
    return result
