"""Transitions, refused ones, routing to the specialist, the timeline."""

import pytest

from tdkt.audit.models import AuditEvent
from tdkt.awards import services
from tdkt.awards.choices import ItemStatus
from tdkt.awards.choices import ProposalStatus as S
from tdkt.awards.workflow import TRANSITIONS, allowed_from
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .conftest import accepted, advance


def _state(p):
    p.refresh_from_db()
    return p.status, p.version, AuditEvent.objects.count(), p.events.count()


def test_table_is_consistent():
    assert {t.action for t in allowed_from(S.DRAFT)} == {"submit"}
    assert TRANSITIONS["withdraw"].sources == {S.SUBMITTED, S.RESUBMITTED, S.RETURNED}


def test_full_path_and_timeline(aw, council_passes):
    p = accepted(aw)
    assert p.status == S.REVIEWED
    assert [e.action for e in p.events.all()] == ["submit", "receive", "start_review", "finish_review"]
    assert AuditEvent.objects.filter(event_type="awards.proposal_receive", target_id=str(p.pk)).exists()


def test_routed_to_specialist_of_school_level(aw, council_passes):
    p = advance(aw, "submit", "receive")
    assert p.specialist == aw.w.users.specialist_th


def test_other_level_specialist_cannot_review(aw, council_passes):
    p = advance(aw, "submit", "receive")
    before = _state(p)
    with pytest.raises(PermissionRefused):
        services.proposal_transition(actor=aw.w.users.specialist_mn, proposal=p, action="start_review")
    assert _state(p) == before


def test_return_and_resubmit(aw, council_passes):
    p = advance(aw, "submit", "receive", "return")
    assert p.status == S.RETURNED and p.return_reason == "Bổ sung biên bản"
    services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["giay-khen"], person=aw.w.binh,
                      summary="Thêm")
    p = advance(aw, "resubmit")
    assert p.status == S.RESUBMITTED


def test_return_needs_reason(aw, council_passes):
    p = advance(aw, "submit")
    before = _state(p)
    with pytest.raises(DomainValidationError):
        services.proposal_transition(actor=aw.w.users.office_officer, proposal=p, action="return", reason=" ")
    assert _state(p) == before


def test_withdraw_before_receipt_only(aw, council_passes):
    p = advance(aw, "submit", "receive")
    before = _state(p)
    with pytest.raises(DomainValidationError, match="Không thể «Rút đề nghị»"):
        services.proposal_transition(actor=aw.w.users.officer_a, proposal=p, action="withdraw", reason="x")
    assert _state(p) == before


def test_withdraw_marks_items(aw, council_passes):
    p = advance(aw, "submit", "withdraw")
    assert p.status == S.WITHDRAWN
    assert set(p.items.values_list("status", flat=True)) == {ItemStatus.WITHDRAWN}


def test_sender_cannot_receive_and_other_school_cannot_submit(aw, council_passes):
    p = aw.proposal
    before = _state(p)
    with pytest.raises(PermissionRefused):
        services.proposal_transition(actor=aw.w.users.officer_b, proposal=p, action="submit")
    assert _state(p) == before
    p = advance(aw, "submit")
    before = _state(p)
    with pytest.raises(PermissionRefused):
        services.proposal_transition(actor=aw.w.users.officer_a, proposal=p, action="receive")
    assert _state(p) == before


def test_finish_review_needs_every_item(aw, council_passes):
    p = advance(aw, "submit", "receive", "start_review")
    before = _state(p)
    with pytest.raises(DomainValidationError, match="chưa có ý kiến thẩm định"):
        services.proposal_transition(actor=aw.w.users.specialist_th, proposal=p, action="finish_review")
    assert _state(p) == before


def test_reject_needs_reason(aw, council_passes):
    p = advance(aw, "submit", "receive", "start_review")
    item = p.items.get()
    with pytest.raises(DomainValidationError):
        services.item_review(actor=aw.w.users.specialist_th, item=item, accept=False)
    services.item_review(actor=aw.w.users.specialist_th, item=item, accept=False, note="Thiếu minh chứng")
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED


def test_internal_transitions_not_callable(aw):
    with pytest.raises(DomainValidationError):
        services.proposal_transition(actor=aw.w.users.head_a, proposal=aw.proposal, action="decide")


def test_item_for_person_of_another_school_refused(aw):
    before = _state(aw.proposal)
    with pytest.raises(DomainValidationError, match="không công tác tại"):
        services.item_add(actor=aw.w.users.officer_a, proposal=aw.proposal, award_type=aw.types["giay-khen"],
                          person=aw.w.cuong, summary="x")
    assert _state(aw.proposal) == before


def test_editing_after_submit_refused(aw, council_passes):
    p = advance(aw, "submit")
    before = _state(p)
    with pytest.raises(DomainValidationError, match="không sửa được"):
        services.item_add(actor=aw.w.users.officer_a, proposal=p, award_type=aw.types["giay-khen"],
                          person=aw.w.binh, summary="x")
    assert _state(p) == before


def test_compile_upward_without_retyping(aw, council_passes):
    p = accepted(aw)
    item = p.items.get()
    up = services.proposal_compile(actor=aw.w.users.office_officer, round=aw.round, unit=aw.w.phong,
                                   to_unit=aw.w.so, items=[item])
    copied = up.items.get()
    assert copied.source_item == item and copied.summary == item.summary and copied.person == aw.w.an
    p.refresh_from_db()
    assert p.status == S.FORWARDED


def test_compile_refuses_pending_items(aw, council_passes):
    p = advance(aw, "submit", "receive")
    with pytest.raises(DomainValidationError):
        services.proposal_compile(actor=aw.w.users.office_officer, round=aw.round, unit=aw.w.phong,
                                  to_unit=aw.w.so, items=list(p.items.all()))


def test_specialist_of_other_level_cannot_return(aw, council_passes):
    p = advance(aw, "submit", "receive")
    before = _state(p)
    with pytest.raises(PermissionRefused):
        services.proposal_transition(actor=aw.w.users.specialist_mn, proposal=p, action="return", reason="x")
    assert _state(p) == before
    services.proposal_transition(actor=aw.w.users.specialist_th, proposal=p, action="return", reason="Bổ sung")
    assert p.status == S.RETURNED
