"""Pages: the "Mẫu văn bản" catalogue with sample downloads, administrator templates,
and the number register with its XLSX export (the demo of xlsx_stream_response)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tdkt.accounts.access import active_memberships, can, has_perm_anywhere
from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors
from tdkt.core.pagination import paginate
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response

from . import jobs, selectors, services
from .builders import COMMON_KEYS, DERIVED_KEYS, REGISTRY, get_builder
from .builders.common import DocumentContextError
from .docx_templates import starter_docx
from .forms import TemplateUploadForm
from .layout import DOC_TYPES
from .models import DocumentJob, DocumentTemplate
from .render import FORMATS, render_document


def _builders():
    return sorted(REGISTRY.values(), key=lambda b: b.name)


def _home_unit(user):
    """The unit whose uploaded templates a user's sample downloads show."""
    for m in active_memberships(user):
        return m.unit
    return None


def sample_list(request):
    unit = _home_unit(request.user)
    rows = []
    for b in _builders():
        template = selectors.active_template_for(code=b.code, unit=unit)
        rows.append({"builder": b, "template": template})
    return render(request, "documents/sample_list.html", {
        "rows": rows,
        "can_manage": has_perm_anywhere(request.user, Perm.MANAGE_TEMPLATES),
        "unit": unit,
    })


