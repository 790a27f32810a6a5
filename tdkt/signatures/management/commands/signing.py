"""``tdkt signing demo-ca``: a demo CA and PKCS#12 keys for the demo's signers and their organisations."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.signatures import keys
from tdkt.signatures.models import KeyKind, SigningKey

DEMO_SIGNERS = ["chutich.saigon", "giamdoc.sgddt"]


class Command(BaseCommand):
    help = ("demo-ca: tạo CA thử nghiệm (không dùng thật) và khóa PKCS#12 cho người ký của phường mẫu "
            "và con dấu của cơ quan họ / make the demo CA and PKCS#12 keys for the demo's signers.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["demo-ca"])
        parser.add_argument("--user", action="append", dest="users",
                            help="tên đăng nhập (mặc định: người ký của phường mẫu) / username")

    def handle(self, *args, action: str, users: list[str] | None = None, **options):
        made = ensure_demo_keys(users or DEMO_SIGNERS)
        ca_path = keys.demo_dir() / "demo-ca.pem"
        self.stdout.write(f"CA: {ca_path} ({keys.DEMO_CA_NAME})")
        for line in made:
            self.stdout.write(line)


def ensure_demo_keys(usernames: list[str]) -> list[str]:
    """A signer key for each user and an organisation key for each user's unit, made once (run again:
    nothing new). Returns what it did, a line each."""
    User = get_user_model()
    lines = []
    keys.ensure_demo_ca()
    for username in usernames:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}: chạy `tdkt demo` trước.")
        membership = user.memberships.select_related("unit").order_by("id").first()
        if not SigningKey.objects.filter(user=user, kind=KeyKind.SIGNER, active=True).exists():
            issued = keys.issue_p12(common_name=str(user),  # the display name, as the page shows it
                                    organisation=membership.unit.name if membership else "TĐKT",
                                    filename=f"{username}.p12")
            _row(issued, kind=KeyKind.SIGNER, user=user)
            lines.append(f"{username}: {issued.path}")
        if membership and not SigningKey.objects.filter(unit=membership.unit, kind=KeyKind.ORGANISATION,
                                                        active=True).exists():
            unit = membership.unit
            issued = keys.issue_p12(common_name=unit.name, organisation=unit.name, filename=f"unit-{unit.pk}.p12")
            _row(issued, kind=KeyKind.ORGANISATION, unit=unit)
            lines.append(f"{unit.name}: {issued.path}")
    return lines


def _row(issued: keys.Issued, **owner) -> SigningKey:
    return SigningKey.objects.create(p12_path=str(issued.path), subject=issued.subject, issuer=issued.issuer,
                                     valid_from=issued.valid_from.astimezone(dt.UTC),
                                     valid_to=issued.valid_to.astimezone(dt.UTC), **owner)
