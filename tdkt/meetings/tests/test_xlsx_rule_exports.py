"""«Xuất Excel» on the rules page: each of its two tables (quorum, voting thresholds) as the
page lists them, dates as dates and the citation in full; a reader without the permission
gets no file."""

import datetime as dt

from django.urls import reverse

from tdkt.documents.tests.helpers import xlsx_rows
from tdkt.meetings.models import QuorumRule, VotingRule


def test_rule_tables_export(world, awards, client):
    client.force_login(world.users.council_a)
    url = reverse("meetings:rule_list")
    page = client.get(url).content.decode()
    assert "bang=so-thanh-vien&amp;xuat=xlsx" in page and "bang=bieu-quyet&amp;xuat=xlsx" in page

    quorum = xlsx_rows(client.get(url, {"bang": "so-thanh-vien", "xuat": "xlsx"}))
    assert quorum[0] == ("STT", "Quy định", "Loại hội đồng", "Tỷ lệ", "Tỷ lệ (%)", "Hiệu lực từ ngày",
                         "Hiệu lực đến ngày", "Căn cứ", "Ghi chú")
    assert len(quorum) == 1 + QuorumRule.objects.count() > 1
    first = QuorumRule.objects.first()
    assert quorum[1][1] == first.name and quorum[1][3] == f"{first.share_numerator}/{first.share_denominator}"
    assert abs(quorum[1][4] - first.share_numerator / first.share_denominator) < 1e-9
    assert quorum[1][5] == dt.datetime.combine(first.effective_from, dt.time()) and quorum[1][7] == first.citation

    voting = xlsx_rows(client.get(url, {"bang": "bieu-quyet", "xuat": "xlsx"}))
    assert voting[0][:5] == ("STT", "Quy định", "Riêng cho danh hiệu", "Nhóm danh hiệu", "Tỷ lệ đạt")
    rules = list(VotingRule.objects.order_by("award_group", "-effective_from"))
    assert [r[1] for r in voting[1:]] == [r.name for r in rules]
    assert [r[4] for r in voting[1:]] == [r.summary for r in rules]


def test_rule_export_refusals(world, awards, client):
    url = reverse("meetings:rule_list")
    client.force_login(world.users.council_a)
    response = client.get(url, {"bang": "khong-co", "xuat": "xlsx"})
    assert response.status_code == 404 and "spreadsheetml" not in response.get("Content-Type", "")
    client.force_login(world.users.nobody)
    response = client.get(url, {"bang": "bieu-quyet", "xuat": "xlsx"})
    assert response.status_code == 403 and "spreadsheetml" not in response.get("Content-Type", "")
