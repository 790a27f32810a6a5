"""Each submit check, with its reason; a blocked submission changes nothing. The eligibility lines are
judged by the real engine from real records (ratings, registrations, initiatives)."""

import datetime as dt
from decimal import Decimal

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.awards import checks, services
from tdkt.awards.choices import LatePolicy, ProposalStatus, RoundKind
from tdkt.core.exceptions import DomainValidationError
from tdkt.org.services import school_year_get_or_create
from tdkt.records.models import Initiative, InitiativeAuthor, PersonRating, Registration

# The Law on TĐKT 2022 articles the catalogue cites for these criteria (tdkt/eligibility/catalogue.py).
LAW_75_1 = "khoản 1, Điều 75, Luật Thi đua, khen thưởng 2022"
LAW_23_2 = "khoản 2, Điều 23, Luật Thi đua, khen thưởng 2022"


def _rate(person, rating, start_year=2025):
    PersonRating.objects.update_or_create(
        person=person, school_year=school_year_get_or_create(actor=None, start_year=start_year),
        defaults={"rating": rating})


def _register(aw, person, code):
    Registration.objects.create(award_type=aw.types[code], school_year=aw.w.year, person=person,
                                registered_on=dt.date(2025, 9, 20))


def _initiative(aw, person):
    init = Initiative.objects.create(kind="sang_kien", title="Dạy học theo dự án môn Toán lớp 5",
                                     school_year=aw.w.year, recognized=True, scope="co_so",
                                     decision_number="12/QĐ-TH", decision_date=dt.date(2026, 5, 20))
    InitiativeAuthor.objects.create(initiative=init, person=person, share=Decimal(100))


def _codes(p):
    return {c.code: c for c in checks.submit_checks(p)}


def _refused(aw, text):
    p = aw.proposal
    p.refresh_from_db()
    before = (p.status, p.version, AuditEvent.objects.count())
    with pytest.raises(DomainValidationError) as exc:
        services.proposal_transition(actor=aw.w.users.officer_a, proposal=p, action="submit")
    assert text in " ".join(exc.value.messages)
    p.refresh_from_db()
    assert (p.status, p.version, AuditEvent.objects.count()) == before


def test_clean_proposal_submits_with_warnings(aw, council_passes, real_engine):
    """An has no rating for the year yet: the engine lacks information, which warns and does not block."""
    found = _codes(aw.proposal)
    assert set(found) == {"eligibility"}
    check = found["eligibility"]
    assert not check.blocking and check.item_id == aw.item.pk
    assert "Nguyễn Văn An – Giấy khen: Thiếu thông tin" in check.message and "2025-2026" in check.message
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=aw.proposal, action="submit")
    assert aw.proposal.status == ProposalStatus.SUBMITTED
    assert aw.proposal.check_results[0]["code"] == "eligibility"


def test_eligible_line_has_no_eligibility_note(aw, council_passes, real_engine):
    _rate(aw.w.an, "htt")
    assert _codes(aw.proposal) == {}
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=aw.proposal, action="submit")
    assert aw.proposal.status == ProposalStatus.SUBMITTED and aw.proposal.check_results == []


def test_council_vote_missing_blocks(aw):
    assert _codes(aw.proposal)["council"].blocking
    _refused(aw, "Hội đồng thi đua")


def test_council_vote_warning_for_ad_hoc_round(aw):
    aw.round.kind = RoundKind.GOOD_DEEDS
    aw.round.save()
    aw.proposal.refresh_from_db()
    assert not _codes(aw.proposal)["council"].blocking


def test_registration_required_for_titles(aw, council_passes):
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["lao-dong-tien-tien"],
                      person=aw.w.an, summary="Hoàn thành tốt nhiệm vụ")
    _refused(aw, "chưa đăng ký danh hiệu")
    from tdkt.records.models import Registration

    Registration.objects.create(award_type=aw.types["lao-dong-tien-tien"], school_year=aw.w.year,
                                person=aw.w.an, registered_on=dt.date(2025, 9, 20))
    assert "registration" not in _codes(aw.proposal)


def test_one_achievement_one_form(aw, council_passes):
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["bang-khen-tinh-bo"],
                      person=aw.w.an, summary="Cùng thành tích", achievement_key="nh25")
    _refused(aw, "một thành tích chỉ đề nghị một hình thức")


def test_same_form_again_for_another_achievement_passes(aw, council_passes):
    """Issue 18 / Law art. 5: two Giấy khen for two different achievements of one person in one round."""
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                      person=aw.w.an, summary="Cứu học sinh đuối nước ngày 12/3/2026")
    assert "one_achievement" not in _codes(aw.proposal)
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=aw.proposal, action="submit")
    assert aw.proposal.status == ProposalStatus.SUBMITTED


