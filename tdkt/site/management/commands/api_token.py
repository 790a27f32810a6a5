from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.accounts.services import api_token_issue, api_token_revoke
from tdkt.core.actors import SystemActor
from tdkt.core.exceptions import DomainValidationError

ACTOR = SystemActor("lệnh api_token")


def _day(value) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y}" if value else "—"


class Command(BaseCommand):
    help = ("Cấp mã truy cập API cho một tài khoản (mã chỉ hiện một lần, hết hạn sau --days ngày), "
            "liệt kê (--list) hoặc thu hồi (--revoke <tiền tố>) các mã của tài khoản.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="Tên gợi nhớ của mã truy cập")
        parser.add_argument("--days", type=int, default=None,
                            help="Số ngày mã còn dùng được (mặc định TDKT_API_TOKEN_DAYS, 90)")
        parser.add_argument("--list", action="store_true", help="Liệt kê các mã của tài khoản")
        parser.add_argument("--revoke", metavar="PREFIX", help="Thu hồi mã có tiền tố này (8 ký tự sau tdkt_)")

    def handle(self, *args, username, name, days, list, revoke, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}». Kiểm tra lại tên đăng nhập.")
        if list:
            for token in user.api_tokens.order_by("created_at"):
                state = "đã thu hồi" if token.revoked_at else (
                    "hết hạn" if token.expires_at and token.expires_at <= timezone.now() else "dùng được")
                self.stdout.write(f"{token.prefix}  {token.name}  cấp {_day(token.created_at)}  "
                                  f"hết hạn {_day(token.expires_at)}  {state}")
            return
        if revoke:
            token = user.api_tokens.filter(prefix=revoke, revoked_at__isnull=True).first()
            if token is None:
                raise CommandError(f"«{username}» không có mã nào đang dùng với tiền tố «{revoke}» (xem --list).")
            api_token_revoke(actor=ACTOR, token=token, reason="lệnh api_token --revoke")
            self.stdout.write(f"Đã thu hồi mã {token.prefix}… của «{username}».")
            return
        try:
            token, raw = api_token_issue(actor=ACTOR, user=user, name=name, days=days)
        except DomainValidationError as exc:
            raise CommandError(" ".join(item["message"] for item in exc.as_list())) from exc
        self.stdout.write("Mã truy cập (chỉ hiện một lần) / token (shown once):")
        self.stdout.write(raw)
        self.stdout.write(f"Hết hạn / expires: {_day(token.expires_at)}. Dùng: Authorization: Bearer <mã>")


