from __future__ import annotations

from django import forms

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from .choices import LatePolicy, RoundKind


class RoundForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị mở đợt", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="Loại đợt", choices=RoundKind.choices)
    name = forms.CharField(label="Tên đợt", max_length=300)
    school_year = forms.ModelChoiceField(label="Năm học", queryset=SchoolYear.objects.all())
    deadline = forms.DateField(label="Hạn nộp của cấp dưới", widget=DateInput())
    late_policy = forms.ChoiceField(label="Hồ sơ nộp muộn", choices=LatePolicy.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class ProposalForm(BootstrapFormMixin, forms.Form):
    round = forms.ModelChoiceField(label="Đợt khen thưởng", queryset=None)
    unit = forms.ModelChoiceField(label="Đơn vị đề nghị", queryset=Unit.objects.none())
    title = forms.CharField(label="Trích yếu", max_length=300, required=False)

    def __init__(self, *args, units=None, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["round"].queryset = rounds


class ItemForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label="Danh hiệu / hình thức", queryset=AwardType.objects.filter(active=True))
    person = forms.ModelChoiceField(label="Cá nhân", queryset=Person.objects.none(), required=False)
    unit = forms.ModelChoiceField(label="Tập thể", queryset=Unit.objects.none(), required=False)
    summary = forms.CharField(label="Tóm tắt thành tích", widget=forms.Textarea(attrs={"rows": 3}))
    achievement_key = forms.CharField(label="Mã thành tích (cùng thành tích – cùng mã)", max_length=100,
                                      required=False)
    justification = forms.CharField(
        label="Giải trình (khen đột xuất khi chưa đủ điều kiện theo tiêu chuẩn thường xuyên)",
        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class DecisionForm(BootstrapFormMixin, forms.Form):
    number = forms.IntegerField(label="Số (để trống: lấy số tiếp theo trong sổ)", required=False, min_value=1)
    symbol = forms.CharField(label="Ký hiệu", max_length=40, initial="QĐ-UBND")
    decision_date = forms.DateField(label="Ngày ký", widget=DateInput())
    title = forms.CharField(label="Trích yếu", max_length=300, required=False)
    signer_name = forms.CharField(label="Người ký", max_length=200)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=200)
    legal_basis = forms.CharField(label="Căn cứ (mỗi dòng một căn cứ)", widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False)


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do hủy bỏ", widget=forms.Textarea(attrs={"rows": 3}))
    revocation_decision = forms.CharField(label="Số quyết định hủy bỏ", max_length=100)
    revoked_on = forms.DateField(label="Ngày hủy bỏ", widget=DateInput())
