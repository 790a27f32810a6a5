"""Forms of the eligibility pages: a local cap on an award (tỷ lệ khen thưởng của địa phương)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput

from .choices import AwardKind, SubjectKind
from .models import AwardType, LocalQuotaRule


def _titles():
    # A cap counts people in a school (the quota panel's groups): individual titles only.
    return AwardType.objects.filter(active=True, kind=AwardKind.TITLE, subject=SubjectKind.INDIVIDUAL)


class LocalQuotaForm(BootstrapFormMixin, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Danh hiệu bị giới hạn"),
                                        queryset=_titles())
    of_award_type = forms.ModelChoiceField(label=_("Tính trên số người đạt"),
                                           queryset=_titles())
    max_share = forms.CharField(label=_("Tỷ lệ tối đa"), max_length=10,
                                help_text=_("Ví dụ 0,15 hoặc 15%."))
    rounding = forms.ChoiceField(label=_("Cách làm tròn"), choices=LocalQuotaRule.Rounding.choices)
    effective_from = forms.DateField(label=_("Hiệu lực từ ngày"), widget=DateInput())
    # Checked by the service (services.local_quota_rule_add), whose message says what to write.
    citation = forms.CharField(label=_("Căn cứ"), max_length=300, required=False,
                               help_text=_("Số, ngày quyết định của cơ quan ban hành và điều, khoản quy định tỷ lệ."))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)
