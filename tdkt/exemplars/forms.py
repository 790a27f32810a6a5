"""Forms of the register; the services check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.models import User
from tdkt.awards.models import Round
from tdkt.core.forms import BootstrapFormMixin
from tdkt.eligibility.models import AwardType
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from .models import ExemplarKind, ResultKind, Stage


class ExemplarForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị theo dõi"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplarKind.choices)
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(), required=False)
    collective = UnitChoiceField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False)
    title = forms.CharField(label=_("Tên điển hình"), max_length=300, required=False)
    movement = forms.CharField(label=_("Phong trào thi đua"), max_length=300, required=False)
    description = forms.CharField(label=_("Thành tích, việc làm"), widget=forms.Textarea(attrs={"rows": 3}),
                                  required=False)
    evidence = forms.CharField(label=_("Minh chứng"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    followers = forms.ModelMultipleChoiceField(label=_("Người theo dõi, giúp đỡ (thành viên Hội đồng)"),
                                               queryset=User.objects.none(), required=False)

    def __init__(self, *args, units, people, followers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["collective"].queryset = units
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name
        self.fields["followers"].queryset = followers
        self.fields["followers"].label_from_instance = lambda u: u.get_full_name() or u.username


class AdvanceForm(BootstrapFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Giai đoạn"), choices=Stage.choices)
    note = forms.CharField(label=_("Việc đã làm"), max_length=500, required=False)
    evidence = forms.CharField(label=_("Minh chứng bổ sung"), required=False)


class ProposeForm(BootstrapFormMixin, forms.Form):
    round = forms.ModelChoiceField(label=_("Đợt khen thưởng đột xuất"), queryset=Round.objects.none())
    award_type = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=AwardType.objects.none())

    def __init__(self, *args, rounds, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["award_type"].queryset = award_types


class PledgeForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    school_year = forms.ModelChoiceField(label=_("Năm học"), queryset=SchoolYear.objects.order_by("-start_year"))
    title = forms.CharField(label=_("Mô hình, giải pháp"), max_length=300, required=False)
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PledgeCheckForm(BootstrapFormMixin, forms.Form):
    result = forms.ChoiceField(label=_("Kết quả"), choices=ResultKind.choices)
    evidence = forms.CharField(label=_("Minh chứng"), max_length=1000, required=False)