def test_same_achievement_with_two_forms_is_refused_without_a_code(aw, council_passes):
    """The achievement is the line's summary when no code is typed: the same text with another form is
    the same achievement (case, spacing and the closing full stop aside)."""
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                      person=aw.w.an, summary="Cứu học sinh đuối nước")
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["bang-khen-tinh-bo"],
                      person=aw.w.an, summary="cứu học sinh  đuối nước.")
    found = _codes(aw.proposal)["one_achievement"]
    assert found.blocking and "«Giấy khen»" in found.message and "Cứu học sinh đuối nước" in found.message
    _refused(aw, "một thành tích chỉ đề nghị một hình thức")


def test_same_form_same_achievement_twice_is_refused(aw, council_passes):
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                      person=aw.w.an, summary="Hoàn thành xuất sắc nhiệm vụ năm học", achievement_key="nh25")
    _refused(aw, "một thành tích chỉ đề nghị một hình thức")


def test_a_title_twice_in_a_year_is_refused(aw, council_passes):
    from tdkt.records.models import Registration

    Registration.objects.create(award_type=aw.types["lao-dong-tien-tien"], school_year=aw.w.year,
                                person=aw.w.an, registered_on=dt.date(2025, 9, 20))
    for summary in ("Hoàn thành tốt nhiệm vụ", "Một thành tích khác"):
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal,
                          award_type=aw.types["lao-dong-tien-tien"], person=aw.w.an, summary=summary)
    _refused(aw, "được đề nghị hai lần trong một năm học")


def test_title_and_form_for_one_achievement_may_go_together(aw, council_passes):
    from tdkt.records.models import Registration

    Registration.objects.create(award_type=aw.types["lao-dong-tien-tien"], school_year=aw.w.year,
                                person=aw.w.an, registered_on=dt.date(2025, 9, 20))
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["lao-dong-tien-tien"],
                      person=aw.w.an, summary="Cùng thành tích", achievement_key="nh25")
    assert "one_achievement" not in _codes(aw.proposal)


def test_receiving_level_without_authority(aw, council_passes):
    from tdkt.awards.models import GrantAuthority

    GrantAuthority.objects.filter(unit_type=aw.w.phong.unit_type, award_level=aw.types["giay-khen"].level).delete()
    _refused(aw, "không có thẩm quyền")


def test_missing_documents_listed(aw, council_passes):
    aw.proposal.files.filter(doc_kind="bien_ban").delete()
    assert "Thiếu Biên bản họp Hội đồng thi đua." in checks.missing_documents(aw.proposal)
    _refused(aw, "Thiếu Biên bản")


def test_per_nominee_report_required(aw, council_passes):
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["bang-khen-tinh-bo"],
                      person=aw.w.binh, summary="Hai năm hoàn thành xuất sắc")
    missing = checks.missing_documents(aw.proposal)
    assert any("Báo cáo thành tích của Trần Thị Bình" in m for m in missing)


def test_deadline_mark_or_refuse(aw, council_passes):
    aw.round.deadline = dt.date(2020, 1, 1)
    aw.round.save()
    aw.proposal.refresh_from_db()
    assert not _codes(aw.proposal)["deadline"].blocking
    aw.round.late_policy = LatePolicy.REFUSE
    aw.round.save()
    _refused(aw, "không nhận hồ sơ nộp muộn")


def test_late_is_marked(aw, council_passes):
    aw.round.deadline = dt.date(2020, 1, 1)
    aw.round.save()
    aw.proposal.refresh_from_db()
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=aw.proposal, action="submit")
    assert aw.proposal.late


def test_not_eligible_blocks_and_cites_the_rule(aw, council_passes, real_engine):
    _rate(aw.w.an, "ht")
    check = _codes(aw.proposal)["eligibility"]
    assert check.blocking and check.item_id == aw.item.pk
    _refused(aw, "Nguyễn Văn An: không đủ điều kiện «Giấy khen» (Xếp loại năm học 2025-2026: Hoàn thành nhiệm vụ")
    assert LAW_75_1 in check.message


def test_the_rounds_school_year_is_judged(aw, council_passes, real_engine):
    """An excellent year before does not carry a weak year of the round."""
    _rate(aw.w.an, "htxs", 2024)
    _rate(aw.w.an, "ht", 2025)
    _refused(aw, "Xếp loại năm học 2025-2026: Hoàn thành nhiệm vụ")


def test_an_initiative_makes_a_good_teacher_cstdcs(aw, council_passes, real_engine):
    """CSTĐCS needs an excellent year or a recognised initiative (Law art. 23.2): only the CSTĐCS line is
    refused, and the initiative lifts it."""
    _rate(aw.w.an, "htt")
    for code in ("lao-dong-tien-tien", "chien-si-thi-dua-co-so"):
        _register(aw, aw.w.an, code)
    cstd = services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal,
                             award_type=aw.types["chien-si-thi-dua-co-so"], person=aw.w.an,
                             summary="Giáo viên dạy giỏi", achievement_key="nh25")
    refused = [c for c in checks.submit_checks(aw.proposal) if c.code == "eligibility"]
    assert [(c.item_id, c.blocking) for c in refused] == [(cstd.pk, True)]
    assert "không đủ điều kiện «Chiến sĩ thi đua cơ sở»" in refused[0].message and LAW_23_2 in refused[0].message
    _initiative(aw, aw.w.an)
    assert not [c for c in checks.submit_checks(aw.proposal) if c.code == "eligibility"]


