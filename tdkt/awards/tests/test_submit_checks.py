"""Each submit check, with its reason; a blocked submission changes nothing."""

import datetime as dt

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.awards import checks, services
from tdkt.awards.choices import LatePolicy, ProposalStatus, RoundKind
from tdkt.core.exceptions import DomainValidationError


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


def test_clean_proposal_submits_with_warnings(aw, council_passes):
    found = _codes(aw.proposal)
    assert set(found) == {"eligibility"}
    assert not found["eligibility"].blocking and "chưa xét được" in found["eligibility"].message
    services.proposal_transition(actor=aw.w.users.officer_a, proposal=aw.proposal, action="submit")
    assert aw.proposal.status == ProposalStatus.SUBMITTED
    assert aw.proposal.check_results[0]["code"] == "eligibility"


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


def test_not_eligible_blocks(aw, council_passes, monkeypatch):
    monkeypatch.setattr(checks, "_verdict", lambda item, year: ("khong_du_dieu_kien", "chưa đủ 10 tháng công tác"))
    _refused(aw, "không đủ điều kiện «Giấy khen» (chưa đủ 10 tháng công tác)")


def test_empty_proposal_refused(aw, council_passes):
    aw.proposal.items.all().delete()
    _refused(aw, "chưa có cá nhân")


def test_engine_used_when_present(aw, council_passes, monkeypatch):
    import types

    seen = {}

    def evaluate(*, person, award_type, school_year):
        seen.update(person=person, award_type=award_type, school_year=school_year)
        return {"outcome": "du_dieu_kien", "lines": []}

    monkeypatch.setattr(checks, "_engine_module", lambda: types.SimpleNamespace(evaluate=evaluate))
    assert "eligibility" not in _codes(aw.proposal)
    assert seen == {"person": aw.w.an, "award_type": aw.types["giay-khen"], "school_year": aw.w.year}


def test_engine_failure_is_a_warning(aw, council_passes, monkeypatch):
    import types

    def evaluate(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(checks, "_engine_module", lambda: types.SimpleNamespace(evaluate=evaluate))
    check = _codes(aw.proposal)["eligibility"]
    assert not check.blocking and "chưa xét được" in check.message


def test_real_engine_when_installed(aw, council_passes, monkeypatch):
    monkeypatch.undo()
    if checks._engine_module() is None:
        pytest.skip("the eligibility engine is not installed")
    found = [c for c in checks.submit_checks(aw.proposal) if c.code == "eligibility"]
    assert all("chưa xét được" not in c.message for c in found)


def _ad_hoc(aw):
    from tdkt.awards.models import Round

    Round.objects.filter(pk=aw.round.pk).update(kind=RoundKind.AD_HOC)
    aw.proposal.refresh_from_db()


def test_ineligible_allowed_with_justification_in_ad_hoc_round(aw, council_passes, monkeypatch):
    """Khen đột xuất: an item short of the standing criteria goes up with its written justification."""
    monkeypatch.setattr(checks, "_verdict", lambda item, year: ("khong_du_dieu_kien", "chưa đủ 10 tháng công tác"))
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
    assert any("Trần Thị Bình: chưa đủ điều kiện «Giấy khen» (chưa đủ 10 tháng công tác); đề nghị kèm giải trình: "
               "«Hành động dũng cảm" in n for n in notes)
    assert all(not c["blocking"] for c in p.check_results if c["code"] == "eligibility")


def test_ineligible_without_justification_refused_in_ad_hoc_round(aw, council_passes, monkeypatch):
    monkeypatch.setattr(checks, "_verdict", lambda item, year: ("khong_du_dieu_kien", "chưa đủ 10 tháng công tác"))
    _ad_hoc(aw)
    _refused(aw, "Đợt khen đột xuất: nhập giải trình cho dòng này để được gửi.")


def test_justification_does_not_open_the_annual_round(aw, council_passes, monkeypatch):
    """Year-end titles and forms follow the standing criteria: a justification does not lift the block."""
    monkeypatch.setattr(checks, "_verdict", lambda item, year: ("khong_du_dieu_kien", "chưa đủ 10 tháng công tác"))
    aw.item.justification = "Xin xem xét"
    aw.item.save(update_fields=["justification"])
    _refused(aw, "không đủ điều kiện «Giấy khen» (chưa đủ 10 tháng công tác).")
