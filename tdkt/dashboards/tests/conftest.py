"""A small known dataset over the ``world`` tree (year 2025-2026), written with the ORM
so the figures the tests assert are exactly the rows below."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

TODAY = dt.date(2026, 6, 30)  # after every deadline below, inside the school year


@pytest.fixture
def stats(world):
    from tdkt.awards.choices import ItemStatus, ProposalStatus, RoundKind
    from tdkt.awards.models import Decision, DecisionItem, Proposal, ProposalItem, Round
    from tdkt.awards.reference import ensure_award_types
    from tdkt.campaigns.choices import SubmissionStatus
    from tdkt.campaigns.models import Campaign, RegistrationSubmission
    from tdkt.eligibility.models import AwardType
    from tdkt.people.models import Employment, Person
    from tdkt.records.models import AwardRecord, PersonRating, Registration

    ensure_award_types()
    t = {a.code: a for a in AwardType.objects.all()}
    w = world
    y = w.year
    dung = Person.objects.create(family_name="Đỗ", middle_name="Thị", given_name="Dung")
    Employment.objects.create(person=dung, unit=w.school_b, start_date=dt.date(2021, 9, 1))
    # Someone who left before the year: not staff of the year, their rows never count.
    old = Person.objects.create(family_name="Vũ", middle_name="Văn", given_name="Cũ")
    Employment.objects.create(person=old, unit=w.school_b, start_date=dt.date(2015, 9, 1), end_date=dt.date(2024, 6, 30))
    Registration.objects.create(award_type=t["lao-dong-tien-tien"], school_year=y, person=old,
                                registered_on=dt.date(2025, 9, 20))

    reg = dt.date(2025, 9, 20)
    for person, code in ((w.an, "lao-dong-tien-tien"), (w.an, "chien-si-thi-dua-co-so"),
                         (w.binh, "lao-dong-tien-tien"), (w.cuong, "lao-dong-tien-tien")):
        Registration.objects.create(award_type=t[code], school_year=y, person=person, registered_on=reg)
    Registration.objects.create(award_type=t["tap-the-lao-dong-tien-tien"], school_year=y, unit=w.school_a,
                                registered_on=reg)
    Registration.objects.create(award_type=t["tap-the-lao-dong-xuat-sac"], school_year=y, unit=w.group_a,
                                registered_on=reg)
    for person, rating in ((w.an, "htxs"), (w.binh, "htt"), (w.cuong, "ht"), (dung, "htt")):
        PersonRating.objects.create(person=person, school_year=y, rating=rating)

    AwardRecord.objects.create(award_type=t["lao-dong-tien-tien"], person=w.an, unit=w.group_a, school_year=y,
                               decision_number="12/QĐ-TH", decision_date=dt.date(2026, 5, 25))
    AwardRecord.objects.create(award_type=t["lao-dong-tien-tien"], person=w.binh, school_year=y,
                               decision_number="12/QĐ-TH", decision_date=dt.date(2026, 5, 25))
    AwardRecord.objects.create(award_type=t["lao-dong-tien-tien"], person=w.cuong, unit=w.school_b, school_year=y,
                               decision_number="13/QĐ-TH", decision_date=dt.date(2026, 5, 25),
                               revoked_on=dt.date(2026, 6, 10), revocation_decision="20/QĐ-TH",
                               revocation_reason="Khai không đúng thành tích")
    AwardRecord.objects.create(award_type=t["tap-the-lao-dong-tien-tien"], unit=w.school_a, school_year=y,
                               decision_number="15/QĐ-PGD", decision_date=dt.date(2026, 6, 5))

    rnd = Round.objects.create(unit=w.phong, kind=RoundKind.ANNUAL, name="Tổng kết năm học 2025-2026",
                               school_year=y, deadline=dt.date(2026, 6, 3))
    pa = Proposal.objects.create(round=rnd, unit=w.school_a, to_unit=w.phong, title="Đề nghị của trường A",
                                 status=ProposalStatus.DECIDED, late=True,
                                 submitted_at=dt.datetime(2026, 6, 5, 9, 0, tzinfo=dt.UTC))
    an_item = ProposalItem.objects.create(proposal=pa, person=w.an, award_type=t["giay-khen"], summary="Giỏi",
                                          status=ItemStatus.DECIDED)
    ProposalItem.objects.create(proposal=pa, person=w.binh, award_type=t["giay-khen"], summary="Tốt",
                                status=ItemStatus.PENDING)
    ProposalItem.objects.create(proposal=pa, unit=w.group_a, award_type=t["giay-khen-tap-the"], summary="Tổ tốt",
                                status=ItemStatus.REJECTED)
    ProposalItem.objects.create(proposal=pa, person=w.binh, award_type=t["lao-dong-tien-tien"], summary="Rút",
                                status=ItemStatus.WITHDRAWN)
    pb = Proposal.objects.create(round=rnd, unit=w.school_b, to_unit=w.phong, title="Bản nháp trường B")
    ProposalItem.objects.create(proposal=pb, person=w.cuong, award_type=t["giay-khen"], summary="Nháp")
    d = Decision.objects.create(issuer=w.phong, number=7, year=2026, decision_date=dt.date(2026, 6, 20),
                                title="Về việc khen thưởng", signer_name="Võ Cao Long", signer_title="Trưởng phòng",
                                proposal=pa, round=rnd, base_salary=2340000, rounding_step=10000, total=710000)
    DecisionItem.objects.create(decision=d, proposal_item=an_item, person=w.an, award_type=t["giay-khen"],
                                coefficient="0.3", amount=710000)

    camp = Campaign.objects.create(unit=w.phong, name="Dạy tốt – Học tốt 2025-2026", school_year=y,
                                   submission_deadline=dt.date(2025, 10, 15))
    RegistrationSubmission.objects.create(campaign=camp, unit=w.school_a, status=SubmissionStatus.SUBMITTED,
                                          late=True, submitted_at=dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC))
    RegistrationSubmission.objects.create(campaign=camp, unit=w.school_c, status=SubmissionStatus.DRAFT)
    return SimpleNamespace(w=w, t=t, dung=dung, old=old, round=rnd, pa=pa, pb=pb, decision=d, campaign=camp)
