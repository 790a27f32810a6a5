"""A dossier file as a download, the same for the page and the API (views.dossier_file,
apis_year.dossier_file): the file's own name and content type, as an attachment that browsers
neither sniff nor render in our origin, never cached by a shared proxy."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .models import DossierFile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def dossier_file_response(f: DossierFile) -> HttpResponse:
    response = HttpResponse(bytes(f.content), content_type=CONTENT_TYPES.get(f.file_format, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition_header(True, f.filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
