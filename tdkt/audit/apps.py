from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tdkt.audit"
    label = "audit"
    verbose_name = _("Nhật ký hệ thống")

    def ready(self) -> None:
        # Infrastructure, not domain behaviour: every SQLite connection gets the triggers' guard.
        from django.db.backends.signals import connection_created

        from .guard import register

        connection_created.connect(register, dispatch_uid="tdkt.audit.guard")
