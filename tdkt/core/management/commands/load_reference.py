from django.core.management.base import BaseCommand
from django.db import transaction

from tdkt.org.reference import load_unit_types


class Command(BaseCommand):
    help = "Nạp dữ liệu danh mục (loại đơn vị...). Chạy lại nhiều lần không sinh trùng."

    def handle(self, *args, **options):
        with transaction.atomic():
            n = load_unit_types()
            self.stdout.write(f"Đã nạp {__import__('tdkt.eligibility.catalogue', fromlist=['load_catalogue']).load_catalogue()} dòng danh mục thi đua, khen thưởng (danh hiệu, hình thức và tiêu chuẩn).")  # noqa: E501
        self.stdout.write(self.style.SUCCESS(f"Đã nạp {n} loại đơn vị."))
