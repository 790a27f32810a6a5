"""The dashboard shows the unit's progress against the targets of the year's campaigns."""

from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_shows_campaign_targets_computed_for_the_unit(client, stats):
    from tdkt.campaigns.models import CampaignTarget

    w = stats.w
    CampaignTarget.objects.create(campaign=stats.campaign, name="Tỷ lệ đăng ký LĐTT", target_value=Decimal(80),
                                  measure="%", metric="registered_ldtt")
    CampaignTarget.objects.create(campaign=stats.campaign, name="Số tiết thao giảng", target_value=Decimal(10),
                                  measure="tiết")
    client.force_login(w.users.office_officer)
    html = client.get(reverse("dashboards:overview")).content.decode()
    section = html.split('data-testid="target-progress"', 1)[1].split("</section>", 1)[0]
    assert "Dạy tốt – Học tốt 2025-2026" in section
    # 3 of the 5 staff of the Phòng's subtree registered for LĐTT: 60 % against 80 %
    rows = section.split('data-testid="target-row"')[1:]
    assert len(rows) == 2
    assert "Tỷ lệ đăng ký LĐTT" in rows[0] and "60 %" in rows[0] and "Chưa đạt" in rows[0]
    assert "Số tiết thao giảng" in rows[1] and "Chưa có số liệu" in rows[1]


def test_dashboard_without_targets_shows_no_target_table(client, stats):
    client.force_login(stats.w.users.office_officer)
    html = client.get(reverse("dashboards:overview")).content.decode()
    assert "Thực hiện chỉ tiêu của phong trào" not in html
