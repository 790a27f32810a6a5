from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import BootstrapFormMixin, DateInput
from tdkt.core.vi import fold

from .choices import ClusterKind, SchoolLevel
from .models import SchoolYear, Unit, UnitType
from .selectors import unit_path_labels

# --------------------------------------------------------------------------
# Unit pickers: every form that picks a unit uses these two fields
# --------------------------------------------------------------------------


class _UnitPathIterator(ModelChoiceIterator):
    """The options in tree order (by path), each labelled with its path (unit_path_labels):
    one query for the units and at most one for their ancestors, however many units; the result is
    kept for the form, since a widget walks its choices more than once."""

    def _units(self) -> list:
        if not hasattr(self, "_cached"):
            offered = getattr(self.field, "offered", None)
            units = list((self.queryset if offered is None else offered).select_related("unit_type").order_by("path"))
            labels = unit_path_labels(units)
            for u in units:
                u.picker_label = labels[u.pk]
            self._cached = units
        return self._cached

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in self._units():
            yield self.choice(unit)

    def __len__(self):
        return len(self._units()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._units())


class _FoldedOptions:
    """Each option carries its folded text (core.vi.fold: no accents, lower case) for unit_picker.js,
    which filters the list as one types "dinh tien" for "Đinh Tiên"."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        unit = getattr(value, "instance", None)
        if unit is not None:
            option["attrs"]["data-fold"] = fold(f"{label} {unit.code}")
        return option


class UnitSelect(_FoldedOptions, forms.Select):
    pass


class UnitSelectMultiple(_FoldedOptions, forms.SelectMultiple):
    pass


class _UnitPicker:
    iterator: type[ModelChoiceIterator] = _UnitPathIterator
    search_label = _("Tìm đơn vị (gõ không dấu cũng được)")
    found_label = _("Tìm thấy %s đơn vị")

    def __init__(self, *args, show_code: bool = False, **kwargs):
        self.show_code = show_code
        # The options shown, when narrower than those accepted: a page may offer the user's own units
        # and let the service refuse (403) a unit posted from outside them.
        self.offered = None
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        label = getattr(obj, "picker_label", None) or obj.name
        return f"{label} ({obj.code})" if self.show_code else label

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Select):  # a list of checkboxes has nothing to filter
            attrs.update({"data-unit-picker": "", "data-search-label": self.search_label,
                          "data-found-label": self.found_label})
        return attrs


class UnitChoiceField(_UnitPicker, forms.ModelChoiceField):
    """One unit, shown with its path and found by typing (tdkt/static/tdkt/unit_picker.js). The value
    stays the unit's pk, so forms, tests and the API are unchanged."""

    widget = UnitSelect


class UnitMultipleChoiceField(_UnitPicker, forms.ModelMultipleChoiceField):
    widget = UnitSelectMultiple



class _UnitTypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class UnitForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    short_name = forms.CharField(label=_("Tên viết tắt (ký hiệu văn bản)"), max_length=40, required=False)
    unit_type = _UnitTypeChoice(label=_("Loại đơn vị"), queryset=UnitType.objects.all())
    school_level = forms.ChoiceField(label=_("Cấp học"), choices=[("", "—")] + list(SchoolLevel.choices), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    place_name = forms.CharField(label=_("Địa danh trên văn bản"), max_length=100, required=False)
    founded_on = forms.DateField(label=_("Ngày thành lập"), required=False, widget=DateInput())
    active_from = forms.DateField(label=_("Hoạt động từ ngày"), required=False, widget=DateInput())
    active_to = forms.DateField(label=_("Hoạt động đến ngày"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UnitEditForm(UnitForm):
    """The edit page also names the successor of a unit that stops (it was dropped when posted, since
    the form had no such field). A reorganisation with its decision has its own page."""

    successor = UnitChoiceField(label=_("Đơn vị kế thừa"), queryset=None, required=False, show_code=True,
                                help_text=_("Chỉ ghi khi đơn vị ngừng hoạt động (có ngày «Hoạt động đến ngày»)."))

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)

        qs = Unit.objects.order_by("path")
        self.fields["successor"].queryset = qs.exclude(pk=unit.pk) if unit is not None else qs


# --------------------------------------------------------------------------
# Reorganisation (sắp xếp đơn vị): one form per kind, each with its decision
# --------------------------------------------------------------------------


class DecisionForm(BootstrapFormMixin, forms.Form):
    """The decision every reorganisation cites. Its own checks run with the form's, so the page
    shows every problem at once; the service checks again (the API has no form)."""

    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày ký quyết định"), widget=DateInput())
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255,
                             help_text=_("Ví dụ: Ủy ban nhân dân Thành phố Hồ Chí Minh"))
    effective_date = forms.DateField(label=_("Ngày có hiệu lực"), widget=DateInput(),
                                     help_text=_("Đơn vị cũ hoạt động đến hết ngày trước ngày này."))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        for name in getattr(self, "unit_fields", ()):
            field = self.fields[name]
            qs = choices if choices is not None else field.queryset
            field.queryset = qs.exclude(path__startswith=unit.path) if (unit is not None and name in getattr(
                self, "outside_fields", ())) else qs

    def clean(self):
        data = super().clean()
        day, signed = data.get("effective_date"), data.get("decision_date")
        if day and signed and day < signed:
            self.add_error("effective_date", _("Ngày có hiệu lực (%(effective)s) không được trước ngày ký quyết "
                                               "định (%(date)s).") % {"effective": f"{day:%d/%m/%Y}",
                                                                     "date": f"{signed:%d/%m/%Y}"})
        return data

    def decision(self):
        from .services import UnitDecision

        d = self.cleaned_data
        return UnitDecision(number=d["decision_number"], date=d["decision_date"], issuer=d["issuer"],
                            effective_date=d["effective_date"], note=d.get("note", ""))


def _unit_qs():

    return Unit.objects.select_related("unit_type").order_by("path")


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=40, required=False)
    field_order = ["name", "short_name"]

    def clean(self):
        data = super().clean()
        name = (data.get("name") or "").strip()
        if self.unit is not None and name and name == self.unit.name and (
                (data.get("short_name") or "").strip() in ("", self.unit.short_name)):
            self.add_error("name", _("Tên mới trùng tên hiện tại «%(name)s».") % {"name": self.unit.name})
        return data


