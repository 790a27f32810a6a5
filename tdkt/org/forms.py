from django import forms

from tdkt.core.forms import BootstrapFormMixin, DateInput

from .choices import SchoolLevel
from .models import UnitType


class UnitForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    code = forms.CharField(label="Mã đơn vị", max_length=40)
    short_name = forms.CharField(label="Tên viết tắt (ký hiệu văn bản)", max_length=40, required=False)
    unit_type = forms.ModelChoiceField(label="Loại đơn vị", queryset=UnitType.objects.all())
    school_level = forms.ChoiceField(label="Cấp học", choices=[("", "—")] + list(SchoolLevel.choices), required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    place_name = forms.CharField(label="Địa danh trên văn bản", max_length=100, required=False)
    founded_on = forms.DateField(label="Ngày thành lập", required=False, widget=DateInput())
    active_from = forms.DateField(label="Hoạt động từ ngày", required=False, widget=DateInput())
    active_to = forms.DateField(label="Hoạt động đến ngày", required=False, widget=DateInput())
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
