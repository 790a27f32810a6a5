from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput

from .choices import SchoolLevel
from .models import UnitType


class _UnitTypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class UnitForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    short_name = forms.CharField(label=_("Tên viết tắt (ký hiệu văn bản)"), max_length=40, required=False)
    unit_type = _UnitTypeChoice(label=_("Loại đơn vị"), queryset=UnitType.objects.all())
    school_level = forms.ChoiceField(label=_("Cấp học"), choices=[("", "—")] + list(SchoolLevel.choices), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    place_name = forms.CharField(label=_("Địa danh trên văn bản"), max_length=100, required=False)
    founded_on = forms.DateField(label=_("Ngày thành lập"), required=False, widget=DateInput())
    active_from = forms.DateField(label=_("Hoạt động từ ngày"), required=False, widget=DateInput())
    active_to = forms.DateField(label=_("Hoạt động đến ngày"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class _SuccessorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class UnitEditForm(UnitForm):
    """The edit page also names the successor of a unit that stops (it was dropped when posted, since
    the form had no such field). A reorganisation with its decision has its own page."""

    successor = _SuccessorChoice(label=_("Đơn vị kế thừa"), queryset=None, required=False,
                                 help_text=_("Chỉ ghi khi đơn vị ngừng hoạt động (có ngày «Hoạt động đến ngày»)."))

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Unit

        qs = Unit.objects.order_by("path")
        self.fields["successor"].queryset = qs.exclude(pk=unit.pk) if unit is not None else qs
