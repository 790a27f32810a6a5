from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.core.forms import BootstrapFormMixin, DateInput, OfferedChoiceField
from tdkt.eligibility.models import AwardType
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import SchoolYear, Unit
from tdkt.people.models import Person

from .choices import LatePolicy, RoundKind
from .models import Achievement, Round


def _offer(field, units, *, bound: bool) -> None:
    """Offer only ``units`` (the user's own unit and those under it that the permission reaches), also
    when the page comes back with errors; a posted unit outside them goes on to the service, which
    refuses it (403) rather than the form calling it an invalid choice."""
    field.offered = units if units is not None else Unit.objects.none()
    field.queryset = Unit.objects.all() if bound else field.offered


class RoundForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị mở đợt"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại đợt"), choices=RoundKind.choices)
    name = forms.CharField(label=_("Tên đợt"), max_length=300)
    school_year = forms.ModelChoiceField(label=_("Năm học"), queryset=SchoolYear.objects.all())
    deadline = forms.DateField(label=_("Hạn nộp của cấp dưới"), widget=DateInput())
    late_policy = forms.ChoiceField(label=_("Hồ sơ nộp muộn"), choices=LatePolicy.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(self.fields["unit"], units, bound=self.is_bound)


class ProposalForm(BootstrapFormMixin, forms.Form):
    round = OfferedChoiceField(label=_("Đợt khen thưởng"), queryset=None)
    unit = UnitChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False)

    def __init__(self, *args, units=None, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(self.fields["unit"], units, bound=self.is_bound)
        self.fields["round"].offered = rounds if rounds is not None else Round.objects.none()
        self.fields["round"].queryset = Round.objects.all() if self.is_bound else self.fields["round"].offered


class AchievementSelect(forms.Select):
    """Each option says whose achievement it is (data-person / data-unit), so that
    static/tdkt/subject_options.js offers only the achievements of the person or unit chosen above.
    Without JavaScript every achievement is listed, each named by its subject."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        achievement = getattr(value, "instance", None)
        if achievement is not None:
            if achievement.person_id:
                option["attrs"]["data-person"] = str(achievement.person_id)
            else:
                option["attrs"]["data-unit"] = str(achievement.unit_id)
        return option


class AchievementChoiceField(forms.ModelChoiceField):
    """«Nguyễn Văn An – Giải Nhất Hội thi …»: whose achievement, and which."""

    widget = AchievementSelect

    def label_from_instance(self, obj) -> str:
        return str(obj)


class ItemForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Danh hiệu / hình thức"),
                                        queryset=AwardType.objects.filter(active=True))
    # an individual as opposed to a collective
    person = forms.ModelChoiceField(label=pgettext_lazy("subject", "Cá nhân"), queryset=Person.objects.none(),
                                    required=False)
    unit = UnitChoiceField(label=pgettext_lazy("subject", "Tập thể"), queryset=Unit.objects.none(), required=False)
    # Optional: without it the line's summary describes a new achievement (services.item_add).
    achievement = AchievementChoiceField(
        label=_("Thành tích đã ghi nhận (để trống: ghi nhận thành tích mới theo tóm tắt)"),
        queryset=Achievement.objects.none(), required=False,
        widget=AchievementSelect(attrs={"data-follows-person": "id_person", "data-follows-unit": "id_unit"}))
    summary = forms.CharField(label=_("Tóm tắt thành tích (để trống khi chọn thành tích đã ghi nhận)"),
                              widget=forms.Textarea(attrs={"rows": 3}), required=False)
    justification = forms.CharField(
        label=_("Giải trình (khen đột xuất khi chưa đủ điều kiện theo tiêu chuẩn thường xuyên)"),
        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, people=None, units=None, achievements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.none()
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["achievement"].queryset = achievements if achievements is not None else Achievement.objects.none()


class DecisionForm(BootstrapFormMixin, forms.Form):
    number = forms.IntegerField(label=_("Số (để trống: lấy số tiếp theo trong sổ)"), required=False, min_value=1)
    # initial: the issuer's own symbol (views.decision_create), never a fixed "QĐ-UBND"
    symbol = forms.CharField(label=_("Ký hiệu (để trống: ký hiệu của cơ quan ban hành)"), max_length=40,
                             required=False)
    decision_date = forms.DateField(label=_("Ngày ký"), widget=DateInput())
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=200)
    # the titles that sign for this issuer (tdkt.awards.bases: the head, or the deputy «KT.» for the head)
    signer_title = forms.ChoiceField(label=_("Chức vụ người ký"), choices=())
    legal_basis = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"), widget=forms.Textarea(attrs={"rows": 7}), required=False,
        help_text=_("Đề xuất theo các văn bản có hiệu lực vào ngày ký; sửa được. Để trống: hệ thống ghi các "
                    "căn cứ có hiệu lực vào ngày ký."))

    confirm_unverified = forms.BooleanField(
        label=_("Tôi đã đối chiếu các quy định nêu trên với văn bản gốc"), required=False)

    def __init__(self, *args, signer_titles=(), basis_notes=(), unverified=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer_title"].choices = list(signer_titles)
        if unverified:
            # issue 18: a figure nobody has read is shown to the officer, who confirms before issuing
            self.fields["confirm_unverified"].help_text = " ".join(
                [str(_("Quyết định dựa trên quy định chưa đối chiếu với văn bản gốc:"))] + [f"{u}." for u in unverified])
        else:
            del self.fields["confirm_unverified"]
        if basis_notes:
            self.fields["legal_basis"].help_text = " ".join(
                [str(self.fields["legal_basis"].help_text), str(_("Cần đối chiếu trước khi ký:"))]
                + [f"{note}." for note in basis_notes])


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do hủy bỏ"), widget=forms.Textarea(attrs={"rows": 3}))
    revocation_decision = forms.CharField(label=_("Số quyết định hủy bỏ"), max_length=100)
    revoked_on = forms.DateField(label=_("Ngày hủy bỏ"), widget=DateInput())
