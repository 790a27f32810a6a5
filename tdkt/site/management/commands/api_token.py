from django.core.management.base import BaseCommand, CommandError

from tdkt.accounts.models import User
from tdkt.accounts.services import api_token_issue
from tdkt.core.actors import SystemActor


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một tài khoản (mã chỉ hiện một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="Tên gợi nhớ của mã truy cập")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}». Kiểm tra lại tên đăng nhập.")
        _, raw = api_token_issue(actor=SystemActor("lệnh api_token"), user=user, name=name)
        self.stdout.write("Mã truy cập (chỉ hiện một lần) / token (shown once):")
        self.stdout.write(raw)
        self.stdout.write("Dùng: Authorization: Bearer <mã>")
