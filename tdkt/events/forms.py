"""Forms of the event pages. The composition of each quota is written as in the plans («01 lãnh đạo; 13 giáo
viên»), parsed by services.parse_parts; the services check the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import Unit, UnitType
from tdkt.people.models import Person

from .models import EventKind, QuotaPart
from .services import parse_parts

QUOTA_ROWS = 4


class EventForm(BootstrapFormMixin, forms.Form):
    organiser = UnitChoiceField(label=_("Đơn vị tổ chức"), queryset=Unit.objects.none())
    scope = UnitChoiceField(label=_("Phạm vi triệu tập (các đơn vị thuộc)"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=EventKind.choices)
    title = forms.CharField(label=_("Tên hội nghị, tập huấn"), max_length=300, required=False)
    purpose = forms.CharField(label=_("Mục đích, yêu cầu (mỗi dòng một ý)"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)
    content = forms.CharField(label=_("Nội dung (mỗi dòng một nội dung)"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    starts_at = forms.DateTimeField(label=_("Thời gian bắt đầu"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration = forms.CharField(label=_("Thời lượng"), max_length=60, initial="01 ngày")
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)
    speakers = forms.CharField(label=_("Báo cáo viên"), max_length=300, required=False)
    budget = forms.CharField(label=_("Kinh phí"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    registration_deadline = forms.DateField(label=_("Hạn cử người"), widget=DateInput())

    def __init__(self, *args, organisers, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["scope"].queryset = scopes
        types = UnitType.objects.order_by("order", "name")
        for i in range(1, QUOTA_ROWS + 1):
            self.fields[f"quota_type_{i}"] = forms.ModelChoiceField(
                label=_("Thành phần %(n)s: loại đơn vị") % {"n": i}, queryset=types, required=False)
            self.fields[f"quota_label_{i}"] = forms.CharField(label=_("đối tượng"), max_length=200, required=False)
            self.fields[f"quota_parts_{i}"] = forms.CharField(
                label=_("cơ cấu mỗi đơn vị"), max_length=400, required=False,
                help_text=_("Ví dụ: 01 lãnh đạo phụ trách TĐKT; 01 cán bộ phụ trách TĐKT; 13 cán bộ quản lý, giáo viên"))

    def clean(self):
        data = super().clean() or {}
        quotas = []
        for i in range(1, QUOTA_ROWS + 1):
            kind, text = data.get(f"quota_type_{i}"), data.get(f"quota_parts_{i}") or ""
            if kind is None and not text.strip():
                continue
            if kind is None:
                self.add_error(f"quota_type_{i}", _("Chọn loại đơn vị cho thành phần này."))
                continue
            try:
                parts = parse_parts(text)
            except ValueError as exc:
                self.add_error(f"quota_parts_{i}", _("«%(text)s»: viết số người trước, ví dụ «13 giáo viên».") % {
                    "text": exc.args[0]})
                continue
            if not parts:
                self.add_error(f"quota_parts_{i}", _("Nhập cơ cấu, ví dụ «01 lãnh đạo; 01 giáo viên»."))
                continue
            quotas.append({"unit_type": kind, "label": data.get(f"quota_label_{i}") or kind.name, "parts": parts})
        data["quotas"] = quotas
        return data

    def service_kwargs(self) -> dict:
        keep = ("organiser", "scope", "kind", "title", "purpose", "content", "starts_at", "duration", "place",
                "speakers", "budget", "registration_deadline", "quotas")
        return {k: self.cleaned_data[k] for k in keep}


class AttendeeForm(BootstrapFormMixin, forms.Form):
    part = forms.ModelChoiceField(label=_("Thành phần"), queryset=QuotaPart.objects.none())
    person = forms.ModelChoiceField(label=_("Người dự"), queryset=Person.objects.none())

    def __init__(self, *args, parts, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].queryset = parts
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name
