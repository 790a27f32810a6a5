"""A local cap on CSTĐCS (from 2024 the 15% of NĐ 91 Điều 9 khoản 3 no longer applies nationally; a province may
set its own): dated rows per issuer, cited to the issuer's decision, used by the verdict and the quota panel for
the units under the issuer — only where no national cap is in force."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from tdkt.eligibility import engine
from tdkt.eligibility.models import AwardType, LocalQuotaRule

from .helpers import CSTDCS, LDTT, initiative, ldtt_ready, line, person, register, sy

D = dt.date
P152_START = dt.date(2025, 7, 1)
CITE = "Quyết định 99/2025/QĐ-UBND của UBND tỉnh (thí nghiệm), Điều 5"


def _rule(issuer, share="0.2", start=P152_START, end=None, citation=CITE):
    return LocalQuotaRule.objects.create(
        issuer=issuer, award_type=AwardType.objects.get(code=CSTDCS), of_award_type=AwardType.objects.get(code=LDTT),
        max_share=Decimal(share), effective_from=start, effective_to=end, citation=citation)


def _school(w, n_ldtt, n_cstdcs, year=2025):
    people = [person(w.school_b, f"GV{i:02d}") for i in range(n_ldtt)]
    for i, p in enumerate(people):
        ldtt_ready(p, year)
        if i < n_cstdcs:
            register(p, CSTDCS, year)
            initiative(p, year)
    return people


def test_local_cap_applies_below_its_issuer_with_its_citation(w):
    people = _school(w, 10, 3)  # 20% × 10 = 2, three eligible
    _rule(w.so)
    r = engine.evaluate(people[0], CSTDCS, sy(2025))
    assert r.outcome == "du_dieu_kien"  # a warning, never the verdict
    quota = line(r, "ty-le-dia-phuong")
    assert quota["passed"] is False and quota["blocking"] is False and "vượt 1" in quota["detail"]
    assert CITE in quota["detail"] and quota["citation"] == CITE
    panel = engine.quota_panel(w.school_b, sy(2025))
    rule = panel["rules"][0]
    assert rule["local"] is True and Decimal(rule["max_share"]) == Decimal("0.2")
    group = rule["groups"][0]
    assert (group["of_title_count"], group["cap"], group["over_by"]) == (10, 2, 1)
    assert group["citation"] == CITE


def test_no_local_rule_no_cap_and_not_for_other_provinces(w):
    _school(w, 10, 3)
    assert engine.quota_panel(w.school_b, sy(2025))["rules"] == []
    # a rule issued by school A does not reach school B
    _rule(w.school_a)
    assert engine.quota_panel(w.school_b, sy(2025))["rules"][0]["groups"] == []


def test_nearest_issuer_wins_and_dates_pick_the_row(w):
    _school(w, 10, 3)
    _rule(w.so, "0.5")
    _rule(w.phong, "0.1", citation="Quyết định 7/QĐ-UBND (thí nghiệm)")
    group = engine.quota_panel(w.school_b, sy(2025))["rules"][0]["groups"][0]
    assert group["cap"] == 1 and "7/QĐ-UBND" in group["citation"]
    # a row that ended before the year's last day is not used
    LocalQuotaRule.objects.filter(issuer=w.phong).update(effective_to=D(2026, 6, 30))
    group = engine.quota_panel(w.school_b, sy(2025))["rules"][0]["groups"][0]
    assert group["cap"] == 5


def test_national_cap_wins_in_the_old_period(w):
    people = _school(w, 20, 4, year=2022)
    _rule(w.so, "0.5", start=D(2017, 10, 1))
    r = engine.evaluate(people[0], CSTDCS, sy(2022))
    codes = {x["code"] for x in r.lines}
    assert "ty-le-15" in codes and "ty-le-dia-phuong" not in codes


def test_api_lists_the_rules_reaching_a_unit_and_the_page_says_local(w):
    _school(w, 10, 3)
    old = _rule(w.so, "0.3", start=D(2024, 1, 1), end=D(2025, 6, 30))
    new = _rule(w.so, "0.2")
    c = Client()
    c.force_login(w.users.office_officer)
    rows = c.get(reverse("api:eligibility_local_quotas", args=[w.school_b.pk]), {"day": "2026-08-31"}).json()
    assert [(r["id"], r["in_force"], r["applies"]) for r in rows] == [(new.pk, True, True), (old.pk, False, False)]
    assert rows[0]["citation"] == CITE
    page = c.get(reverse("eligibility:unit", args=[w.school_b.pk]), {"nam": 2025}).content.decode()
    assert "không quá 20% theo quy định của địa phương" in page


def test_the_impact_report_reads_local_caps_on_its_own_day(w):
    """«What if this year were judged by the rules of day B»: the issuer's own cap is law too, so a cap that starts
    after the year's end applies on day B, and one that ended before day B does not."""
    people = _school(w, 10, 3)
    _rule(w.so, start=D(2026, 10, 1))  # after the 2025-2026 year's end (31/08/2026)

    def quota_codes(rules_on=None):
        eng = engine.subtree_engine(w.school_b, sy(2025), rules_on=rules_on)
        return {x.code for x in eng.catalogue.criteria.get(CSTDCS, ())}, eng

    codes, _ = quota_codes()
    assert "ty-le-dia-phuong" not in codes
    codes, eng = quota_codes(D(2026, 11, 1))
    assert "ty-le-dia-phuong" in codes
    verdict = {r.subject.id: r for r in engine.evaluate_subtree(w.school_b, sy(2025), [CSTDCS], engine=eng)}
    assert line(verdict[people[0].pk], "ty-le-dia-phuong")["passed"] is False
    LocalQuotaRule.objects.update(effective_to=D(2026, 10, 31))
    codes, _ = quota_codes(D(2026, 11, 1))
    assert "ty-le-dia-phuong" not in codes


