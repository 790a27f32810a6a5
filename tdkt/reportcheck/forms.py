from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.core.forms import BootstrapFormMixin
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import SchoolYear


class _YearLabel(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Năm học {obj.label}"


class _PersonLabel(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        born = f" ({obj.birth_date:%d/%m/%Y})" if obj.birth_date else ""
        return f"{obj.full_name}{born}"


class SubjectForm(BootstrapFormMixin, forms.Form):
    """Whose report: one person (individual form) or one collective (collective form)."""

    person = _PersonLabel(label=pgettext_lazy("subject", "Cá nhân"), queryset=None, required=False,
                          help_text=_("Người viết báo cáo thành tích cá nhân."))
    unit = UnitChoiceField(label=_("Hoặc tập thể"), queryset=None, required=False,
                           help_text=_("Chọn tập thể nếu đây là báo cáo thành tích tập thể."))
    school_year = _YearLabel(label=_("Năm học của số liệu"), queryset=SchoolYear.objects.none(), required=False,
                             help_text=_("Để trống: năm học của ngày ký báo cáo."))

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units
        self.fields["school_year"].queryset = SchoolYear.objects.order_by("-start_year")

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Hãy chọn đúng một đối tượng: một cá nhân, hoặc một tập thể."))
        return data


class CheckForm(SubjectForm):
    file = forms.FileField(label=_("Tệp báo cáo (.docx)"), help_text=_("Văn bản Word .docx, tối đa 10 MB."))
