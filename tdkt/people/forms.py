from django import forms

from tdkt.core.forms import BootstrapFormMixin, DateInput

from .choices import Gender, Position


class PersonForm(BootstrapFormMixin, forms.Form):
    family_name = forms.CharField(label="Họ", max_length=60)
    middle_name = forms.CharField(label="Tên đệm", max_length=100, required=False)
    given_name = forms.CharField(label="Tên", max_length=60)
    birth_date = forms.DateField(label="Ngày sinh", required=False, widget=DateInput())
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + list(Gender.choices), required=False)
    national_id = forms.CharField(label="Số định danh cá nhân / CCCD", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)


class EmploymentForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=None)
    position = forms.ChoiceField(label="Chức vụ", choices=Position.choices, initial=Position.GIAO_VIEN)
    title_note = forms.CharField(label="Nhiệm vụ / môn dạy", max_length=150, required=False)
    start_date = forms.DateField(label="Từ ngày", widget=DateInput())
    end_date = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class NewPersonForm(PersonForm):
    """A new person always arrives with a first post, so the record is never orphaned."""

    unit = forms.ModelChoiceField(label="Đơn vị công tác", queryset=None)
    position = forms.ChoiceField(label="Chức vụ", choices=Position.choices, initial=Position.GIAO_VIEN)
    start_date = forms.DateField(label="Công tác từ ngày", widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
