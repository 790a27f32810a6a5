from django import forms

from tdkt.core.forms import BootstrapFormMixin

from .builders import REGISTRY
from .docx_templates import MAX_TEMPLATE_BYTES


class TemplateUploadForm(BootstrapFormMixin, forms.Form):
    code = forms.ChoiceField(label="Loại văn bản", choices=())
    name = forms.CharField(label="Tên mẫu", max_length=200,
                           help_text="Ví dụ: Quyết định khen thưởng – mẫu của Phòng GD&ĐT Quận 1.")
    unit = forms.ChoiceField(label="Áp dụng cho đơn vị", choices=(), required=False,
                             help_text="Mẫu dùng cho văn bản của đơn vị này và các đơn vị trực thuộc.")
    file = forms.FileField(label="Tệp mẫu (.docx)",
                           help_text=f"Tệp Word .docx có các biến {{{{ … }}}}; tối đa "
                                     f"{MAX_TEMPLATE_BYTES // 1024 // 1024} MB.")
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)

    def __init__(self, *args, units=(), allow_global=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(code, b.name) for code, b in sorted(REGISTRY.items(), key=lambda i: i[1].name)]
        choices = [("", "Toàn hệ thống")] if allow_global else []
        choices += [(str(u.pk), u.name) for u in units]
        self.fields["unit"].choices = choices
        self.fields["unit"].required = not allow_global
        self.fields["file"].widget.attrs["accept"] = ".docx"

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(
                f"Tệp mẫu quá lớn; giới hạn {MAX_TEMPLATE_BYTES // 1024 // 1024} MB.")
        return f
