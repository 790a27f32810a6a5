"""Pages for a pending discipline case ("đang xem xét xử lý kỷ luật", NĐ 152/2025/NĐ-CP Điều 4 khoản 4):
open one on a person's record or on a collective's page, close it with its outcome. Thin, like the other record pages: the service
checks the officer's reach and refuses on the form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.permissions import Perm
from tdkt.core.forms import BootstrapFormMixin, DateInput, save_form

from . import services
from .models import Discipline, DisciplineCase
from .views import _form_page, _person_or_403, _record_form, _unit_or_403


class DisciplineCaseOpenForm(BootstrapFormMixin, forms.Form):
    opened_on = forms.DateField(label=gettext_lazy("Ngày bắt đầu xem xét"), widget=DateInput())
    reference = forms.CharField(label=gettext_lazy("Văn bản bắt đầu xem xét"), max_length=100, required=False,
                                help_text=gettext_lazy("Số, ngày thông báo hoặc quyết định thành lập hội đồng kỷ luật."))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan xem xét"), max_length=200, required=False)
    reason = forms.CharField(label=gettext_lazy("Nội dung vụ việc"), max_length=500, required=False)


class DisciplineCaseCloseForm(BootstrapFormMixin, forms.Form):
    closed_on = forms.DateField(label=gettext_lazy("Ngày kết thúc xem xét"), widget=DateInput())
    outcome = forms.ChoiceField(label=gettext_lazy("Kết quả"), choices=DisciplineCase.Outcome.choices)
    discipline = forms.ModelChoiceField(label=gettext_lazy("Quyết định kỷ luật (nếu xử lý kỷ luật)"),
                                        queryset=Discipline.objects.none(), required=False)
    closing_note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        if person is None:  # a collective's case: the decision goes in the note (Discipline is per person)
            del self.fields["discipline"]
            self.fields["closing_note"].help_text = gettext_lazy(
                "Khi xử lý kỷ luật tập thể: ghi số, ngày quyết định kỷ luật.")
        else:
            self.fields["discipline"].queryset = Discipline.objects.filter(person=person).order_by("-decision_date")


def discipline_case_open(request, pk: int):
    person = _person_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = DisciplineCaseOpenForm(request.POST or None)
    return _record_form(request, person, form,
                        save=lambda: services.discipline_case_open(actor=request.user, person=person,
                                                                   **form.cleaned_data),
                        done=_("Đã ghi vụ việc đang xem xét xử lý kỷ luật."), title=_("Ghi vụ việc xem xét kỷ luật"))


def unit_discipline_case_open(request, pk: int):
    """A collective (tập thể) under consideration for discipline: from the unit's records page."""
    unit = _unit_or_403(request.user, pk, Perm.CHANGE_RECORDS)
    form = DisciplineCaseOpenForm(request.POST or None)
    back = reverse("records:unit_year", args=[unit.pk])
    if save_form(request, form, lambda: services.discipline_case_open(actor=request.user, unit=unit,
                                                                      **form.cleaned_data)) is not None:
        messages.success(request, _("Đã ghi vụ việc tập thể đang xem xét xử lý kỷ luật."))
        return redirect(back)
    return _form_page(request, person=None, unit=unit, form=form, title=_("Ghi vụ việc xem xét kỷ luật tập thể"),
                      back=back)


def discipline_case_close(request, pk: int):
    case = get_object_or_404(DisciplineCase.objects.select_related("person", "unit"), pk=pk)
    if case.unit_id is not None:
        unit = _unit_or_403(request.user, case.unit_id, Perm.CHANGE_RECORDS)
        form = DisciplineCaseCloseForm(request.POST or None, person=None)
        back = reverse("records:unit_year", args=[unit.pk])
        if save_form(request, form, lambda: services.discipline_case_close(actor=request.user, case=case,
                                                                           **form.cleaned_data)) is not None:
            messages.success(request, _("Đã ghi kết thúc xem xét xử lý kỷ luật."))
            return redirect(back)
        return _form_page(request, person=None, unit=unit, form=form, title=_("Kết thúc xem xét kỷ luật"), back=back)
    person = _person_or_403(request.user, case.person_id or 0, Perm.CHANGE_RECORDS)
    form = DisciplineCaseCloseForm(request.POST or None, person=person)
    return _record_form(request, person, form,
                        save=lambda: services.discipline_case_close(actor=request.user, case=case,
                                                                    **form.cleaned_data),
                        done=_("Đã ghi kết thúc xem xét xử lý kỷ luật."), title=_("Kết thúc xem xét kỷ luật"))
