"""Unit pickers (issue 12, item 9): each option names the unit and where it sits, in tree order, and
the labels of a whole list cost a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.org.forms import UnitChoiceField, UnitMultipleChoiceField
from tdkt.org.models import Unit
from tdkt.org.selectors import unit_path_labels

pytestmark = pytest.mark.django_db


def _options(html: str) -> list[str]:
    return [label for value, label in re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', html) if value]


def test_labels_name_the_school_of_a_group_and_skip_what_every_option_shares(world):
    under_office = Unit.objects.filter(path__startswith=world.phong.path)
    labels = unit_path_labels(list(under_office.order_by("path")))
    # The Sở above every option is never named; the office, an ancestor of every other option, neither.
    assert labels[world.phong.pk] == "Phòng Giáo dục và Đào tạo Quận Thử"
    assert labels[world.school_a.pk] == "Trường Tiểu học Đinh Tiên Hoàng"
    # A subject group always names its school, even in the school's own list.
    assert labels[world.group_a.pk] == "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng"
    own = unit_path_labels(list(Unit.objects.filter(path__startswith=world.school_a.path).order_by("path")))
    assert own[world.group_a.pk] == "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng"
    # The whole tree: the office is named under it; the root (the Sở) is not.
    every = unit_path_labels(list(Unit.objects.order_by("path")))
    assert every[world.group_a.pk] == ("Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng – "
                                       "Phòng Giáo dục và Đào tạo Quận Thử")
    assert every[world.so.pk] == "Sở Giáo dục và Đào tạo Thử"


def test_a_picker_lists_units_in_tree_order_with_their_path_and_folded_text(world):
    field = UnitChoiceField(queryset=Unit.objects.order_by("-name"))
    html = field.widget.render("unit", None)
    assert _options(html) == [
        "Sở Giáo dục và Đào tạo Thử",
        "Phòng Giáo dục và Đào tạo Quận Thử",
        "Trường Tiểu học Đinh Tiên Hoàng – Phòng Giáo dục và Đào tạo Quận Thử",
        "Tổ 1 – Trường Tiểu học Đinh Tiên Hoàng – Phòng Giáo dục và Đào tạo Quận Thử",
        "Trường Tiểu học Kết Đoàn – Phòng Giáo dục và Đào tạo Quận Thử",
        "Trường Mầm non Bé Ngoan – Phòng Giáo dục và Đào tạo Quận Thử",
    ]
    assert "data-unit-picker" in html
    assert 'data-fold="to 1 – truong tieu hoc dinh tien hoang – phong giao duc va dao tao quan thu th-a-to1"' in html
    assert f'value="{world.group_a.pk}"' in html  # the value stays the pk


def _grow(world, start: int, stop: int) -> None:
    from tdkt.org.services import unit_create

    t = world.types
    for i in range(start, stop):
        school = unit_create(actor=None, parent=world.phong, code=f"TH-X{i}", name=f"Trường Tiểu học Số {i}",
                             unit_type=t["truong-th"])
        unit_create(actor=None, parent=school, code=f"TH-X{i}-VP", name="Tổ Văn phòng", unit_type=t["to-van-phong"])


def _render_queries(field) -> int:
    with CaptureQueriesContext(connection) as ctx:
        field.widget.render("unit", None)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("factory", [UnitChoiceField, UnitMultipleChoiceField])
def test_the_labels_of_a_list_cost_the_same_queries_for_ten_times_the_units(world, factory):
    offices = Unit.objects.filter(unit_type__code="to-van-phong")
    _grow(world, 0, 3)
    # Only the offices: their schools, not options, are read in one query more.
    small, whole_small = _render_queries(factory(queryset=offices)), _render_queries(factory(queryset=Unit.objects.all()))
    _grow(world, 3, 30)
    assert offices.count() == 30
    large, whole_large = _render_queries(factory(queryset=offices)), _render_queries(factory(queryset=Unit.objects.all()))
    assert (small, large) == (2, 2)
    assert (whole_small, whole_large) == (1, 1)
    assert "Tổ Văn phòng – Trường Tiểu học Số 29" in _options(factory(queryset=offices).widget.render("unit", None))


def test_hand_built_unit_filters_show_paths_and_search(client, world):
    """Issue 12 item 9, the filter forms that are not Django forms: the statistics page, the
    certificate batch and the public disclosure page list units with their path and a search box."""
    from django.urls import reverse

    client.force_login(world.users.office_officer)
    html = client.get(reverse("dashboards:overview")).content.decode()
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    assert "data-unit-picker" in select
    assert f"{world.group_a.name} – {world.school_a.name}" in select
    client.force_login(world.users.officer_a)
    html = client.get(reverse("awards:certificates_batch")).content.decode()
    select = re.search(r'<select id="f-unit".*?</select>', html, re.S).group(0)
    assert "data-unit-picker" in select and f"{world.group_a.name} – {world.school_a.name}" in select
