"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py). The event is the
district office's, calling its schools (made with the ORM: no audit row)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tdkt.core.testing import Case


def _event(w):
    if getattr(w, "_event", None) is None:
        from tdkt.events.models import Attendee, Event, Quota, QuotaPart

        e = Event.objects.create(organiser=w.phong, scope=w.phong, title="Tập huấn TĐKT", content="Nội dung",
                                 starts_at=timezone.make_aware(dt.datetime(2099, 5, 10, 8)), place="Hội trường",
                                 registration_deadline=dt.date(2099, 5, 1), created_by=w.users.office_officer)
        q = Quota.objects.create(event=e, unit_type=w.school_a.unit_type, label="Trường tiểu học", total=2)
        part = QuotaPart.objects.create(quota=q, label="giáo viên", count=2)
        # Bình is the school's principal in the world fixture: already employed there.
        w._attendee = Attendee.objects.create(event=e, unit=w.school_a, part=part, person=w.binh,
                                              registered_by=w.users.officer_a)
        w._event, w._part = e, part
    return w._event


def _add(w):
    _event(w)
    return {"unit": w.school_a.pk, "part": w._part.pk, "person": w.an.pk}


def _new(w):
    return {"organiser": w.phong.pk, "scope": w.phong.pk, "kind": "tap_huan", "title": "Tập huấn",
            "content": "Nội dung", "starts_at": "2099-05-10T08:00", "duration": "01 ngày", "place": "Hội trường",
            "registration_deadline": "2099-05-01", "quota_type_1": w.school_a.unit_type.pk,
            "quota_label_1": "Trường tiểu học", "quota_parts_1": "01 lãnh đạo; 01 giáo viên"}


def _attendee(w):
    _event(w)
    return w._attendee


CASES = [
    Case("events:event_list", "get", lambda w: reverse("events:event_list"), other_unit=None, wrong_role=None),
    Case("events:event_new", "get", lambda w: reverse("events:event_new"), allowed="office_officer", other_unit=None,
         wrong_role="council_a"),
    Case("events:event_new", "post", lambda w: reverse("events:event_new"), data=_new, allowed="office_officer",
         other_unit=None, wrong_role="council_a", allowed_status=(302,)),
    Case("events:event_detail", "get", lambda w: reverse("events:event_detail", args=[_event(w).pk]),
         other_unit=None, wrong_role=None),
    Case("events:attendee_add", "post", lambda w: reverse("events:attendee_add", args=[_event(w).pk]), data=_add,
         wrong_role="council_a", allowed_status=(302,)),
    Case("events:attendance", "get", lambda w: reverse("events:attendance", args=[_event(w).pk]),
         allowed="office_officer", other_unit="officer_a", wrong_role="specialist_th"),
    Case("events:plan", "get", lambda w: reverse("events:plan", args=[_event(w).pk]), other_unit=None,
         wrong_role=None),
    Case("events:attendee_remove", "post", lambda w: reverse("events:attendee_remove", args=[_attendee(w).pk]),
         wrong_role="council_a", allowed_status=(302,)),
    Case("events:invitation", "get", lambda w: reverse("events:invitation", args=[_attendee(w).pk]),
         wrong_role="council_a", other_unit="officer_b"),
    Case("events:check_in", "get", lambda w: reverse("events:check_in", args=[_attendee(w).token]),
         allowed="office_officer", other_unit="officer_a", wrong_role="specialist_th"),
    Case("events:check_in", "post", lambda w: reverse("events:check_in", args=[_attendee(w).token]),
         allowed="office_officer", other_unit="officer_a", wrong_role="specialist_th", allowed_status=(302,)),
    Case("events:attendance_set", "post", lambda w: reverse("events:attendance_set", args=[_attendee(w).pk]),
         data=lambda w: {"attended": "1"}, allowed="office_officer", other_unit="officer_a",
         wrong_role="specialist_th", allowed_status=(302,)),
]
