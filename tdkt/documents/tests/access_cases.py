"""Permission-walk cases for every documents route × method (see tdkt/accounts/tests/test_permission_map.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.testing import Case


def _starter() -> bytes:
    from tdkt.documents.builders import get_builder
    from tdkt.documents.docx_templates import starter_docx

    return starter_docx(get_builder("quyet-dinh-khen-thuong"))


def _template(w):
    """An inactive system-wide template, created without an audit row (the walk compares audit counts)."""
    from tdkt.documents.models import DocumentTemplate

    content = _starter()
    template, _ = DocumentTemplate.objects.get_or_create(
        code="quyet-dinh-khen-thuong", unit=None, name="Mẫu thử quyền", active=False,
        defaults={"filename": "mau.docx", "content": content, "size": len(content), "sha256": "0" * 64})
    return template


def _upload(w):
    return {"code": "quyet-dinh-khen-thuong", "name": "Quyết định – mẫu Phòng", "unit": "",
            "file": SimpleUploadedFile("mau.docx", _starter()), "note": ""}


CASES = [
    Case("documents:sample_list", "get", lambda w: reverse("documents:sample_list"), other_unit=None,
         wrong_role="staff_a"),
    Case("documents:sample_download", "get",
         lambda w: reverse("documents:sample_download", args=["quyet-dinh-khen-thuong", "docx"]),
         other_unit=None, wrong_role="staff_a"),
    Case("documents:template_list", "get", lambda w: reverse("documents:template_list"), allowed="admin",
         other_unit=None, wrong_role="officer_a"),
    Case("documents:template_upload", "get", lambda w: reverse("documents:template_upload"), allowed="admin",
         other_unit=None, wrong_role="officer_a"),
    Case("documents:template_upload", "post", lambda w: reverse("documents:template_upload"), data=_upload,
         allowed="admin", allowed_status=(302,), other_unit=None, wrong_role="officer_a",
         extra_refused=["head_a"]),
    Case("documents:template_toggle", "post", lambda w: reverse("documents:template_toggle", args=[_template(w).pk]),
         data=lambda w: {}, allowed="admin", allowed_status=(302,), other_unit=None, wrong_role="officer_a"),
    Case("documents:template_download", "get",
         lambda w: reverse("documents:template_download", args=[_template(w).pk]), allowed="admin",
         other_unit=None, wrong_role="officer_a"),
    Case("documents:template_starter", "get",
         lambda w: reverse("documents:template_starter", args=["bien-ban-kiem-phieu"]), allowed="admin",
         other_unit=None, wrong_role="officer_a"),
    Case("documents:number_list", "get", lambda w: reverse("documents:number_list"), other_unit=None,
         wrong_role="staff_a"),
    Case("documents:number_export", "get", lambda w: reverse("documents:number_export"), other_unit=None,
         wrong_role="staff_a"),
    Case("api:document_types", "get", lambda w: reverse("api:document_types"), other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:document_render", "post", lambda w: reverse("api:document_render"),
         data=lambda w: {"code": "bien-ban-kiem-phieu", "context": _sample("bien-ban-kiem-phieu")},
         json_body=True, writes=False, other_unit=None, wrong_role="staff_a", anon_status=(401,)),
]


def _sample(code: str) -> dict:
    """A builder's sample context as JSON (dates as ISO strings)."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    from tdkt.documents.builders import get_builder

    return json.loads(json.dumps(get_builder(code).sample(), cls=DjangoJSONEncoder))
