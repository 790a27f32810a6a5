"""Issue 5, the cluster year in a browser: the office writes the khối's covenant, each member unit
signs it with its works and topics, the khối trưởng's school records the three meetings with
attendance and minutes, meeting 3 ranks the members by votes, votes the leading unit and names
next year's leader; the office's overview shows what is late."""

import pytest

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KHOI = "Khối thi đua Tiểu học 1"
COVENANT = "Các đơn vị trong khối cam kết thực hiện tốt phong trào «Dạy tốt – Học tốt» năm học 2025-2026."


@pytest.fixture
def w(world):
    from tdkt.accounts.choices import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.campaigns.tests import helpers as h

    officer_c = User.objects.create_user(username="officer_c", password="pw-test-123", display_name="officer_c")
    Membership.objects.create(user=officer_c, unit=world.school_c, role=Role.TDKT_OFFICER)
    world.khoi = h.cluster(world, name=KHOI, members=("school_a", "school_b", "school_c"), leader="school_a")
    return world


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def member_row(page, unit):
    return page.locator("main table tbody tr", has_text=unit.name)


def record_meeting(page, w, number, held_on, place, agenda, attendees, minutes, documents="", deadline=None,
                   sent_on=None):
    page.goto(f"{page.base_url}/phong-trao/cum-khoi/{w.khoi.pk}/")
    page.click(f"main a:has-text('Ghi nhận lần {number}')")
    assert page.input_value("#id_number") == str(number)
    page.fill("#id_held_on", held_on)
    page.fill("#id_place", place)
    page.fill("#id_agenda", agenda)
    for unit in attendees:
        page.check(f"input[name=attendees][value='{unit.pk}']")
    page.fill("#id_minutes", minutes)
    page.fill("#id_required_documents", documents)
    if deadline:
        page.fill("#id_send_deadline", deadline)
    if sent_on:
        page.fill("#id_documents_sent_on", sent_on)


def test_covenant_signed_by_each_member_and_three_meetings(page, w):
    cluster_url = f"/phong-trao/cum-khoi/{w.khoi.pk}/"

    # The office (organizer) writes the covenant.
    login(page, "office_officer")
    page.goto(page.base_url + "/phong-trao/cum-khoi/")
    page.click(f"main a:has-text('{KHOI}')")
    page.fill("#id_text", COVENANT)
    page.click("main button:has-text('Lưu giao ước')")
    page.wait_for_selector("text=Đã lưu giao ước thi đua")
    assert COVENANT in page.inner_text("main")

    # Each member unit signs for itself, registering its works and topics.
    signers = [("officer_a", w.school_a, "Thư viện thân thiện"), ("officer_b", w.school_b, "Sân chơi an toàn"),
               ("officer_c", w.school_c, "Góc đọc sách cho trẻ")]
    for username, unit, works in signers:
        switch_user(page, username)
        page.goto(page.base_url + cluster_url)
        assert "chưa ký" in member_row(page, unit).inner_text()
        # the form offers only the user's own unit
        assert page.locator("#id_unit option[value]:not([value=''])").all_inner_texts() == [unit.name]
        page.select_option("#id_unit", str(unit.pk))
        page.fill("#id_works", works)
        page.fill("#id_topics", "Ứng dụng công nghệ thông tin trong dạy học")
        page.click("main button:has-text('Ký giao ước')")
        page.wait_for_selector(f"text=«{unit.name}» đã ký giao ước thi đua")
        row = member_row(page, unit).inner_text()
        assert works in row and "chưa ký" not in row
    assert page.locator("#id_unit").count() == 0  # every member has signed: nothing left to sign
    assert page.locator("#id_text").count() == 0  # and the covenant text is frozen

    # The khối trưởng's school (school A) runs the meetings.
    switch_user(page, "officer_a")
    everyone = [w.school_a, w.school_b, w.school_c]
    record_meeting(page, w, 1, "2025-10-30", "Trường Tiểu học Đinh Tiên Hoàng", "Thông qua quy chế, ký giao ước",
                   everyone, "Ba đơn vị ký giao ước; thống nhất lịch sinh hoạt khối.",
                   "Quy chế, kế hoạch, bảng giao ước, biên bản", "2025-11-10", "2025-11-07")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận hội nghị")
    record_meeting(page, w, 2, "2026-01-20", "Trường Tiểu học Kết Đoàn", "Sơ kết học kỳ I",
                   [w.school_a, w.school_b], "Trường Mầm non Bé Ngoan vắng có lý do.", "Biên bản sơ kết",
                   "2026-01-26")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận hội nghị")

    # Meeting 3: the votes do not make school A the leading unit: refused, shown on the form.
    record_meeting(page, w, 3, "2026-05-30", "Trường Tiểu học Đinh Tiên Hoàng", "Tổng kết, bình xét thi đua",
                   everyone, "Bình chọn đơn vị dẫn đầu bằng phiếu kín; 3/3 đơn vị dự.")
    page.fill(f"#id_votes_{w.school_a.pk}", "1")
    page.fill(f"#id_votes_{w.school_b.pk}", "2")
    page.fill(f"#id_votes_{w.school_c.pk}", "0")
    page.select_option("#id_leading_unit", str(w.school_a.pk))
    page.select_option("#id_next_leader", str(w.school_b.pk))
    page.fill("#id_commendations", "Trường Tiểu học Kết Đoàn\nCô Trần Thị Bình")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=không có số phiếu cao nhất")
    page.select_option("#id_leading_unit", str(w.school_b.pk))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận hội nghị")

    main = page.inner_text("main")
    assert "Ba đơn vị ký giao ước" in main and "Trường Mầm non Bé Ngoan vắng có lý do" in main
    ranking = page.locator("main ol").inner_text().splitlines()
    assert ranking == [f"{w.school_b.name} – 2 phiếu", f"{w.school_a.name} – 1 phiếu", f"{w.school_c.name} – 0 phiếu"]
    assert f"Đơn vị dẫn đầu (đề nghị Cờ thi đua): {w.school_b.name}" in main
    assert f"khối trưởng năm sau: {w.school_b.name}" in main
    assert "Đề nghị khen: Trường Tiểu học Kết Đoàn; Cô Trần Thị Bình" in main
    assert f"Năm học 2026-2027: {w.school_b.name}" in main  # leader rotation history

    # The office's overview: covenant 3/3, three meetings held, meeting 2's documents overdue.
    switch_user(page, "office_officer")
    page.goto(page.base_url + "/phong-trao/cum-khoi/")
    row = page.locator(f"[data-cluster='{w.khoi.pk}']")
    cells = row.locator("td").all_inner_texts()
    assert cells[3] == "3/3"
    assert "đã gửi hồ sơ 07/11/2025" in cells[4]
    assert "quá hạn gửi hồ sơ" in cells[5] and "hạn 26/01/2026" in cells[5]
    assert "đã họp 30/05/2026" in cells[6]
    assert "table-danger" in row.get_attribute("class")
    assert "1 cụm/khối chậm gửi hồ sơ về đơn vị tổ chức" in page.inner_text("[data-testid=late-summary]")