def sample_download(request, code: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    try:
        builder = get_builder(code)
    except DocumentContextError as exc:
        raise Http404 from exc
    use_uploaded = request.GET.get("goc") != "1"
    rendered = render_document(code=code, context=builder.sample(), fmt=fmt, unit=_home_unit(request.user),
                               use_uploaded=use_uploaded)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-{rendered.filename}"'
    return response


TEMPLATE_COLUMNS = [XlsxColumn("STT", "int", 6), XlsxColumn("Mã loại văn bản", "text", 24),
                    XlsxColumn("Loại văn bản", "text", 36), XlsxColumn("Tên mẫu", "text", 36),
                    XlsxColumn("Đơn vị áp dụng", "text", 36), XlsxColumn("Tên tệp", "text", 30),
                    XlsxColumn("Dung lượng (byte)", "int", 12), XlsxColumn("Thời điểm tải lên", "datetime", 17),
                    XlsxColumn("Người tải lên", "text", 20), XlsxColumn("Trạng thái", "text", 12),
                    XlsxColumn("Ghi chú", "text", 30)]


def template_list(request):
    templates = list(selectors.templates_manageable_by(user=request.user))
    if request.GET.get("xuat") == "xlsx":
        return _templates_xlsx(templates)
    return render(request, "documents/template_list.html", {
        "templates": templates,
        "builders": _builders(),
        "common_keys": COMMON_KEYS,
        "derived_keys": DERIVED_KEYS,
    })


def _templates_xlsx(templates):
    names = {b.code: b.name for b in REGISTRY.values()}
    rows = ((i, t.code, names.get(t.code, ""), t.name, t.unit.name if t.unit else "Toàn hệ thống", t.filename,
             t.size, t.uploaded_at, str(t.uploaded_by) if t.uploaded_by else "",
             "Đang dùng" if t.active else "Không dùng", t.note) for i, t in enumerate(templates, start=1))
    return xlsx_stream_response("mau-van-ban-tai-len.xlsx", TEMPLATE_COLUMNS, rows, title="Mẫu văn bản tải lên")


def template_upload(request):
    units = list(selectors.units_for_templates(user=request.user))
    allow_global = request.user.is_superuser
    form = TemplateUploadForm(request.POST or None, request.FILES or None, units=units, allow_global=allow_global,
                              initial={"code": request.GET.get("ma", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in units if str(u.pk) == data["unit"]), None) if data["unit"] else None
        upload = data["file"]
        try:
            template = services.template_upload(
                actor=request.user, code=data["code"], name=data["name"], filename=upload.name,
                content=upload.read(), unit=unit, note=data["note"])
        except DomainValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, f"Đã tải lên và áp dụng mẫu «{template.name}».")
            return redirect("documents:template_list")
    chosen = form["code"].value() or ""
    return render(request, "documents/template_upload.html", {
        "form": form,
        "builders": _builders(),
        "chosen": chosen,
        "common_keys": COMMON_KEYS,
        "derived_keys": DERIVED_KEYS,
    })


def _manageable_template(user, pk: int) -> DocumentTemplate:
    template = get_object_or_404(DocumentTemplate.objects.select_related("unit").defer("content"), pk=pk)
    allowed = user.is_superuser if template.unit is None else can(user, Perm.MANAGE_TEMPLATES, template.unit)
    if not allowed:
        raise PermissionDenied("Bạn không có quyền với mẫu văn bản này.")
    return template


@require_POST
def template_toggle(request, pk: int):
    template = _manageable_template(request.user, pk)
    services.template_set_active(actor=request.user, template=template, active=not template.active)
    messages.success(request, f"Đã {'áp dụng' if template.active else 'ngừng dùng'} mẫu «{template.name}».")
    return redirect("documents:template_list")


def template_download(request, pk: int):
    template = _manageable_template(request.user, pk)
    content = DocumentTemplate.objects.values_list("content", flat=True).get(pk=template.pk)
    response = HttpResponse(bytes(content), content_type=FORMATS["docx"])
    response["Content-Disposition"] = f'attachment; filename="mau-{template.pk}.docx"'
    return response


def template_starter(request, code: str):
    try:
        builder = get_builder(code)
    except DocumentContextError as exc:
        raise Http404 from exc
    response = HttpResponse(starter_docx(builder), content_type=FORMATS["docx"])
    response["Content-Disposition"] = f'attachment; filename="mau-goc-{code}.docx"'
    return response


def _number_filters(request):
    year = request.GET.get("nam", "")
    doc_type = request.GET.get("loai", "")
    return (int(year) if year.isdigit() else None), doc_type


def number_list(request):
    year, doc_type = _number_filters(request)
    qs = selectors.number_list_visible_to(user=request.user, year=year, doc_type=doc_type)
    page = paginate(qs, request.GET.get("page"))
    return render(request, "documents/number_list.html", {
        "page": page, "year": year or "", "doc_type": doc_type, "this_year": timezone.localdate().year,
        # The register's export has its own route (documents:number_export) with the same filters.
        "export_href": reverse("documents:number_export") + (f"?{query}" if (query := _filters_query(request)) else ""),
        "doc_type_choices": [(abbr, t.name.capitalize()) for abbr, t in DOC_TYPES.items()],
    })


def _filters_query(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


NUMBER_COLUMNS = [
    XlsxColumn("Năm", "int", 8),
    XlsxColumn("Cơ quan ban hành", "text", 36),
    XlsxColumn("Số", "int", 8),
    XlsxColumn("Số, ký hiệu", "text", 22),
    XlsxColumn("Ngày ban hành", "date", 14),
    XlsxColumn("Trích yếu", "text", 60),
    XlsxColumn("Người lấy số", "text", 20),
    XlsxColumn("Thời điểm lấy số", "datetime", 18),
]


def number_export(request):
    year, doc_type = _number_filters(request)
    qs = selectors.number_list_visible_to(user=request.user, year=year, doc_type=doc_type)
    rows = ((n.year, n.issuer.name, n.number, n.formatted, n.issued_on, n.title,
             str(n.created_by) if n.created_by else "", n.created_at) for n in qs.iterator(chunk_size=2000))
    return xlsx_stream_response(f"so-dang-ky-van-ban{'-' + str(year) if year else ''}.xlsx", NUMBER_COLUMNS, rows,
                                title="Sổ đăng ký văn bản")


# --------------------------------------------------------------------------- documents made in the background


def _own_job(request, pk: int) -> DocumentJob:
    job = jobs.job_of(request.user, pk)
    if job is None:
        raise Http404
    return job


def job_detail(request, pk: int):
    job = _own_job(request, pk)
    return render(request, "documents/job_detail.html", jobs.page_context(job))


def job_progress(request, pk: int):
    """The progress bar, polled by htmx while the job waits or runs; once it has finished,
    the page reloads itself to show the download (or the failure)."""
    job = _own_job(request, pk)
    if not job.running:
        response = HttpResponse(status=204 if request.htmx else 200)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "documents/_job_progress.html", jobs.page_context(job))


def job_download(request, pk: int):
    job = _own_job(request, pk)
    if job.status != DocumentJob.Status.DONE:
        messages.error(request, job.message or "Tệp chưa tạo xong nên chưa tải về được; trang này tự cập nhật khi xong.")
        return redirect("documents:job_detail", pk=job.pk)
    content = jobs.job_file(job)
    jobs.job_downloaded(actor=request.user, job=job)
    response = HttpResponse(content, content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def job_list(request):
    return render(request, "documents/job_list.html", {"jobs": jobs.jobs_of(request.user, limit=50)})
