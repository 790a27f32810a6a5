"""Forms of score sheets: a new sheet, and the criteria to import (typed lines or an XLSX file)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import SchoolYear, Unit, UnitType

from .models import FinalRule


class SheetForm(forms.Form):
    owner: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Đơn vị ban hành"), queryset=Unit.objects.none())
    school_year = forms.ModelChoiceField(label=_("Năm học"), queryset=SchoolYear.objects.order_by("-start_year"))
    unit_type = forms.ModelChoiceField(label=_("Loại đơn vị áp dụng"), queryset=UnitType.objects.order_by("order"))
    title = forms.CharField(label=_("Tên bảng điểm"), max_length=300)
    final_rule = forms.ChoiceField(label=_("Cách tính điểm cuối cùng"), choices=FinalRule.choices)
    gap_threshold = forms.DecimalField(label=_("Ngưỡng chênh lệch cần thảo luận (điểm)"), initial=5, min_value=0,
                                       max_digits=6, decimal_places=2)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ImportForm(forms.Form):
    text = forms.CharField(label=_("Tiêu chí (mỗi dòng: mã | nội dung | điểm | loại | minh chứng | hướng dẫn)"),
                           widget=forms.Textarea(attrs={"rows": 8}), required=False)
    file = forms.FileField(label=_("Hoặc tệp Excel (.xlsx) cùng các cột, dòng 1 là tiêu đề"), required=False)

    def clean(self):
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Hãy nhập các dòng tiêu chí hoặc chọn tệp Excel."))
        return data


class FinalForm(forms.Form):
    total = forms.DecimalField(label=_("Điểm cuối cùng (để trống: theo cách tính của bảng)"), required=False,
                               max_digits=7, decimal_places=2)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    reason = forms.CharField(label=_("Lý do (bắt buộc khi công bố lại)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
