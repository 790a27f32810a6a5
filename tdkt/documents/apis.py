from ninja import Router, Schema

from .builders import COMMON_KEYS, DERIVED_KEYS, REGISTRY

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
