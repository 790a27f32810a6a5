"""Built-in document builders: plain context dict in, DocumentSpec out.

Importing this package registers every builder in ``REGISTRY`` (code → Builder).
"""

from . import bang_tong_hop, bao_cao, bien_ban, giai_quyet_khieu_nai, ke_hoach, quyet_dinh, to_trinh  # noqa: F401,E501  (register)
from .common import COMMON_KEYS, DERIVED_KEYS, REGISTRY, Builder, DocumentContextError

__all__ = ["COMMON_KEYS", "DERIVED_KEYS", "REGISTRY", "Builder", "DocumentContextError", "get_builder"]


def get_builder(code: str) -> Builder:
    try:
        return REGISTRY[code]
    except KeyError as exc:
        raise DocumentContextError(f"Không có mẫu văn bản «{code}».") from exc
