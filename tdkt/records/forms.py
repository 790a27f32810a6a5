from typing import cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.org.models import SchoolYear

from .award_types import award_types
from .choices import AbsenceKind, DisciplineForm, InitiativeKind, Scope, SubjectKind, TaskRating

COAUTHORS = 3


def _years():
    return SchoolYear.objects.order_by("-start_year")


def _award_types(subject: str):
    return award_types().filter(subject=subject, active=True).order_by("order", "name")


class _YearLabel(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return gettext("Năm học %(year)s") % {"year": obj.label}


class RatingForm(BootstrapFormMixin, forms.Form):
    school_year = _YearLabel(label=_("Năm học"), queryset=SchoolYear.objects.none())
    rating = forms.ChoiceField(label=_("Mức độ hoàn thành nhiệm vụ"), choices=TaskRating.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()


class DisciplineAddForm(BootstrapFormMixin, forms.Form):
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    effective_from = forms.DateField(label=_("Có hiệu lực từ ngày"), required=False, widget=DateInput(),
                                     help_text=_("Để trống: tính từ ngày ký quyết định."))
    effective_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)


class AbsenceForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại nghỉ"), choices=AbsenceKind.choices)
    start_date = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    end_date = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    training_result_good = forms.NullBooleanField(
        label=_("Kết quả học tập từ loại khá trở lên"), required=False,
        widget=forms.Select(choices=[("unknown", _("— (không áp dụng)")), ("true", _("Có")), ("false", _("Không"))]))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        born = f" ({obj.birth_date:%d/%m/%Y})" if obj.birth_date else ""
        return f"{obj.full_name}{born}"


class InitiativeForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên sáng kiến, đề tài, giải pháp"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices)
    school_year = _YearLabel(label=_("Năm học công nhận"), queryset=SchoolYear.objects.none())
    scope = forms.ChoiceField(label=_("Phạm vi ảnh hưởng"), choices=Scope.choices)
    recognized = forms.BooleanField(label=_("Đã được công nhận"), required=False, initial=True)
    recognizing_body = forms.CharField(label=_("Cơ quan công nhận"), max_length=200, required=False)
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DateInput())
    share = forms.DecimalField(label=_("Tỷ lệ đóng góp của cá nhân này (%)"), max_digits=5, decimal_places=2,
                               initial=100)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = _years()
        for i in range(1, COAUTHORS + 1):
            self.fields[f"coauthor_{i}"] = _PersonChoice(label=gettext("Đồng tác giả %(n)s") % {"n": i}, queryset=people,
                                                            required=False)
            self.fields[f"share_{i}"] = forms.DecimalField(
                label=gettext("Tỷ lệ đóng góp của đồng tác giả %(n)s (%%)") % {"n": i},
                                                           max_digits=5, decimal_places=2, required=False)
        # The mixin styled the declared fields before these were added.
        for name in self.fields:
            widget = self.fields[name].widget
            widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-control")

    def clean(self):
        data = super().clean()
        for i in range(1, COAUTHORS + 1):
            person, share = data.get(f"coauthor_{i}"), data.get(f"share_{i}")
            if person is not None and share is None:
                self.add_error(f"share_{i}", gettext("Hãy nhập tỷ lệ đóng góp của %(name)s.") % {"name": person.full_name})
            if person is None and share is not None:
                self.add_error(f"coauthor_{i}", gettext("Hãy chọn đồng tác giả hoặc xóa tỷ lệ đóng góp."))
        return data

    def authors(self, person) -> list[tuple]:
        data = self.cleaned_data
        out = [(person, data["share"])]
        for i in range(1, COAUTHORS + 1):
            if data.get(f"coauthor_{i}") is not None:
                out.append((data[f"coauthor_{i}"], data[f"share_{i}"]))
        return out

    def initiative_values(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("title", "kind", "school_year", "scope", "recognized", "recognizing_body",
                                     "decision_number", "decision_date")}


class AwardForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Danh hiệu / hình thức khen thưởng"), queryset=award_types().none())
    school_year = _YearLabel(label=_("Năm học"), queryset=SchoolYear.objects.none(), required=False,
                             help_text=_("Bắt buộc với danh hiệu thi đua (xét theo năm học)."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)
    thematic = forms.BooleanField(label=_("Khen theo đợt / chuyên đề"), required=False)
    achievement = forms.CharField(label=_("Thành tích"), max_length=500, required=False)

    def __init__(self, *args, subject: str = SubjectKind.INDIVIDUAL, **kwargs):
        super().__init__(*args, **kwargs)
        # cast, for mypy: self.fields holds the fields declared above (two ModelChoiceFields here)
        cast(forms.ModelChoiceField, self.fields["award_type"]).queryset = _award_types(subject)
        cast(forms.ModelChoiceField, self.fields["school_year"]).queryset = _years()


class RegistrationForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=award_types().none())
    school_year = _YearLabel(label=_("Năm học"), queryset=SchoolYear.objects.none())
    registered_on = forms.DateField(label=_("Ngày đăng ký"), widget=DateInput())
    targets = forms.CharField(label=_("Chỉ tiêu, mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = _award_types(SubjectKind.INDIVIDUAL)
        self.fields["school_year"].queryset = _years()


class RevokeForm(BootstrapFormMixin, forms.Form):
    revoked_on = forms.DateField(label=_("Ngày hủy bỏ"), widget=DateInput())
    revocation_decision = forms.CharField(label=_("Số quyết định hủy bỏ"), max_length=100)
    reason = forms.CharField(label=_("Lý do hủy bỏ"), max_length=500)


class UnitRatingForm(RatingForm):
    rating = forms.ChoiceField(label=_("Mức độ hoàn thành nhiệm vụ của tập thể"), choices=TaskRating.choices)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx"})
