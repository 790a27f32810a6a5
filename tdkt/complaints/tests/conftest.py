"""A decision of the district office (Giấy khen for An, 20/06/2026) to complain about, its office officer and
head, and the time-limit rows and calendar loaded as `tdkt load_reference` loads them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tdkt.awards.tests.conftest import _decide, _no_engine, aw, council_passes  # noqa: F401  (fixtures)


@pytest.fixture
def kn(aw, council_passes):  # noqa: F811
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.complaints.reference import load_time_limits

    load_time_limits()
    w = aw.w
    head = User.objects.create_user(username="head_phong", password="pw-test-123", first_name="Long",
                                    last_name="Võ Cao")
    Membership.objects.create(user=head, unit=w.phong, role=Role.HEAD)
    other = User.objects.create_user(username="officer2_phong", password="pw-test-123")
    Membership.objects.create(user=other, unit=w.phong, role=Role.TDKT_OFFICER)
    aw.proposal.delete()
    decision = _decide(aw, head, w.school_a, w.users.officer_a, [("giay-khen", w.an, "Giáo viên dạy giỏi")], 21)
    return SimpleNamespace(w=w, aw=aw, head=head, officer=w.users.office_officer, other_officer=other,
                           decision=decision, item=decision.items.get())
