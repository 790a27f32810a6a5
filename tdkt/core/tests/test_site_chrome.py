"""The page frame (issue 12, item 11 and the favicon of item 12): our own icon with no 404 for
/favicon.ico, and a menu button that a phone uses to open the links."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse


def test_favicon_ico_answers_with_our_svg_icon(db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    body = b"".join(response.streaming_content)
    assert body.lstrip().startswith(b"<svg")
    with open(finders.find("tdkt/favicon.svg"), "rb") as f:
        assert f.read() == body


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_the_icon_and_has_the_menu_button(world, signed_in):
    client = Client()
    if signed_in:
        client.force_login(world.users.officer_a)
        html = client.get(reverse("core:home")).content.decode()
    else:
        html = client.get(reverse("accounts:login")).content.decode()
    assert 'rel="icon" href="/static/tdkt/favicon.svg" type="image/svg+xml"' in html
    assert 'src="/static/tdkt/nav.js"' in html
    assert 'aria-controls="main-nav" aria-expanded="false"' in html
    assert 'id="main-nav"' in html
    assert "cdn" not in html.lower()