class MoveForm(DecisionForm):
    unit_fields = outside_fields = ("parent",)
    parent = UnitChoiceField(show_code=True, label=_("Đơn vị quản lý mới (cấp trên)"), queryset=_unit_qs())
    field_order = ["parent"]


class MergeForm(DecisionForm):
    """Sáp nhập (into an existing unit) or hợp nhất (into a new one): this unit and the others chosen."""

    unit_fields = ("others", "target", "new_parent")
    outside_fields = ("others", "target")
    others = UnitMultipleChoiceField(show_code=True, label=_("Các đơn vị khác cùng sáp nhập, hợp nhất"), queryset=_unit_qs(),
                                 required=False)
    target = UnitChoiceField(show_code=True, label=_("Sáp nhập vào đơn vị (đã có)"), queryset=_unit_qs(), required=False,
                         help_text=_("Để trống nếu hợp nhất thành một đơn vị mới (nhập mã và tên bên dưới)."))
    new_code = forms.CharField(label=_("Mã đơn vị mới (hợp nhất)"), max_length=40, required=False)
    new_name = forms.CharField(label=_("Tên đơn vị mới (hợp nhất)"), max_length=255, required=False)
    new_parent = UnitChoiceField(show_code=True, label=_("Cấp trên của đơn vị mới"), queryset=_unit_qs(), required=False,
                             help_text=_("Để trống: cùng cấp trên với đơn vị này."))
    field_order = ["others", "target", "new_code", "new_name", "new_parent"]

    def clean(self):
        data = super().clean()
        target, code, name = data.get("target"), (data.get("new_code") or "").strip(), (
            data.get("new_name") or "").strip()
        if target is None and not (code or name):
            self.add_error("target", _("Chọn đơn vị nhận sáp nhập hoặc nhập mã và tên đơn vị mới hợp nhất."))
        elif target is not None and (code or name):
            self.add_error("target", _("Chọn đơn vị nhận sáp nhập hoặc nhập đơn vị mới, không chọn cả hai."))
        elif target is None:
            if not code:
                self.add_error("new_code", _("Hãy nhập mã đơn vị mới."))
            if not name:
                self.add_error("new_name", _("Hãy nhập tên đơn vị mới."))
        if target is None and not data.get("others") and "others" not in self.errors:
            self.add_error("others", _("Hợp nhất cần ít nhất hai đơn vị: chọn thêm đơn vị cùng hợp nhất."))
        if self.unit is not None and target is not None and target.pk == self.unit.pk:
            self.add_error("target", _("Đơn vị nhận sáp nhập phải khác đơn vị này."))
        return data

    def merge_args(self) -> dict:
        from .services import NewUnit

        d = self.cleaned_data
        sources = [self.unit, *[u for u in d.get("others") or [] if u.pk != self.unit.pk]]
        new_unit = None
        if d.get("target") is None:
            new_unit = NewUnit(code=d["new_code"], name=d["new_name"], parent=d.get("new_parent"))
        return {"sources": sources, "target": d.get("target"), "new_unit": new_unit}


SPLIT_NEW_PARTS = 3


