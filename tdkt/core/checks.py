"""System checks of our own settings (``manage.py check --deploy`` runs the deploy ones)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

# The key config/settings.py used to carry in the code: public, so a deployment still using it (by
# copying it into TDKT_SECRET_KEY) is flagged like the generated demo key.
PUBLISHED_DEMO_KEY = "tdkt-local-demo-key-not-for-production-use-0123456789"


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    if getattr(settings, "SECRET_KEY_IS_LOCAL", False) or settings.SECRET_KEY == PUBLISHED_DEMO_KEY:
        return [checks.Warning(
            "SECRET_KEY là khoá của bản demo (sinh trên máy này hoặc đã công khai) trong khi DEBUG tắt. / "
            "SECRET_KEY is the demo's key while DEBUG is off.",
            hint="Đặt TDKT_SECRET_KEY là một chuỗi ngẫu nhiên dài, giữ kín, và bỏ TDKT_LOCAL_SECRET_KEY "
                 "(docs/security.md). / Set TDKT_SECRET_KEY to a long random secret and unset TDKT_LOCAL_SECRET_KEY.",
            id="tdkt.W001",
        )]
    return []
