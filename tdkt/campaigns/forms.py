from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput, KeptFileInput
from tdkt.eligibility.choices import SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.forms import UnitChoiceField, UnitMultipleChoiceField
from tdkt.org.models import SchoolYear

from .choices import CampaignKind, MeetingNumber
from .models import InnovationRegistration, TeacherGroup

if TYPE_CHECKING:
    from tdkt.people.models import Person

    from .models import Campaign, CampaignTarget


class CampaignForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị phát động"), queryset=None)
    parent: "forms.ModelChoiceField[Campaign]" = forms.ModelChoiceField(
        label=_("Thực hiện theo phong trào cấp trên"), queryset=None, required=False)
    name = forms.CharField(label=_("Tên phong trào"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại"), choices=CampaignKind.choices)
    school_year = forms.ModelChoiceField(label=_("Năm học"), queryset=SchoolYear.objects.all(), required=False)
    period_start = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())
    content = forms.CharField(label=pgettext_lazy("campaign", "Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    slogans = forms.CharField(label=_("Khẩu hiệu"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    registration_deadline = forms.DateField(label=_("Hạn đăng ký thi đua"), required=False, widget=DateInput())
    refuse_late_registrations = forms.BooleanField(label=_("Không nhận đăng ký sau hạn"), required=False, initial=True)
    submission_deadline = forms.DateField(label=_("Hạn đơn vị nộp hồ sơ đăng ký"), required=False, widget=DateInput())
    targets = forms.CharField(
        label=_("Chỉ tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng: tên chỉ tiêu; giá trị; đơn vị tính. Ví dụ: Tỷ lệ giáo viên đạt LĐTT; 80; %"))
    milestones = forms.CharField(label=_("Các mốc thời gian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Văn bản phát động (PDF/DOCX, tối đa 10 MB)"), required=False,
                               widget=KeptFileInput)

    def __init__(self, *args, units=None, parents=None, **kwargs):
        from .services import unit_category_names

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["parent"].queryset = parents
        # The unit groups by their names, as the user writes them (the codes are accepted too).
        self.fields["milestones"].help_text = gettext(
            "Mỗi dòng: tên mốc; dd/mm/yyyy; áp dụng cho (một hay nhiều nhóm, cách nhau bằng dấu phẩy: %(groups)s; "
            "để trống = mọi đơn vị). Ví dụ: Nộp hồ sơ đề nghị; 15/05/2026; cơ sở giáo dục") % {
            "groups": unit_category_names()}


class RegisterForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Danh hiệu đăng ký"), queryset=AwardType.objects.none())
    person: "forms.ModelChoiceField[Person]" = forms.ModelChoiceField(
        label=pgettext_lazy("subject", "Cá nhân"), queryset=None, required=False,
        help_text=_("Để trống khi đăng ký danh hiệu tập thể."))
    unit = UnitChoiceField(label=pgettext_lazy("subject", "Tập thể"), queryset=None, required=False)
    targets = forms.CharField(label=_("Chỉ tiêu, mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the titles of the subjects one may register: a teacher who registers only
        # herself sees individual titles and no "Tập thể" box; an officer of no unit, no collective.
        subjects = []
        if people is not None and people.exists():
            subjects.append(SubjectKind.INDIVIDUAL)
        if units is not None and units.exists():
            subjects.append(SubjectKind.COLLECTIVE)
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True, subject__in=subjects).order_by(
            "subject", "order")
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units
        if SubjectKind.COLLECTIVE not in subjects:
            del self.fields["unit"]
            self.fields["person"].help_text = ""
        if SubjectKind.INDIVIDUAL not in subjects:
            del self.fields["person"]

    def clean(self):
        data = super().clean()
        at = data.get("award_type")
        if at and at.subject == SubjectKind.COLLECTIVE and not data.get("unit"):
            self.add_error("unit", _("Hãy chọn tập thể đăng ký."))
        if at and at.subject == SubjectKind.INDIVIDUAL and not data.get("person"):
            self.add_error("person", _("Hãy chọn cá nhân đăng ký."))
        return data


class InnovationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = InnovationRegistration
        fields = ["person", "assigned_task", "field", "current_problem", "goal", "expected_results", "timeline",
                  "steps", "dissemination_scope"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in
                   ["current_problem", "goal", "expected_results", "steps", "dissemination_scope"]}

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class TeacherGroupForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = TeacherGroup
        fields = ["unit", "members", "shared_task", "issue", "situation", "strengths", "weaknesses", "approach",
                  "expected_results", "timeline"]
        field_classes = {"unit": UnitChoiceField}
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in
                   ["issue", "situation", "strengths", "weaknesses", "approach", "expected_results"]}

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people
        self.fields["unit"].queryset = units


class ReviewForm(BootstrapFormMixin, forms.Form):
    action = forms.ChoiceField(label=pgettext_lazy("submission action", "Thao tác"),
                               choices=[("accept", pgettext_lazy("submission action", "Tiếp nhận")),
                                        ("return", pgettext_lazy("submission action", "Trả lại"))])
    reason = forms.CharField(label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CovenantForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung giao ước thi đua"), widget=forms.Textarea(attrs={"rows": 6}))


class SignForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị ký"), queryset=None)
    works = forms.CharField(label=_("Công trình thi đua đăng ký"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.CharField(label=_("Chuyên đề thi đua đăng ký"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MeetingForm(BootstrapFormMixin, forms.Form):
    number = forms.TypedChoiceField(label=pgettext_lazy("cluster meeting", "Hội nghị"), choices=MeetingNumber.choices, coerce=int)
    held_on = forms.DateField(label=_("Ngày họp"), widget=DateInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    agenda = forms.CharField(label=pgettext_lazy("cluster meeting", "Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    attendees = UnitMultipleChoiceField(label=_("Đơn vị dự họp"), queryset=None, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(label=_("Biên bản hội nghị (tóm tắt diễn biến, kết luận)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    required_documents = forms.CharField(label=_("Hồ sơ phải gửi"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    send_deadline = forms.DateField(label=_("Hạn gửi hồ sơ"), required=False, widget=DateInput())
    documents_sent_on = forms.DateField(label=_("Ngày đã gửi hồ sơ"), required=False, widget=DateInput())
    leading_unit = UnitChoiceField(label=_("Đơn vị dẫn đầu (lần 3)"), queryset=None, required=False)
    next_leader = UnitChoiceField(label=_("Khối trưởng năm sau (lần 3)"), queryset=None, required=False)
    commendations = forms.CharField(label=_("Tập thể, cá nhân đề nghị khen (mỗi dòng một)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attendees", "leading_unit", "next_leader"):
            self.fields[name].queryset = members
        self.members = list(members or [])
        for unit in self.members:
            self.fields[f"votes_{unit.pk}"] = forms.IntegerField(
                label=_("Số phiếu – %(unit)s") % {"unit": unit.name}, required=False, min_value=0,
                widget=forms.NumberInput(attrs={"class": "form-control"}))
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"

    def votes(self) -> dict:
        return {u: self.cleaned_data[f"votes_{u.pk}"] for u in self.members
                if self.cleaned_data.get(f"votes_{u.pk}") is not None}


# --- adjusting a campaign after its launch ----------------------------------------------------


class TargetForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Chỉ tiêu"), max_length=300)
    target_value = forms.DecimalField(label=_("Giá trị"), max_digits=12, decimal_places=2)
    measure = forms.CharField(label=_("Đơn vị tính"), max_length=40, required=False)
    metric = forms.ChoiceField(label=_("Cách tính kết quả"), required=False)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        from .measures import choices

        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = choices()


class MilestoneForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Mốc"), max_length=300)
    start_date = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    due_date = forms.DateField(label=_("Hạn"), widget=DateInput())
    categories = forms.MultipleChoiceField(label=_("Áp dụng cho (để trống = mọi đơn vị)"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        from tdkt.org.choices import UnitCategory

        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = UnitCategory.choices
        self.fields["categories"].widget.attrs["class"] = "form-check-input"


class DeadlinesForm(BootstrapFormMixin, forms.Form):
    registration_deadline = forms.DateField(label=_("Hạn đăng ký thi đua"), required=False, widget=DateInput())
    submission_deadline = forms.DateField(label=_("Hạn đơn vị nộp hồ sơ đăng ký"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=500)


class RemoveForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do bỏ"), required=False, max_length=500)


class TargetReportForm(BootstrapFormMixin, forms.Form):
    target: "forms.ModelChoiceField[CampaignTarget]" = forms.ModelChoiceField(label=_("Chỉ tiêu"), queryset=None)
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=None)
    value = forms.DecimalField(label=_("Kết quả đạt được"), max_digits=12, decimal_places=2)
    reported_on = forms.DateField(label=_("Tính đến ngày"), widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, targets=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
        self.fields["unit"].queryset = units
