"""Forms of the complaint pages; the services check everything again (the API goes straight to them)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.access import unit_scope_q
from tdkt.accounts.models import User
from tdkt.accounts.permissions import Perm
from tdkt.awards.models import DecisionItem
from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.org.forms import UnitChoiceField
from tdkt.org.models import Unit

from .choices import Channel, LetterKind, Outcome


class AwardItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        who = obj.person.full_name if obj.person_id else (obj.unit.name if obj.unit_id else "")
        return f"{obj.decision} – {who} – {obj.award_type}"


class LetterForm(BootstrapFormMixin, forms.Form):
    unit = UnitChoiceField(label=_("Cơ quan tiếp nhận, giải quyết"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=LetterKind.choices)
    instance = forms.TypedChoiceField(label=_("Lần giải quyết (khiếu nại)"), coerce=int, initial=1,
                                      choices=[(1, _("Lần đầu")), (2, _("Lần hai"))])
    channel = forms.ChoiceField(label=_("Hình thức tiếp nhận"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Ngày nhận đơn"), widget=DateInput())
    subject = forms.CharField(label=_("Tóm tắt nội dung"), max_length=300, required=False)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    about_item = AwardItemField(label=_("Khen thưởng bị khiếu nại, tố cáo (nếu có)"), required=False,
                                queryset=DecisionItem.objects.none())
    decision_known_on = forms.DateField(label=_("Ngày người gửi biết được quyết định (khiếu nại)"), required=False,
                                        widget=DateInput())
    sender_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=200, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    sender_phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    sender_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    sender_id_number = forms.CharField(label=_("Số CCCD"), max_length=20, required=False)
    identity_protected = forms.BooleanField(label=_("Giữ bí mật người gửi (tố cáo luôn được giữ bí mật)"),
                                            required=False)
    remote = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)
    complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = unit_scope_q(user, Perm.HANDLE_COMPLAINTS)
        self.fields["unit"].queryset = Unit.objects.filter(scope)
        self.fields["about_item"].queryset = (
            DecisionItem.objects.filter(unit_scope_q(user, Perm.HANDLE_COMPLAINTS, prefix="decision__issuer__"),
                                        revoked_on__isnull=True)
            .select_related("decision", "person", "unit", "award_type").order_by("-decision__decision_date", "id"))


class AssignForm(BootstrapFormMixin, forms.Form):
    handlers = forms.ModelMultipleChoiceField(label=_("Người được giao xử lý"), queryset=User.objects.none())
    resolver = forms.ModelChoiceField(label=_("Người có thẩm quyền giải quyết"), queryset=User.objects.none(),
                                      required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlers"].queryset = candidates
        self.fields["resolver"].queryset = candidates
        self.fields["handlers"].label_from_instance = self.fields["resolver"].label_from_instance = (
            lambda u: u.get_full_name() or u.username)


class AcceptForm(BootstrapFormMixin, forms.Form):
    accepted_on = forms.DateField(label=_("Ngày thụ lý"), widget=DateInput())


class NotAcceptForm(BootstrapFormMixin, forms.Form):
    day = forms.DateField(label=_("Ngày thông báo không thụ lý"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do không thụ lý"), max_length=500, required=False)


class ExtendForm(BootstrapFormMixin, forms.Form):
    day = forms.DateField(label=_("Ngày quyết định gia hạn"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)
    especially_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp (tố cáo: gia hạn tối đa hai lần)"),
                                            required=False)


class ResolveForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=Outcome.choices)
    resolution_number = forms.CharField(label=_("Số quyết định giải quyết / kết luận"), max_length=60, required=False)
    resolved_on = forms.DateField(label=_("Ngày giải quyết"), widget=DateInput())
    summary = forms.CharField(label=_("Nội dung giải quyết"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    revoke_award = forms.BooleanField(label=_("Hủy bỏ khen thưởng bị khiếu nại, tố cáo"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SuspendForm(BootstrapFormMixin, forms.Form):
    day = forms.DateField(label=_("Ngày quyết định tạm đình chỉ"), widget=DateInput())
    reason = forms.CharField(label=_("Lý do"), max_length=500, required=False)


class ResumeForm(BootstrapFormMixin, forms.Form):
    day = forms.DateField(label=_("Ngày quyết định tiếp tục giải quyết"), widget=DateInput())
