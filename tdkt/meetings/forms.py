from typing import TYPE_CHECKING

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.org.forms import UnitChoiceField

from .choices import MEMBER_CHOICES, Choice, CouncilKind, MemberRole, QuestionKind, VotingMethod

if TYPE_CHECKING:
    from tdkt.accounts.models import User
    from tdkt.eligibility.models import AwardType
    from tdkt.org.models import SchoolYear
    from tdkt.people.models import Person

    from .models import CouncilMember


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CouncilForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại hội đồng"), choices=CouncilKind.choices)
    name = forms.CharField(label=_("Tên hội đồng"), max_length=255,
                           initial="Hội đồng Thi đua – Khen thưởng")
    decision_number = forms.CharField(label=_("Số quyết định thành lập"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    decision_issuer = forms.CharField(label=_("Người / cơ quan ban hành"), max_length=200, required=False)
    term_start = forms.DateField(label=_("Nhiệm kỳ từ ngày"), widget=DateInput())
    term_end = forms.DateField(label=_("Nhiệm kỳ đến ngày"), required=False, widget=DateInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MemberForm(BootstrapFormMixin, forms.Form):
    # The council member's person (not "individual" as opposed to a collective).
    person: "forms.ModelChoiceField[Person]" = forms.ModelChoiceField(
        label=pgettext_lazy("person", "Cá nhân"), queryset=None)
    role = forms.ChoiceField(label=_("Chức danh trong Hội đồng"), choices=MemberRole.choices, initial=MemberRole.UY_VIEN)
    position_note = forms.CharField(label=_("Chức vụ công tác"), max_length=150, required=False)
    user: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Tài khoản bỏ phiếu (nếu khác tài khoản của cá nhân)"), queryset=None, required=False)
    start_date = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False,
                                      help_text=_("Để trống: theo quyết định thành lập Hội đồng."))
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, widget=DateInput())

    def __init__(self, *args, people=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["user"].queryset = users


class ReplaceForm(BootstrapFormMixin, forms.Form):
    person: "forms.ModelChoiceField[Person]" = forms.ModelChoiceField(label=_("Người thay thế"), queryset=None)
    role = forms.ChoiceField(label=_("Chức danh"), choices=MemberRole.choices)
    position_note = forms.CharField(label=_("Chức vụ công tác"), max_length=150, required=False)
    user: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Tài khoản bỏ phiếu"), queryset=None, required=False)
    start_date = forms.DateField(label=_("Thay thế từ ngày"), widget=DateInput())
    decision_number = forms.CharField(label=_("Số quyết định thay thế"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)

    def __init__(self, *args, people=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["user"].queryset = users


class MeetingForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Nội dung cuộc họp"), max_length=300,
                            initial="Họp xét danh hiệu thi đua, hình thức khen thưởng")
    school_year: "forms.ModelChoiceField[SchoolYear]" = forms.ModelChoiceField(label=_("Năm học"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Thời gian bắt đầu"), widget=DateTimeInput(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair: "forms.ModelChoiceField[CouncilMember]" = forms.ModelChoiceField(
        label=_("Chủ trì"), queryset=None, required=False, help_text=_("Để trống: Chủ tịch Hội đồng."))
    secretary: "forms.ModelChoiceField[CouncilMember]" = forms.ModelChoiceField(
        label=_("Thư ký"), queryset=None, required=False, help_text=_("Để trống: Thư ký Hội đồng."))

    def __init__(self, *args, years=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = years
        self.fields["chair"].queryset = members
        self.fields["secretary"].queryset = members

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        return timezone.make_aware(value) if timezone.is_naive(value) else value


class QuestionForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại nội dung"), choices=[(QuestionKind.CANDIDATE, _("Một cá nhân / tập thể")),
                                                             (QuestionKind.OTHER, _("Nội dung khác"))])
    award_type: "forms.ModelChoiceField[AwardType]" = forms.ModelChoiceField(
        label=_("Danh hiệu / hình thức"), queryset=None, required=False)
    person: "forms.ModelChoiceField[Person]" = forms.ModelChoiceField(
        label=_("Cá nhân được xét"), queryset=None, required=False)
    unit = UnitChoiceField(label=_("Tập thể được xét"), queryset=None, required=False)
    title = forms.CharField(label=_("Nội dung (để trống: tự đặt theo danh hiệu và người được xét)"), max_length=500,
                            required=False)
    method = forms.ChoiceField(label=_("Hình thức biểu quyết"), choices=[("", _("Theo quy định"))] + list(VotingMethod.choices),
                               required=False)

    def __init__(self, *args, award_types=None, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units


class AgendaForm(BootstrapFormMixin, forms.Form):
    list_award_types: "forms.ModelMultipleChoiceField[AwardType]" = forms.ModelMultipleChoiceField(
        label=_("Biểu quyết cả danh sách cho"), queryset=None, required=False,
        help_text=_("Ví dụ Lao động tiên tiến; danh hiệu bắt buộc bỏ phiếu kín luôn xét từng người."))

    def __init__(self, *args, award_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["list_award_types"].queryset = award_types
        self.fields["list_award_types"].widget.attrs["class"] = "form-select"


class OpenCountForm(BootstrapFormMixin, forms.Form):
    votes_for = forms.IntegerField(label=_("Đồng ý"), min_value=0)
    votes_against = forms.IntegerField(label=_("Không đồng ý"), min_value=0)
    votes_abstain = forms.IntegerField(label=_("Không biểu quyết"), min_value=0)
    chair_choice = forms.ChoiceField(label=_("Ý kiến của Chủ tịch (khi bằng nhau)"), required=False,
                                     choices=[("", "—"), (Choice.FOR, _("Đồng ý")), (Choice.AGAINST, _("Không đồng ý"))])


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Ý kiến của bạn"), choices=MEMBER_CHOICES, widget=forms.RadioSelect)


class AbsenteeForm(BootstrapFormMixin, forms.Form):
    """One choice per absent member; all of a question's written opinions are entered together."""

    document_date = forms.DateField(label=_("Ngày văn bản ý kiến"), widget=DateInput())
    document_ref = forms.CharField(label=_("Số / ký hiệu văn bản (nếu có)"), max_length=100, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for m in self.members:
            self.fields[f"m{m.pk}"] = forms.ChoiceField(
                label=f"{m.person.full_name} ({m.get_role_display()})", required=False,
                choices=[("", gettext("— chưa có ý kiến —"))] + list(Choice.choices),
                widget=forms.Select(attrs={"class": "form-select"}))

    def opinions(self):
        return [(m, self.cleaned_data.get(f"m{m.pk}")) for m in self.members if self.cleaned_data.get(f"m{m.pk}")]


class MeetingMoveForm(BootstrapFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Thời gian họp mới"), widget=DateTimeInput(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    reason = forms.CharField(label=_("Lý do dời lịch"), max_length=500, required=False)
