from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Kind


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(label=_("Nhận thư điện tử về"), choices=Kind.choices, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    daily_digest = forms.BooleanField(label=_("Gộp các thư thành một thư mỗi sáng"), required=False)
    reminder_days = forms.CharField(label=_("Nhắc trước hạn (số ngày, cách nhau bởi dấu phẩy)"), required=False,
                                    max_length=40, help_text=_("Để trống: theo lịch của phong trào, đợt (mặc định 7 "
                                                               "và 2 ngày)."))

    def __init__(self, *args, required: set[str] = frozenset(), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.required = required
