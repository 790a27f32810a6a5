"""Pages: upload a draft (or check the system's own report) → the findings."""

from __future__ import annotations

from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import save_form
from tdkt.org.models import Unit
from tdkt.people.models import Person

from . import selectors, services
from .annotate import annotated_docx
from .forms import CheckForm, SubjectForm
from .models import ReportCheck, Severity
from .reading import MAX_REPORT_BYTES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refuse_foreign_subject(request) -> None:
    """A subject outside the user's reach is refused with 403 (not shown as a form
    error), so the answer is the same whether or not the id exists elsewhere."""
    for model, key in ((Person, "person"), (Unit, "unit")):
        raw = request.POST.get(key)
        if not raw or not str(raw).isdigit():
            continue
        obj = model.objects.filter(pk=int(raw)).first()
        if obj is None:
            continue
        services.require_subject(request.user, **{key: obj})


def _forms(request, *, bound: str = ""):
    people = selectors.people_checkable_by(request.user)
    units = selectors.units_checkable_by(request.user)
    post = request.method == "POST"
    upload = CheckForm(request.POST if post and bound == "upload" else None,
                       request.FILES if post and bound == "upload" else None, people=people, units=units)
    # Both forms share the page: distinct element ids, the same field names.
    generated = SubjectForm(request.POST if post and bound == "generated" else None, people=people, units=units,
                            auto_id="gen_%s")
    return upload, generated


def _page(request, upload, generated):
    return render(request, "reportcheck/check.html", {
        "form": upload, "gen_form": generated, "recent": selectors.recent_checks(request.user),
        "max_mb": MAX_REPORT_BYTES // 1024 // 1024})


def check(request):
    if request.method == "POST":
        _refuse_foreign_subject(request)
    upload, generated = _forms(request, bound="upload")

    def save():
        f = upload.cleaned_data["file"]
        if f.size > MAX_REPORT_BYTES:
            size = f"{f.size / 1024 / 1024:.1f}".replace(".", ",")
            raise DomainValidationError({"file": _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB: hãy "
                                                   "bỏ bớt hình ảnh rồi tải lên lại.") % {
                                                       "size": size, "max": MAX_REPORT_BYTES // 1024 // 1024}})
        return services.report_check_run(actor=request.user, data=f.read(), filename=f.name,
                                          person=upload.cleaned_data["person"], unit=upload.cleaned_data["unit"],
                                          school_year=upload.cleaned_data["school_year"])

    done = save_form(request, upload, save)
    if done is not None:
        return redirect("reportcheck:result", pk=done.pk)
    return _page(request, upload, generated)


@require_POST
def generated(request):
    _refuse_foreign_subject(request)
    upload, gen_form = _forms(request, bound="generated")
    done = save_form(request, gen_form, lambda: services.report_check_generated(
        actor=request.user, person=gen_form.cleaned_data["person"], unit=gen_form.cleaned_data["unit"],
        school_year=gen_form.cleaned_data["school_year"]))
    if done is not None:
        return redirect("reportcheck:result", pk=done.pk)
    return _page(request, upload, gen_form)


def _check_or_403(request, pk: int) -> ReportCheck:
    check = get_object_or_404(ReportCheck.objects.select_related("person", "unit", "school_year", "created_by")
                              .defer("data"), pk=pk)
    if not selectors.can_see_check(request.user, check):
        raise PermissionDenied(_("Bạn không có quyền xem kết quả kiểm tra báo cáo này."))
    return check


def result(request, pk: int):
    check = _check_or_403(request, pk)
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for f in check.findings:
        # The stored label is Vietnamese (it goes into the Word comments); the page speaks the reader's language.
        f = {**f, "severity_label": _severity_label(f)}
        groups.setdefault(f.get("section") or _("Cả báo cáo"), []).append(f)
    return render(request, "reportcheck/result.html", {"check": check, "groups": groups})


def _severity_label(finding: dict) -> str:
    severity = finding.get("severity")
    return str(Severity(severity).label) if severity in Severity.values else finding.get("severity_label", "")


def annotated(request, pk: int):
    check = _check_or_403(request, pk)
    data = ReportCheck.objects.filter(pk=check.pk).values_list("data", flat=True).first()
    if not data:
        raise Http404
    content = annotated_docx(bytes(data), check.findings)
    stem = (check.filename.rsplit(".", 1)[0] or "bao-cao")[:80]
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_ascii(stem)}-nhan-xet.docx"'
    return response


def _ascii(text: str) -> str:
    from tdkt.core.vi import fold

    return "".join(c if c.isalnum() or c in "-_" else "-" for c in fold(text)) or "bao-cao"