class SplitForm(DecisionForm):
    """Chia, tách: this unit closes; its parts are existing units and/or new ones. The staff and the
    subunits go to the part chosen for each (by default the first part, the successor of record)."""

    unit_fields = outside_fields = ("existing",)
    existing = UnitMultipleChoiceField(show_code=True, label=_("Chia, tách vào các đơn vị đã có"), queryset=_unit_qs(), required=False)

    def __init__(self, *args, unit=None, choices=None, staff=(), subunits=(), **kwargs):
        super().__init__(*args, unit=unit, choices=choices, **kwargs)
        for i in range(1, SPLIT_NEW_PARTS + 1):
            self.fields[f"new_code_{i}"] = forms.CharField(label=_("Mã đơn vị mới %(n)s") % {"n": i}, max_length=40,
                                                           required=False)
            self.fields[f"new_name_{i}"] = forms.CharField(label=_("Tên đơn vị mới %(n)s") % {"n": i},
                                                           max_length=255, required=False)
        self.staff, self.subunits = list(staff), list(subunits)
        part_choices = [("", _("— phần thứ nhất —"))] + [(str(i), _("Phần %(n)s") % {"n": i}) for i in range(1, 9)]
        for p in self.staff:
            self.fields[f"person_{p.pk}"] = forms.ChoiceField(label=_("%(name)s chuyển về") % {"name": p.full_name},
                                                              choices=part_choices, required=False)
        for s in self.subunits:
            self.fields[f"subunit_{s.pk}"] = forms.ChoiceField(label=_("«%(name)s» chuyển về") % {"name": s.name},
                                                               choices=part_choices, required=False)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-select" if isinstance(f.widget, forms.Select) else "form-control")
        decision_fields = list(DecisionForm.base_fields)
        self.order_fields([k for k in self.fields if k not in decision_fields] + decision_fields)

    def parts(self) -> list:
        """The results in order: the existing units chosen, then the new ones typed."""
        from .services import NewUnit

        d = self.cleaned_data
        out: list = list(d.get("existing") or [])
        for i in range(1, SPLIT_NEW_PARTS + 1):
            code, name = (d.get(f"new_code_{i}") or "").strip(), (d.get(f"new_name_{i}") or "").strip()
            if code or name:
                out.append(NewUnit(code=code, name=name))
        return out

    def clean(self):
        data = super().clean()
        for i in range(1, SPLIT_NEW_PARTS + 1):
            code, name = (data.get(f"new_code_{i}") or "").strip(), (data.get(f"new_name_{i}") or "").strip()
            if code and not name:
                self.add_error(f"new_name_{i}", _("Hãy nhập tên đơn vị mới %(n)s.") % {"n": i})
            elif name and not code:
                self.add_error(f"new_code_{i}", _("Hãy nhập mã đơn vị mới %(n)s.") % {"n": i})
        count = len(self.parts()) if not self.errors else None
        if count is not None and count < 2:
            self.add_error("existing", _("Chia, tách cần ít nhất hai đơn vị sau khi sắp xếp (đã có hoặc mới)."))
        elif count is not None:
            for key in [k for k in self.fields if k.startswith(("person_", "subunit_"))]:
                if data.get(key) and int(data[key]) > count:
                    self.add_error(key, _("Chỉ có %(n)s phần sau khi chia, tách.") % {"n": count})
        return data

    def placements(self) -> tuple[dict, dict]:
        """person id → part, subunit id → part, each part by its position in ``parts()`` (0 = first)."""
        d = self.cleaned_data
        staff = {p.pk: int(d[f"person_{p.pk}"]) - 1 for p in self.staff if d.get(f"person_{p.pk}")}
        subunits = {s.pk: int(d[f"subunit_{s.pk}"]) - 1 for s in self.subunits if d.get(f"subunit_{s.pk}")}
        return staff, subunits


class CloseForm(DecisionForm):
    unit_fields = outside_fields = ("successor",)
    successor = UnitChoiceField(show_code=True, label=_("Đơn vị kế thừa (nhận nhiệm vụ, hồ sơ, nhân sự)"), queryset=_unit_qs(),
                            required=False,
                            help_text=_("Để trống nếu giải thể không có đơn vị kế thừa: các vị trí công tác kết "
                                        "thúc."))
    field_order = ["successor"]


# --------------------------------------------------------------------------
# Clusters (cụm / khối thi đua)
# --------------------------------------------------------------------------


class ClusterForm(BootstrapFormMixin, forms.Form):
    """Lập / sửa cụm, khối thi đua. The checks (leader a member, one cluster of a kind per unit and
    year) are the service's; the page shows them on their fields, all at once."""

    school_year: "forms.ModelChoiceField[SchoolYear]" = forms.ModelChoiceField(label=_("Năm học"), queryset=None)
    kind = forms.ChoiceField(label=_("Loại"), choices=ClusterKind.choices)
    name = forms.CharField(label=_("Tên cụm/khối"), max_length=200)
    school_level = forms.ChoiceField(label=_("Cấp học"), choices=[("", "—")] + list(SchoolLevel.choices),
                                     required=False)
    members = UnitMultipleChoiceField(show_code=True, label=_("Đơn vị thành viên"), queryset=None, required=False,
                                  widget=UnitSelectMultiple(attrs={"size": 10}))
    leader = UnitChoiceField(show_code=True, label=_("Khối trưởng (cụm trưởng)"), queryset=None, required=False)
    deputy = UnitChoiceField(show_code=True, label=_("Khối phó (cụm phó)"), queryset=None, required=False)

    def __init__(self, *args, organizer=None, cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import SchoolYear
        from .selectors import cluster_member_choices

        self.fields["school_year"].queryset = SchoolYear.objects.order_by("-start_year")
        units = cluster_member_choices(organizer=organizer)
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = units
        if cluster is not None:
            # The year and the kind make the cluster what it is: another year is another cluster.
            for name in ("school_year", "kind"):
                self.fields[name].disabled = True
                self.fields[name].required = False