def test_a_line_the_engine_cannot_judge_warns_and_the_others_keep_theirs(aw, council_passes, real_engine):
    """An award type no longer in use cannot be judged: that line says why, without blocking, and An's line
    is still refused on its own verdict."""
    from tdkt.eligibility.models import AwardType

    _rate(aw.w.an, "ht")
    _rate(aw.w.binh, "htxs")
    line = services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal,
                             award_type=aw.types["bang-khen-tinh-bo"], person=aw.w.binh,
                             summary="Hai năm hoàn thành xuất sắc")
    AwardType.objects.filter(pk=aw.types["bang-khen-tinh-bo"].pk).update(active=False)
    found = {c.item_id: c for c in checks.submit_checks(aw.proposal) if c.code == "eligibility"}
    assert not found[line.pk].blocking
    assert "Trần Thị Bình – Bằng khen" in found[line.pk].message and "chưa xét được" in found[line.pk].message
    assert "bang-khen-tinh-bo" in found[line.pk].message
    assert found[aw.item.pk].blocking and "không đủ điều kiện «Giấy khen»" in found[aw.item.pk].message


def test_proposal_checks_queries_do_not_grow_with_lines(aw, council_passes, real_engine,
                                                         django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _rate(aw.w.an, "htt")
    _register(aw, aw.w.an, "lao-dong-tien-tien")
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["lao-dong-tien-tien"],
                      person=aw.w.an, summary="Hoàn thành tốt nhiệm vụ")
    with CaptureQueriesContext(connection) as small:
        checks.submit_checks(aw.proposal)
    for who in (aw.w.binh, aw.w.an):
        _rate(who, "ht")
        for summary in ("Thành tích một", "Thành tích hai", "Thành tích ba"):
            services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                              person=who, summary=f"{summary} của {who}")
    services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["lao-dong-tien-tien"],
                      person=aw.w.binh, summary="Hoàn thành tốt nhiệm vụ")
    with django_assert_max_num_queries(len(small)):
        found = checks.submit_checks(aw.proposal)
    assert {c.code for c in found} >= {"eligibility", "registration"}


def test_empty_proposal_refused(aw, council_passes):
    aw.proposal.items.all().delete()
    _refused(aw, "chưa có cá nhân")


def _ad_hoc(aw):
    from tdkt.awards.models import Round

    Round.objects.filter(pk=aw.round.pk).update(kind=RoundKind.AD_HOC)
    aw.proposal.refresh_from_db()


def test_ineligible_allowed_with_justification_in_ad_hoc_round(aw, council_passes, real_engine):
    """Khen đột xuất: an item short of the standing criteria goes up with its written justification."""
    _rate(aw.w.an, "ht")
    _rate(aw.w.binh, "ht")
    _ad_hoc(aw)
    p = aw.proposal
    p.refresh_from_db()
    services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.binh,
                      summary="Dũng cảm cứu học sinh đuối nước", achievement_key="cuu-nguoi",
                      justification="Hành động dũng cảm đột xuất ngày 12/5/2026, được báo chí địa phương đưa tin")
    aw.item.justification = "Thành tích đột xuất trong phòng chống bão lũ"
    aw.item.save(update_fields=["justification"])
    p.refresh_from_db()
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=p, action="submit")
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED
    notes = [c["message"] for c in p.check_results if c["code"] == "eligibility"]
    binh_notes = [n for n in notes if n.startswith("Trần Thị Bình: chưa đủ điều kiện «Giấy khen» (Xếp loại năm học "
                                             "2025-2026: Hoàn thành nhiệm vụ")]
    assert len(binh_notes) == 1 and LAW_75_1 in binh_notes[0] and "; đề nghị kèm giải trình: «Hành động dũng cảm" in binh_notes[0]
    assert all(not c["blocking"] for c in p.check_results if c["code"] == "eligibility")


def test_ineligible_without_justification_refused_in_ad_hoc_round(aw, council_passes, real_engine):
    _rate(aw.w.an, "ht")
    _ad_hoc(aw)
    _refused(aw, "Đợt khen đột xuất: nhập giải trình cho dòng này để được gửi.")


def test_justification_does_not_open_the_annual_round(aw, council_passes, real_engine):
    """Year-end titles and forms follow the standing criteria: a justification does not lift the block."""
    _rate(aw.w.an, "ht")
    aw.item.justification = "Xin xem xét"
    aw.item.save(update_fields=["justification"])
    _refused(aw, "Nguyễn Văn An: không đủ điều kiện «Giấy khen» (Xếp loại năm học 2025-2026: Hoàn thành nhiệm vụ")
