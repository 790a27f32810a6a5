from typing import Literal

from ninja import Router, Schema, Status

from .builders import COMMON_KEYS, DERIVED_KEYS, REGISTRY
from .builders.common import DocumentContextError

router = Router()


class VariableOut(Schema):
    name: str
    description: str


class DocumentTypeOut(Schema):
    code: str
    name: str
    doc_type: str
    abbreviation: str
    description: str
    variables: list[VariableOut]
    rows: dict[str, list[VariableOut]]


def _vars(keys) -> list[dict]:
    return [{"name": k, "description": d} for k, d in keys]


@router.get("/types", response=list[DocumentTypeOut], url_name="document_types",
            summary="Các loại văn bản dựng sẵn và biến dùng trong mẫu DOCX")
def document_types(request):
    return [
        {"code": b.code, "name": b.name, "doc_type": b.doc_type.name, "abbreviation": b.doc_type.abbreviation,
         "description": b.description, "variables": _vars(COMMON_KEYS + DERIVED_KEYS + b.keys),
         "rows": {k: _vars(v) for k, v in b.rows.items()}}
        for b in sorted(REGISTRY.values(), key=lambda b: b.code)
    ]


class RenderIn(Schema):
    code: str
    context: dict = {}
    format: Literal["docx", "pdf"] = "docx"
    use_uploaded: bool = True


@router.post("/render", url_name="document_render", response={200: None, 404: dict, 422: dict},
             summary="Lập một văn bản dựng sẵn (DOCX hoặc PDF) từ dữ liệu gửi lên",
             description="`code` là mã loại văn bản (GET /api/documents/types), `context` các biến của nó "
                         "(ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy). Mẫu DOCX do quản trị viên tải lên cho đơn vị "
                         "của người gọi được dùng khi có, trừ khi `use_uploaded` là false.")
def document_render(request, payload: RenderIn):
    from django.http import HttpResponse

    from .render import render_document
    from .views import _home_unit

    if payload.code not in REGISTRY:
        return Status(404, {"detail": [{"field": "code", "message": f"Không có loại văn bản «{payload.code}». Các mã "
                                 f"dùng được: {', '.join(sorted(REGISTRY))}."}]})
    builder = REGISTRY[payload.code]
    try:
        rendered = render_document(code=payload.code, context=payload.context, fmt=payload.format,
                                   unit=_home_unit(request.user), use_uploaded=payload.use_uploaded)
    except DocumentContextError as exc:
        return Status(422, {"detail": [{"field": "context", "message": str(exc)}]})
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return Status(422, {"detail": [{"field": "context", "message": (
            f"Không lập được «{builder.name}» từ dữ liệu đã gửi ({exc}). Hãy đối chiếu các biến và kiểu dữ liệu "
            f"tại GET /api/documents/types.")}]})
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    response["X-Document-Source"] = rendered.source
    return response


# --------------------------------------------------------------------------- background documents


NO_SUCH_JOB = ("Không có việc tạo văn bản này trong các việc của bạn (mỗi việc chỉ người yêu cầu xem được). "
               "Hãy yêu cầu lại văn bản, rồi hỏi địa chỉ status_url được trả về.")


def job_out(request, job) -> dict:
    """A document job as the API shows it; ``file_url`` once the file is ready."""
    from django.urls import reverse

    done = job.status == job.Status.DONE
    return {"id": job.pk, "kind": job.kind, "title": job.title, "status": job.status,
            "status_label": str(job.get_status_display()), "phase": job.phase, "done": job.done,
            "total": job.total, "message": job.message, "filename": job.filename if done else "",
            "status_url": request.build_absolute_uri(reverse("api:document_job", args=[job.pk])),
            "file_url": request.build_absolute_uri(reverse("api:document_job_file", args=[job.pk])) if done else None}


@router.get("/jobs/{int:job_id}", url_name="document_job", response={200: dict, 404: dict},
            summary="Tình trạng một văn bản đang tạo ở chế độ nền (của chính người hỏi)")
def document_job(request, job_id: int):
    from . import jobs

    job = jobs.job_of(request.user, job_id)
    if job is None:
        return Status(404, {"detail": NO_SUCH_JOB})
    return job_out(request, job)


@router.get("/jobs/{int:job_id}/file", url_name="document_job_file", response={200: None, 404: dict, 409: dict},
            summary="Tải tệp của một văn bản đã tạo xong ở chế độ nền")
def document_job_file(request, job_id: int):
    from django.http import HttpResponse

    from . import jobs

    job = jobs.job_of(request.user, job_id)
    if job is None:
        return Status(404, {"detail": NO_SUCH_JOB})
    if job.status != job.Status.DONE:
        return Status(409, {"detail": job.message or "Tệp chưa tạo xong; hỏi lại địa chỉ status_url sau ít giây.",
                            "status": job.status})
    content = jobs.job_file(job)
    jobs.job_downloaded(actor=request.user, job=job)
    response = HttpResponse(content, content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
