from django import forms

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.eligibility.choices import SubjectKind
from tdkt.eligibility.models import AwardType
from tdkt.org.models import SchoolYear

from .choices import CampaignKind, MeetingNumber
from .models import InnovationRegistration, TeacherGroup


class CampaignForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị phát động", queryset=None)
    parent = forms.ModelChoiceField(label="Thực hiện theo phong trào cấp trên", queryset=None, required=False)
    name = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Loại", choices=CampaignKind.choices)
    school_year = forms.ModelChoiceField(label="Năm học", queryset=SchoolYear.objects.all(), required=False)
    period_start = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    period_end = forms.DateField(label="Đến ngày", required=False, widget=DateInput())
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    slogans = forms.CharField(label="Khẩu hiệu", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    registration_deadline = forms.DateField(label="Hạn đăng ký thi đua", required=False, widget=DateInput())
    refuse_late_registrations = forms.BooleanField(label="Không nhận đăng ký sau hạn", required=False, initial=True)
    submission_deadline = forms.DateField(label="Hạn đơn vị nộp hồ sơ đăng ký", required=False, widget=DateInput())
    targets = forms.CharField(
        label="Chỉ tiêu", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng: tên chỉ tiêu; giá trị; đơn vị tính. Ví dụ: Tỷ lệ giáo viên đạt LĐTT; 80; %")
    milestones = forms.CharField(
        label="Các mốc thời gian", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng: tên mốc; dd/mm/yyyy; áp dụng cho (school, education_authority; để trống = mọi đơn vị).")
    document = forms.FileField(label="Văn bản phát động (PDF/DOCX, tối đa 10 MB)", required=False)

    def __init__(self, *args, units=None, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["parent"].queryset = parents


class RegisterForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label="Danh hiệu đăng ký", queryset=AwardType.objects.none())
    person = forms.ModelChoiceField(label="Cá nhân", queryset=None, required=False,
                                    help_text="Để trống khi đăng ký danh hiệu tập thể.")
    unit = forms.ModelChoiceField(label="Tập thể", queryset=None, required=False)
    targets = forms.CharField(label="Chỉ tiêu, mục tiêu", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True).order_by("subject", "order")
        self.fields["person"].queryset = people
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        at = data.get("award_type")
        if at and at.subject == SubjectKind.COLLECTIVE and not data.get("unit"):
            self.add_error("unit", "Hãy chọn tập thể đăng ký.")
        if at and at.subject == SubjectKind.INDIVIDUAL and not data.get("person"):
            self.add_error("person", "Hãy chọn cá nhân đăng ký.")
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
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in
                   ["issue", "situation", "strengths", "weaknesses", "approach", "expected_results"]}

    def __init__(self, *args, people=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people
        self.fields["unit"].queryset = units


class ReviewForm(BootstrapFormMixin, forms.Form):
    action = forms.ChoiceField(label="Thao tác", choices=[("accept", "Tiếp nhận"), ("return", "Trả lại")])
    reason = forms.CharField(label="Lý do trả lại", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CovenantForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label="Nội dung giao ước thi đua", widget=forms.Textarea(attrs={"rows": 6}))


class SignForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị ký", queryset=None)
    works = forms.CharField(label="Công trình thi đua đăng ký", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    topics = forms.CharField(label="Chuyên đề thi đua đăng ký", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MeetingForm(BootstrapFormMixin, forms.Form):
    number = forms.TypedChoiceField(label="Hội nghị", choices=MeetingNumber.choices, coerce=int)
    held_on = forms.DateField(label="Ngày họp", widget=DateInput())
    place = forms.CharField(label="Địa điểm", max_length=300)
    agenda = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    attendees = forms.ModelMultipleChoiceField(label="Đơn vị dự họp", queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    required_documents = forms.CharField(label="Hồ sơ phải gửi", required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    send_deadline = forms.DateField(label="Hạn gửi hồ sơ", required=False, widget=DateInput())
    documents_sent_on = forms.DateField(label="Ngày đã gửi hồ sơ", required=False, widget=DateInput())
    leading_unit = forms.ModelChoiceField(label="Đơn vị dẫn đầu (lần 3)", queryset=None, required=False)
    next_leader = forms.ModelChoiceField(label="Khối trưởng năm sau (lần 3)", queryset=None, required=False)
    commendations = forms.CharField(label="Tập thể, cá nhân đề nghị khen (mỗi dòng một)", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attendees", "leading_unit", "next_leader"):
            self.fields[name].queryset = members
        self.members = list(members or [])
        for unit in self.members:
            self.fields[f"votes_{unit.pk}"] = forms.IntegerField(label=f"Số phiếu – {unit.name}", required=False,
                                                                 min_value=0)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"

    def votes(self) -> dict:
        return {u: self.cleaned_data[f"votes_{u.pk}"] for u in self.members
                if self.cleaned_data.get(f"votes_{u.pk}") is not None}
