"""Permission-walk cases for every meetings route × method
(run by tdkt/accounts/tests/test_permission_map.py).

The setting is built with plain ORM rows on first use, touching none of the
tables the walk compares (units, people, employment, memberships, audit), so
only the request under test can change them. School A's council: Bình chairs
and votes with the ``council_a`` login, Cường is secretary, Hoa a member.
Meetings: P (being prepared, everyone present, one pending question), V (voting:
a secret and an open question open), C (closed: Hoa was absent)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from tdkt.core.testing import Case

D = dt.date(2025, 9, 1)


def m(w) -> SimpleNamespace:
    if getattr(w, "_meetings", None) is not None:
        return w._meetings
    from tdkt.eligibility.models import AwardType
    from tdkt.meetings.choices import MeetingStatus, MemberRole, QuestionStatus, VotingMethod
    from tdkt.meetings.models import Attendance, Council, CouncilMember, Meeting, Question, QuestionItem
    from tdkt.meetings.reference import load_voting_rules, voting_rule_for
    from tdkt.records.models import Registration

    load_voting_rules()
    aw = {code: AwardType.objects.create(code=code, name=name, kind="danh_hieu", subject="ca_nhan", level="co_so")
          for code, name in [("ldtt", "Lao động tiên tiến"), ("cstdcs", "Chiến sĩ thi đua cơ sở"),
                             ("gk", "Giấy khen")]}
    council = Council.objects.create(unit=w.school_a, name="Hội đồng TĐKT", decision_number="1/QĐ", decision_date=D,
                                     term_start=D)
    binh = CouncilMember.objects.create(council=council, person=w.binh, user=w.users.council_a,
                                        role=MemberRole.CHU_TICH, start_date=D)
    cuong = CouncilMember.objects.create(council=council, person=w.cuong, role=MemberRole.THU_KY, start_date=D)
    hoa = CouncilMember.objects.create(council=council, person=w.hoa, role=MemberRole.UY_VIEN, start_date=D)
    members = [binh, cuong, hoa]

    def meeting(day, status, present):
        mt = Meeting.objects.create(council=council, school_year=w.year, place="Phòng họp", chair=binh,
                                    secretary=cuong, status=status,
                                    starts_at=timezone.make_aware(dt.datetime(day.year, day.month, day.day, 8)))
        for member in members:
            Attendance.objects.create(meeting=mt, member=member, present=member in present,
                                      absence_reason="" if member in present else "Ốm")
        return mt

    def question(mt, code, status, method):
        return Question.objects.create(meeting=mt, kind="ca_nhan_tap_the", award_type=aw[code], person=w.an,
                                       title=f"{aw[code]}: {w.an}", rule=voting_rule_for(aw[code], mt.day),
                                       method=method, status=status)

    planned = meeting(dt.date(2026, 5, 18), MeetingStatus.PLANNED, members)
    voting = meeting(dt.date(2026, 5, 19), MeetingStatus.IN_PROGRESS, members)
    closed = meeting(dt.date(2026, 5, 10), MeetingStatus.CLOSED, [binh, cuong])
    Meeting.objects.filter(pk__in=[voting.pk, closed.pk]).update(total_members=3)
    ns = SimpleNamespace(
        aw=aw, council=council, binh=binh, cuong=cuong, hoa=hoa, planned=planned, voting=voting, closed=closed,
        pending=question(planned, "ldtt", QuestionStatus.PENDING, VotingMethod.OPEN),
        secret=question(voting, "cstdcs", QuestionStatus.VOTING, VotingMethod.SECRET),
        hands=question(voting, "ldtt", QuestionStatus.VOTING, VotingMethod.OPEN),
        done=question(closed, "cstdcs", QuestionStatus.CLOSED, VotingMethod.SECRET),
    )
    list_rule = voting_rule_for(aw["gk"], planned.day)
    assert list_rule is not None  # the reference data has a voting rule for Giấy khen
    ns.pending_list = Question.objects.create(meeting=planned, order=2, kind="danh_sach", award_type=aw["gk"],
                                              title="Danh sách Giấy khen", rule=list_rule,
                                              method=VotingMethod.OPEN, status=QuestionStatus.PENDING)
    QuestionItem.objects.bulk_create([QuestionItem(question=ns.pending_list, person=p) for p in (w.an, w.hoa)])
    Registration.objects.create(award_type=aw["gk"], school_year=w.year, person=w.an, registered_on=D)
    w._meetings = ns
    return ns


def council_form(w):
    return {"unit": w.school_a.pk, "kind": "tdkt", "name": "Hội đồng sáng kiến", "decision_number": "2/QĐ",
            "decision_date": "2025-09-05", "term_start": "2025-09-05"}


def u(name, *args):
    return lambda w: reverse(name, args=[a(w) for a in args])


def council_id(w):
    return m(w).council.pk


def planned(w):
    return m(w).planned.pk


def voting(w):
    return m(w).voting.pk


def closed(w):
    return m(w).closed.pk


VIEW_REFUSED = ["specialist_mn"]
MANAGE_REFUSED = ["council_a"]

CASES = [
    # ------------------------------------------------------------------ pages
    Case("meetings:council_list", "get", u("meetings:council_list"), allowed="council_a", other_unit=None,
         wrong_role="staff_a"),
    Case("meetings:rule_list", "get", u("meetings:rule_list"), allowed="council_a", other_unit=None,
         wrong_role="staff_a"),
    Case("meetings:council_create", "get", u("meetings:council_create"), other_unit=None, wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:council_create", "post", u("meetings:council_create"), data=council_form, allowed_status=(302,),
         other_unit=None, wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:council_detail", "get", u("meetings:council_detail", council_id), allowed="council_a",
         wrong_role="staff_a", extra_refused=VIEW_REFUSED),
    Case("meetings:member_add", "get", u("meetings:member_add", council_id), wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:member_add", "post", u("meetings:member_add", council_id), allowed_status=(302,),
         data=lambda w: {"person": w.an.pk, "role": "uy_vien", "start_date": "2025-09-01"}, wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:member_replace", "get", u("meetings:member_replace", lambda w: m(w).hoa.pk), wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:member_replace", "post", u("meetings:member_replace", lambda w: m(w).hoa.pk),
         allowed_status=(302,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {"person": w.an.pk, "role": "uy_vien", "start_date": "2026-01-05", "decision_number": "3/QĐ",
                         "decision_date": "2026-01-04"}),
    Case("meetings:meeting_create", "get", u("meetings:meeting_create", council_id), wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:meeting_create", "post", u("meetings:meeting_create", council_id), allowed_status=(302,),
         data=lambda w: {"title": "Họp xét thi đua", "school_year": w.year.pk, "starts_at": "2026-05-25T08:00",
                         "place": "Phòng họp"}, wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:meeting_detail", "get", u("meetings:meeting_detail", voting), allowed="council_a",
         wrong_role="staff_a", extra_refused=VIEW_REFUSED),
    Case("meetings:attendance", "post", u("meetings:attendance", planned), allowed_status=(302,),
         data=lambda w: {f"m{m(w).hoa.pk}": "0", f"r{m(w).hoa.pk}": "Đi công tác"}, wrong_role="staff_a"),
    Case("meetings:agenda_from_registrations", "post", u("meetings:agenda_from_registrations", planned),
         allowed_status=(302,), data=lambda w: {}, wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:question_create", "get", u("meetings:question_create", planned), wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED),
    Case("meetings:question_create", "post", u("meetings:question_create", planned), allowed_status=(302,),
         data=lambda w: {"kind": "ca_nhan_tap_the", "award_type": m(w).aw["gk"].pk, "person": w.binh.pk},
         wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:meeting_close", "post", u("meetings:meeting_close", planned), allowed_status=(302,),
         data=lambda w: {}, wrong_role="staff_a"),
    Case("meetings:meeting_move", "post", u("meetings:meeting_move", planned), allowed_status=(302,),
         data=lambda w: {"starts_at": "2026-05-19T14:00", "place": "Phòng họp tầng 2", "reason": "Trùng lịch thi"},
         wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:meeting_finalize", "post", u("meetings:meeting_finalize", closed), allowed_status=(302,),
         data=lambda w: {}, wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:minutes_download", "get",
         lambda w: reverse("meetings:minutes_download", args=[voting(w), "bien-ban", "docx"]), allowed="council_a",
         wrong_role="staff_a", extra_refused=VIEW_REFUSED),
    # the chair (council_a, a council member) runs the vote
    Case("meetings:question_list_split", "post", u("meetings:question_list_split", lambda w: m(w).pending_list.pk),
         allowed_status=(302,), data=lambda w: {}, wrong_role="staff_a", extra_refused=MANAGE_REFUSED),
    Case("meetings:question_open", "post", u("meetings:question_open", lambda w: m(w).pending.pk),
         allowed="council_a", allowed_status=(302,), data=lambda w: {}, wrong_role="staff_a"),
    Case("meetings:open_count", "post", u("meetings:open_count", lambda w: m(w).hands.pk), allowed_status=(302,),
         data=lambda w: {"votes_for": 2, "votes_against": 1, "votes_abstain": 0}, wrong_role="staff_a"),
    Case("meetings:question_close", "post", u("meetings:question_close", lambda w: m(w).secret.pk),
         allowed_status=(302,), data=lambda w: {}, wrong_role="staff_a"),
    Case("meetings:ballot_cast", "get", u("meetings:ballot_cast", lambda w: m(w).secret.pk), allowed="council_a",
         other_unit="officer_b", wrong_role="staff_a", extra_refused=["officer_a", "head_a"]),
    Case("meetings:ballot_cast", "post", u("meetings:ballot_cast", lambda w: m(w).secret.pk), allowed="council_a",
         allowed_status=(302,), data=lambda w: {"choice": "dong_y"}, wrong_role="staff_a",
         extra_refused=["officer_a", "head_a"]),
    Case("meetings:absentee_opinions", "get", u("meetings:absentee_opinions", lambda w: m(w).done.pk),
         wrong_role="staff_a"),
    Case("meetings:absentee_opinions", "post", u("meetings:absentee_opinions", lambda w: m(w).done.pk),
         allowed_status=(302,), wrong_role="staff_a",
         data=lambda w: {f"m{m(w).hoa.pk}": "dong_y", "document_date": "2026-05-11", "document_ref": "01/YK"}),
    # ------------------------------------------------------------------ API
    Case("api:meetings_rule_list", "get", u("api:meetings_rule_list"), allowed="council_a", other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:meetings_council_list", "get", u("api:meetings_council_list"), allowed="council_a", other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:meetings_council_list", "post", u("api:meetings_council_list"), json_body=True, anon_status=(401,),
         allowed_status=(201,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {"unit_id": w.school_a.pk, "name": "Hội đồng sáng kiến", "kind": "sang_kien",
                         "decision_number": "2/QĐ", "decision_date": "2025-09-05", "term_start": "2025-09-05"}),
    Case("api:meetings_council_detail", "get", u("api:meetings_council_detail", council_id), allowed="council_a",
         wrong_role="staff_a", anon_status=(401,), extra_refused=VIEW_REFUSED),
    Case("api:meetings_member_list", "post", u("api:meetings_member_list", council_id), json_body=True,
         anon_status=(401,), allowed_status=(201,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {"person_id": w.an.pk, "start_date": "2025-09-01"}),
    Case("api:meetings_member_replace", "post", u("api:meetings_member_replace", lambda w: m(w).hoa.pk),
         json_body=True, anon_status=(401,), allowed_status=(201,), wrong_role="staff_a",
         extra_refused=MANAGE_REFUSED,
         data=lambda w: {"person_id": w.an.pk, "start_date": "2026-01-05", "decision_number": "3/QĐ",
                         "decision_date": "2026-01-04"}),
    Case("api:meetings_meeting_list", "post", u("api:meetings_meeting_list", council_id), json_body=True,
         anon_status=(401,), allowed_status=(201,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {"school_year_id": w.year.pk, "starts_at": "2026-05-25T08:00:00+07:00",
                         "place": "Phòng họp"}),
    Case("api:meetings_meeting_detail", "get", u("api:meetings_meeting_detail", voting), allowed="council_a",
         wrong_role="staff_a", anon_status=(401,), extra_refused=VIEW_REFUSED),
    Case("api:meetings_attendance", "post", u("api:meetings_attendance", planned), json_body=True,
         anon_status=(401,), wrong_role="staff_a",
         data=lambda w: {"entries": [{"member_id": m(w).hoa.pk, "present": False, "reason": "Ốm"}]}),
    Case("api:meetings_agenda_from_registrations", "post", u("api:meetings_agenda_from_registrations", planned),
         json_body=True, anon_status=(401,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {}),
    Case("api:meetings_question_list", "post", u("api:meetings_question_list", planned), json_body=True,
         anon_status=(401,), allowed_status=(201,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED,
         data=lambda w: {"award_type_id": m(w).aw["gk"].pk, "person_id": w.binh.pk}),
    Case("api:meetings_meeting_close", "post", u("api:meetings_meeting_close", planned), json_body=True,
         anon_status=(401,), wrong_role="staff_a", data=lambda w: {}),
    Case("api:meetings_meeting_finalize", "post", u("api:meetings_meeting_finalize", closed), json_body=True,
         anon_status=(401,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED, data=lambda w: {}),
    Case("api:meetings_results", "get", u("api:meetings_results", closed), allowed="council_a",
         wrong_role="staff_a", anon_status=(401,), extra_refused=VIEW_REFUSED),
    Case("api:meetings_question_list_split", "post", u("api:meetings_question_list_split",
                                                      lambda w: m(w).pending_list.pk),
         json_body=True, anon_status=(401,), wrong_role="staff_a", extra_refused=MANAGE_REFUSED, data=lambda w: {}),
    Case("api:meetings_question_open", "post", u("api:meetings_question_open", lambda w: m(w).pending.pk),
         json_body=True, anon_status=(401,), allowed="council_a", wrong_role="staff_a", data=lambda w: {}),
    Case("api:meetings_open_count", "post", u("api:meetings_open_count", lambda w: m(w).hands.pk), json_body=True,
         anon_status=(401,), wrong_role="staff_a",
         data=lambda w: {"votes_for": 2, "votes_against": 1, "votes_abstain": 0}),
    Case("api:meetings_question_close", "post", u("api:meetings_question_close", lambda w: m(w).secret.pk),
         json_body=True, anon_status=(401,), wrong_role="staff_a", data=lambda w: {}),
    Case("api:meetings_ballot", "post", u("api:meetings_ballot", lambda w: m(w).secret.pk), json_body=True,
         anon_status=(401,), allowed="council_a", allowed_status=(201,), wrong_role="staff_a",
         extra_refused=["officer_a", "head_a"], data=lambda w: {"choice": "khong_dong_y"}),
    Case("api:meetings_absentee_opinions", "post", u("api:meetings_absentee_opinions", lambda w: m(w).done.pk),
         json_body=True, anon_status=(401,), wrong_role="staff_a",
         data=lambda w: {"document_date": "2026-05-11", "opinions": [{"member_id": m(w).hoa.pk, "choice": "dong_y"}]}),
]
