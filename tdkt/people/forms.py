from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.org.forms import UnitChoiceField

from .choices import Gender, Position, position_choices


class PersonForm(BootstrapFormMixin, forms.Form):
    family_name = forms.CharField(label=_("Họ"), max_length=60)
    middle_name = forms.CharField(label=_("Tên đệm"), max_length=100, required=False)
    given_name = forms.CharField(label=_("Tên"), max_length=60)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DateInput())
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—")] + list(Gender.choices), required=False)
    national_id = forms.CharField(label=_("Số định danh cá nhân / CCCD"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)


class EmploymentForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    position = forms.ChoiceField(label=_("Chức vụ"), choices=position_choices, initial=Position.GIAO_VIEN)
    title_note = forms.CharField(label=_("Nhiệm vụ / môn dạy"), max_length=150, required=False)
    start_date = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_date = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class NewPersonForm(PersonForm):
    """A new person always arrives with a first post, so the record is never orphaned."""

    unit = UnitChoiceField(label=_("Đơn vị công tác"), queryset=None)
    position = forms.ChoiceField(label=_("Chức vụ"), choices=position_choices, initial=Position.GIAO_VIEN)
    start_date = forms.DateField(label=_("Công tác từ ngày"), widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
