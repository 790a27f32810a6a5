"""English as the second language: the main pages switch to English, and the
English catalogue (tdkt/locale/en) stays complete, compiled and placeholder-safe."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

LC_MESSAGES = Path(settings.BASE_DIR) / "tdkt" / "locale" / "en" / "LC_MESSAGES"

# The menu as a TĐKT officer of a school sees it, in both languages.
OFFICER_NAV = {
    "Trang chủ": "Home",
    "Đơn vị": "Units",
    "Cá nhân": "People",
    "Phong trào": "Campaigns",
    "Khen thưởng": "Awards",
    "Đăng xuất": "Log out",
}


def _english_client(user) -> Client:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("core:home")})
    assert response.status_code == 302
    return client


def _nav(html: str) -> str:
    match = re.search(r'<nav class="navbar.*?</nav>', html, re.S)
    assert match, "the page has no navigation bar"
    return match.group(0)


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no <h1>"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


# --- pages ---------------------------------------------------------------------------------------


def test_login_page_in_english_through_the_cookie(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in html
    assert "Log in to the Emulation and Commendation system" in html
    assert "Tên đăng nhập" not in html


def test_home_in_english(world):
    client = _english_client(world.users.officer_a)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "<title>Home – Emulation and commendation</title>" in html
    assert _h1(html) == "Hello, officer_a"
    assert "My units and roles" in html and "Needs attention" in html
    assert "Đơn vị và vai trò của tôi" not in html and "Việc cần chú ý" not in html


@pytest.mark.parametrize("url_name", ["core:home", "org:unit_tree", "people:person_list",
                                      "campaigns:campaign_list", "awards:proposal_list"])
def test_main_pages_have_english_navigation(world, url_name):
    client = _english_client(world.users.officer_a)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "– Emulation and commendation</title>" in html
    nav = _nav(html)
    for vi, en in OFFICER_NAV.items():
        assert f">{en}<" in nav, f"menu entry {en!r} missing on {url_name}"
        assert f">{vi}<" not in nav, f"menu entry {vi!r} left in Vietnamese on {url_name}"
    # The language switch offers the way back.
    assert "Tiếng Việt" in nav


# Each main page: its <h1> and a few words of its table or buttons, in English and no longer in Vietnamese.
MAIN_PAGES = [
    ("org:unit_tree", "Unit tree", "Unit tree", ["Unit name", "School level"], ["Cây đơn vị", "Tên đơn vị"]),
    ("people:person_list", "People", "Managers, teachers and staff", ["Export to Excel", "Search"],
     ["Cán bộ, giáo viên, nhân viên", "Xuất Excel"]),
    ("campaigns:campaign_list", "Emulation campaigns", "Emulation campaigns",
     ["Campaign name", "Registration deadline"], ["Phong trào thi đua", "Tên phong trào"]),
    ("awards:proposal_list", "Award proposals", "Award proposals", ["Proposing unit", "Status"],
     ["Đề nghị khen thưởng", "Đơn vị đề nghị"]),
]


@pytest.mark.parametrize(("url_name", "title", "heading", "english", "vietnamese"), MAIN_PAGES)
def test_main_pages_have_english_headings(world, url_name, title, heading, english, vietnamese):
    client = _english_client(world.users.officer_a)
    html = client.get(reverse(url_name)).content.decode()
    assert _h1(html) == heading
    assert f"<title>{title} – Emulation and commendation</title>" in html
    main = html.split("<main", 1)[1]
    for text in english:
        assert text in main, f"{text!r} missing on {url_name}"
    for text in vietnamese:
        assert text not in main, f"{text!r} left in Vietnamese on {url_name}"


def test_staff_member_menu_in_english(world):
    client = _english_client(world.users.staff_a)
    nav = _nav(client.get(reverse("core:home")).content.decode())
    assert ">My record<" in nav and ">Hồ sơ của tôi<" not in nav


def test_dashboards_headings_in_english(world):
    client = _english_client(world.users.officer_a)
    html = client.get(reverse("dashboards:lookup")).content.decode()
    assert _h1(html) == "Look up emulation and commendation history"
    html = client.get(reverse("reportcheck:check")).content.decode()
    assert _h1(html) == "Achievement report check"


def test_switching_back_to_vietnamese(world):
    client = _english_client(world.users.officer_a)
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("core:home")})
    html = client.get(reverse("core:home")).content.decode()
    assert 'lang="vi"' in html
    assert ">Trang chủ<" in _nav(html) and ">Home<" not in _nav(html)


# --- the catalogue -------------------------------------------------------------------------------


def _unquote(line: str) -> str:
    body = line.strip()
    assert body.startswith('"') and body.endswith('"'), line
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body[1:-1])


def _po_entries() -> list[dict]:
    """Entries of django.po as dicts: flags, msgctxt, msgid, msgid_plural, msgstr / msgstr[n]."""
    text = (LC_MESSAGES / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry: dict = {"flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#~"):  # obsolete: an empty entry is dropped below
                entry = {}
                break
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += _unquote(line)
            else:
                key, rest = line.split(" ", 1)
                entry[key] = _unquote(rest)
        if entry and "msgid" in entry:
            entries.append(entry)
    return entries


def _translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_catalogue_has_entries():
    msgids = [e["msgid"] for e in _po_entries() if e["msgid"]]
    assert len(msgids) > 100
    assert "Trang chủ" in msgids


def test_every_msgid_has_an_english_msgstr():
    untranslated = [e["msgid"] for e in _po_entries()
                    if e["msgid"] and not all(s.strip() for s in _translations(e))]
    assert not untranslated, f"{len(untranslated)} strings lack English: {untranslated[:10]}"


def test_no_fuzzy_translations():
    fuzzy = [e["msgid"] for e in _po_entries() if "fuzzy" in e["flags"]]
    assert not fuzzy, f"unchecked (fuzzy) translations: {fuzzy[:10]}"


PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdfr]|\{[A-Za-z_]\w*\}|<[^>]+>")


def test_translations_keep_placeholders_and_markup():
    wrong = []
    for e in _po_entries():
        if not e["msgid"]:
            continue
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for s in _translations(e):
            if sorted(PLACEHOLDER.findall(s)) != expected:
                wrong.append((e["msgid"], s))
    assert not wrong, wrong[:5]


def test_compiled_catalogue_matches_the_po_file():
    """django.mo is committed (no compile step on install): it must hold every translation in django.po."""
    with open(LC_MESSAGES / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    stale = []
    for e in _po_entries():
        if not e["msgid"]:
            continue
        msgid = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            pairs = [((msgid, int(k[7:-1])), v) for k, v in e.items() if k.startswith("msgstr[")]
        else:
            pairs = [(msgid, e["msgstr"])]
        stale += [key for key, value in pairs if catalog.get(key) != value]
    assert not stale, f"django.mo is out of date (run compilemessages -l en): {stale[:5]}"


def test_record_page_in_english_names_awards_and_columns_in_english(world):
    """Issue 12 item 12: in English the initiatives table said "Given name" and the titles stayed
    Vietnamese on a person's record."""
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.tests.helpers import award, initiative

    load_catalogue()
    award(world.an, "lao-dong-tien-tien", 2024)
    initiative([world.an], 2024)
    client = _english_client(world.users.officer_a)
    html = client.get(reverse("records:person_record", args=[world.an.pk])).content.decode()
    assert "Advanced Worker" in html and "Lao động tiên tiến" not in html
    assert "Given name" not in html