def test_the_head_sets_a_new_version_on_the_page_and_the_old_one_is_kept(w):
    """The page lists the caps reaching a school; the one who decides the issuer's awards sets a new version, the
    previous one closes the day before (history kept, audited); bad input names the field and saves nothing."""
    from tdkt.accounts.models import Membership, Role, User
    from tdkt.audit.models import AuditEvent

    old = _rule(w.so, "0.2")
    head = User.objects.create_user(username="giamdoc", password="pw-test-123")
    Membership.objects.create(user=head, unit=w.so, role=Role.HEAD)
    c = Client()
    c.force_login(head)
    url = reverse("eligibility:local_quotas", args=[w.so.pk])
    page = c.get(url).content.decode()
    assert f'data-testid="local-quota-{old.pk}"' in page and 'data-testid="local-quota-form"' in page
    cstdcs, ldtt = AwardType.objects.get(code=CSTDCS).pk, AwardType.objects.get(code=LDTT).pk
    bad = c.post(url, {"award_type": cstdcs, "of_award_type": ldtt, "max_share": "150%", "rounding": "floor",
                       "effective_from": "2026-09-01", "citation": ""})
    assert bad.status_code == 200 and "Tỷ lệ tối đa phải lớn hơn 0" in bad.content.decode()
    assert "Hãy ghi căn cứ" in bad.content.decode()
    assert LocalQuotaRule.objects.count() == 1 and not AuditEvent.objects.filter(
        event_type__startswith="eligibility.local_quota").exists()
    r = c.post(url, {"award_type": cstdcs, "of_award_type": ldtt, "max_share": "10%", "rounding": "floor",
                     "effective_from": "2026-09-01", "citation": "Quyết định 5/QĐ-UBND, Điều 2"})
    assert r.status_code == 302
    old.refresh_from_db()
    new = LocalQuotaRule.objects.exclude(pk=old.pk).get()
    assert old.effective_to == D(2026, 8, 31) and new.max_share == Decimal("0.1") and new.effective_to is None
    assert AuditEvent.objects.filter(event_type="eligibility.local_quota_closed").count() == 1
    assert AuditEvent.objects.filter(event_type="eligibility.local_quota_added").count() == 1
    # the school's eligibility page links the list; the school's officer sees it but gets no form
    school_page = Client()
    school_page.force_login(w.users.officer_b)
    html = school_page.get(reverse("eligibility:local_quotas", args=[w.school_b.pk])).content.decode()
    assert "Quyết định 5/QĐ-UBND" in html and 'data-testid="local-quota-form"' not in html
    assert school_page.post(reverse("eligibility:local_quotas", args=[w.school_b.pk]), {}).status_code == 403
