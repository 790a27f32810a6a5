"""A campaign named in a sentence (issue 12, item 12): "Phong trào «Dạy tốt»", but a name that
already says "Phong trào thi đua «…»" as it is, never "Phong trào «Phong trào thi đua «…»»"; and
each create page says what it saved."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from .. import services
from ..models import campaign_phrase
from . import helpers as h

DEMO_NAME = "Phong trào thi đua «Đổi mới, sáng tạo trong dạy và học» năm học 2026-2027"


def test_a_name_that_is_already_a_phrase_is_not_wrapped_again():
    assert campaign_phrase(DEMO_NAME) == DEMO_NAME
    assert campaign_phrase(DEMO_NAME, capital=False) == "p" + DEMO_NAME[1:]
    assert campaign_phrase("Dạy tốt – Học tốt") == "Phong trào «Dạy tốt – Học tốt»"
    assert campaign_phrase("Dạy tốt – Học tốt", capital=False) == "phong trào «Dạy tốt – Học tốt»"


def test_pages_name_the_campaign_once_and_say_what_was_saved(w):
    camp = services.campaign_create(actor=w.users.office_officer, unit=w.phong, name=DEMO_NAME, school_year=w.year,
                                    registration_deadline=dt.date(2099, 10, 27))
    client = Client()
    client.force_login(w.users.staff_a)
    for url in (reverse("campaigns:register", args=[camp.pk]), reverse("campaigns:innovation_create", args=[camp.pk])):
        html = client.get(url).content.decode()
        assert DEMO_NAME in html and "Phong trào «Phong trào" not in html
    response = client.post(reverse("campaigns:register", args=[camp.pk]),
                           {"award_type": h.award().pk, "person": w.an.pk}, follow=True)
    assert "Đã đăng ký" in response.content.decode()
    officer = Client()
    officer.force_login(w.users.officer_a)
    html = officer.get(reverse("campaigns:submission_detail", args=[camp.pk, w.school_a.pk])).content.decode()
    assert DEMO_NAME in html and "Phong trào «Phong trào" not in html
