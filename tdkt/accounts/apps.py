from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tdkt.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và phân quyền")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .session_idle import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="tdkt.accounts.session_idle")
