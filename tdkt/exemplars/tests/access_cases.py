"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py). The exemplar and
the pledge are school A's, made with the ORM (no audit row)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tdkt.core.testing import Case


def _ex(w):
    if getattr(w, "_exemplar", None) is None:
        from tdkt.exemplars.models import Exemplar, ModelPledge

        w._exemplar = Exemplar.objects.create(unit=w.school_a, kind="ca_nhan", person=w.an, title="Điển hình",
                                              description="Việc tốt", created_by=w.users.officer_a)
        w._pledge = ModelPledge.objects.create(unit=w.school_a, school_year=w.year, title="Mô hình",
                                               registered_on=dt.date(2025, 9, 20), created_by=w.users.officer_a)
    return w._exemplar


def _pledge(w):
    _ex(w)
    return w._pledge


def _round_and_type(w):
    from tdkt.awards.models import Round
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()
    rnd = Round.objects.filter(name="Đột xuất (walk)").first() or Round.objects.create(
        unit=w.phong, kind="dot_xuat", name="Đột xuất (walk)", school_year=w.year, deadline=dt.date(2099, 1, 1))
    return {"round": rnd.pk, "award_type": AwardType.objects.get(code="giay-khen").pk}


CASES = [
    Case("exemplars:exemplar_list", "get", lambda w: reverse("exemplars:exemplar_list"), other_unit=None,
         wrong_role=None),
    Case("exemplars:exemplar_new", "get", lambda w: reverse("exemplars:exemplar_new"), other_unit=None,
         wrong_role="council_a"),
    Case("exemplars:exemplar_new", "post", lambda w: reverse("exemplars:exemplar_new"), other_unit=None,
         wrong_role="council_a", allowed_status=(302,),
         data=lambda w: {"unit": w.school_a.pk, "kind": "ca_nhan", "person": w.an.pk, "title": "Điển hình mới",
                         "description": "Việc tốt"}),
    Case("exemplars:exemplar_detail", "get", lambda w: reverse("exemplars:exemplar_detail", args=[_ex(w).pk]),
         wrong_role="public_a"),
    Case("exemplars:exemplar_advance", "post", lambda w: reverse("exemplars:exemplar_advance", args=[_ex(w).pk]),
         data=lambda w: {"stage": "boi_duong", "note": "Giao thành viên Hội đồng giúp đỡ"}, wrong_role="council_a",
         allowed_status=(302,)),
    Case("exemplars:exemplar_public", "post", lambda w: reverse("exemplars:exemplar_public", args=[_ex(w).pk]),
         data=lambda w: {"public": "1"}, wrong_role="council_a", allowed_status=(302,)),
    Case("exemplars:exemplar_propose", "post", lambda w: reverse("exemplars:exemplar_propose", args=[_ex(w).pk]),
         data=_round_and_type, wrong_role="council_a", allowed_status=(302,)),
    Case("exemplars:pledge_list", "get", lambda w: reverse("exemplars:pledge_list"), other_unit=None,
         wrong_role=None),
    Case("exemplars:pledge_list", "post", lambda w: reverse("exemplars:pledge_list"), other_unit=None,
         wrong_role="council_a", allowed_status=(302,),
         data=lambda w: {"unit": w.school_a.pk, "school_year": w.year.pk, "title": "Mô hình mới"}),
    Case("exemplars:pledge_check", "post", lambda w: reverse("exemplars:pledge_check", args=[_pledge(w).pk]),
         data=lambda w: {"result": "chua_thuc_hien", "evidence": ""}, wrong_role="council_a", allowed_status=(302,)),
]
