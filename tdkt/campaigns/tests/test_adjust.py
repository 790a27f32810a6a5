"""Targets, milestones and deadlines adjusted after the launch: one audited change each, the
history old → new on the campaign page, the new dates on lower units' calendar and ICS feed,
and the refusals that leave everything as it was."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent
from tdkt.core.exceptions import DomainValidationError, PermissionRefused

from .. import selectors, services
from ..models import CampaignChange, CampaignTarget, Milestone, TargetReport

D = dt.date


@pytest.fixture
def camp(w):
    today = timezone.localdate()
    return services.campaign_create(
        actor=w.users.office_officer, unit=w.phong, name="Dạy tốt – Học tốt", school_year=w.year,
        period_start=D(2025, 9, 5), period_end=D(2026, 12, 31),
        registration_deadline=today + dt.timedelta(days=10),
        targets=[{"name": "Tỷ lệ giáo viên đạt LĐTT", "target_value": Decimal(80), "measure": "%"}],
        milestones=[{"name": "Sơ kết học kỳ I", "due_date": today + dt.timedelta(days=20), "categories": []}])


def _state(camp):
    return (list(CampaignTarget.objects.filter(campaign=camp).values_list("name", "target_value", "metric")),
            list(Milestone.objects.filter(campaign=camp).values_list("name", "due_date")),
            CampaignChange.objects.count(), AuditEvent.objects.count(), TargetReport.objects.count())


def test_target_changes_are_audited_once_each_and_shown_to_lower_units(w, camp, client):
    t = camp.targets.get()
    audits = AuditEvent.objects.count()
    services.target_change(actor=w.users.office_officer, target=t, name=t.name, target_value=Decimal(85),
                           measure="%", metric="awarded_ldtt", reason="Theo chỉ đạo của Sở")
    added = services.target_add(actor=w.users.office_officer, campaign=camp, name="Số sáng kiến được công nhận",
                                target_value=3, measure="sáng kiến", metric="initiatives_recognised")
    services.target_remove(actor=w.users.office_officer, target=added, reason="Trùng chỉ tiêu")
    assert AuditEvent.objects.count() == audits + 3
    assert [e.event_type for e in AuditEvent.objects.order_by("-id")[:3]][::-1] == [
        "campaign.target_change", "campaign.target_add", "campaign.target_remove"]
    change = CampaignChange.objects.get(subject__startswith="Điều chỉnh chỉ tiêu")
    assert "≥ 80 %" in change.before and "≥ 85 %" in change.after and "đạt lao động tiên tiến" in change.after
    client.force_login(w.users.officer_a)  # a school under the Phòng sees what moved and why
    page = client.get(reverse("campaigns:campaign_detail", args=[camp.pk])).content.decode()
    assert "Lịch sử điều chỉnh" in page and "Theo chỉ đạo của Sở" in page and "≥ 80 %" in page
    assert "Bỏ chỉ tiêu «Số sáng kiến được công nhận»" in page


def test_a_target_units_report_against_cannot_be_removed_nor_made_computed(w, camp):
    t = camp.targets.get()
    services.target_report(actor=w.users.officer_a, target=t, unit=w.school_a, value=Decimal("75.5"),
                           reported_on=D(2025, 12, 1), note="Học kỳ I")
    before = _state(camp)
    with pytest.raises(DomainValidationError, match="1 đơn vị đã báo cáo"):
        services.target_remove(actor=w.users.office_officer, target=t)
    with pytest.raises(DomainValidationError, match="không chuyển sang cách tính tự động"):
        services.target_change(actor=w.users.office_officer, target=t, name=t.name, target_value=80, measure="%",
                               metric="awarded_ldtt")
    with pytest.raises(PermissionRefused):
        services.target_change(actor=w.users.officer_a, target=t, name=t.name, target_value=50, measure="%")
    assert _state(camp) == before
    # changing the figure itself is fine: the reports stay and are judged against the new value
    services.target_change(actor=w.users.office_officer, target=t, name=t.name, target_value=70, measure="%")
    assert selectors.target_progress(campaign=camp, unit=w.school_a)[0].met is True


def test_moved_milestone_shows_on_the_calendar_and_ics_of_lower_units(w, camp, client):
    ms = camp.milestones.get()
    new_due = ms.due_date + dt.timedelta(days=7)
    services.milestone_change(actor=w.users.office_officer, milestone=ms, name=ms.name, due_date=new_due,
                              categories=["school"], reason="Lùi lịch sơ kết")
    due = {i.title.split(" – ")[0]: i.due for i in selectors.calendar_items(user=w.users.officer_a)}
    assert due["Sơ kết học kỳ I"] == new_due
    client.force_login(w.users.officer_a)
    ics = client.get(reverse("campaigns:calendar_ics", args=[services.calendar_token_get_or_create(
        user=w.users.officer_a)])).content.decode()
    assert f"DTSTART;VALUE=DATE:{new_due:%Y%m%d}" in ics
    assert f"DTSTART;VALUE=DATE:{ms.due_date:%Y%m%d}" not in ics
    change = CampaignChange.objects.get()
    assert f"hạn {ms.due_date:%d/%m/%Y} (áp dụng cho mọi đơn vị)" in change.before
    assert f"hạn {new_due:%d/%m/%Y} (áp dụng cho cơ sở giáo dục)" in change.after


def test_deadline_before_the_campaign_start_is_refused_and_nothing_changes(w, camp, client):
    ms = camp.milestones.get()
    before = _state(camp)
    with pytest.raises(DomainValidationError, match="trước ngày bắt đầu phong trào \\(05/09/2025\\)"):
        services.milestone_change(actor=w.users.office_officer, milestone=ms, name=ms.name, due_date=D(2025, 8, 1))
    with pytest.raises(DomainValidationError, match="trước ngày bắt đầu phong trào"):
        services.milestone_add(actor=w.users.office_officer, campaign=camp, name="Mốc sai", due_date=D(2025, 9, 4))
    with pytest.raises(DomainValidationError, match="trước ngày bắt đầu phong trào"):
        services.campaign_deadlines_change(actor=w.users.office_officer, campaign=camp,
                                           registration_deadline=D(2025, 9, 1), submission_deadline=None)
    with pytest.raises(DomainValidationError, match="không có gì thay đổi"):
        services.milestone_change(actor=w.users.office_officer, milestone=ms, name=ms.name, due_date=ms.due_date)
    assert _state(camp) == before
    # through the page: the refusal is shown on the milestone's own form
    client.force_login(w.users.office_officer)
    url = reverse("campaigns:campaign_adjust", args=[camp.pk])
    r = client.post(url, {"op": "milestone_change", "obj": ms.pk, f"m{ms.pk}-name": ms.name,
                          f"m{ms.pk}-due_date": "2025-08-01"})
    assert r.status_code == 200
    assert "trước ngày bắt đầu phong trào (05/09/2025)" in r.content.decode()
    assert _state(camp) == before


def test_deadlines_moved_through_the_page_one_history_row_each(w, camp, client):
    client.force_login(w.users.office_officer)
    url = reverse("campaigns:campaign_adjust", args=[camp.pk])
    assert client.get(url).status_code == 200
    new_reg = camp.registration_deadline + dt.timedelta(days=5)
    r = client.post(url, {"op": "deadlines", "dl-registration_deadline": new_reg.isoformat(),
                          "dl-submission_deadline": "2026-06-01", "dl-reason": "Gia hạn"})
    assert r.status_code == 302
    camp.refresh_from_db()
    assert camp.registration_deadline == new_reg and camp.submission_deadline == D(2026, 6, 1)
    rows = list(CampaignChange.objects.order_by("id").values_list("before", "after"))
    assert rows == [((new_reg - dt.timedelta(days=5)).strftime("%d/%m/%Y"), new_reg.strftime("%d/%m/%Y")),
                    ("không có hạn", "01/06/2026")]
    assert AuditEvent.objects.filter(event_type="campaign.deadline_change").count() == 2
    due = {i.title.split(" – ")[0]: i.due for i in selectors.calendar_items(user=w.users.officer_a)}
    assert due["Hạn đăng ký thi đua"] == new_reg
    # add and remove a milestone through the page
    r = client.post(url, {"op": "milestone_add", "mnew-name": "Nộp báo cáo sơ kết", "mnew-due_date": "2026-01-26",
                          "mnew-categories": ["school"]})
    assert r.status_code == 302
    ms = Milestone.objects.get(name="Nộp báo cáo sơ kết")
    assert ms.categories == ["school"]
    assert client.post(url, {"op": "milestone_remove", "obj": ms.pk, f"mr{ms.pk}-reason": "Gộp"}).status_code == 302
    assert not Milestone.objects.filter(pk=ms.pk).exists()
    client.force_login(w.users.officer_a)
    assert client.get(url).status_code == 403


def test_adjust_page_shows_each_target_and_milestone_with_its_forms(w, camp, client):
    client.force_login(w.users.office_officer)
    page = client.get(reverse("campaigns:campaign_adjust", args=[camp.pk])).content.decode()
    t, m = camp.targets.get(), camp.milestones.get()
    for testid in (f"target-{t.pk}", f"milestone-{m.pk}", "new-target", "new-milestone", "deadlines-form"):
        assert f'data-testid="{testid}"' in page, testid
    for op in ("target_change", "target_remove", "target_add", "milestone_change", "milestone_remove",
               "milestone_add"):
        assert f'name="op" value="{op}"' in page, op
    assert "Lưu chỉ tiêu" in page and "Bỏ mốc này" in page and "Thêm mốc" in page
    assert 'value="Tỷ lệ giáo viên đạt LĐTT"' in page  # the target's form is filled with its values
