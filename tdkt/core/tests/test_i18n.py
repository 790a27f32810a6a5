from django.test import Client


def test_english_is_available(db):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"}, follow=True)
    html = response.content.decode()
    assert "Log in to the Emulation and Commendation system" in html
    assert "Username" in html


def test_vietnamese_by_default(db):
    html = Client().get("/tai-khoan/dang-nhap/").content.decode()
    assert "Đăng nhập hệ thống Thi đua – Khen thưởng" in html
    assert 'lang="vi"' in html
