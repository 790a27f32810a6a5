from django.core.management.base import BaseCommand
from django.db import transaction

from tdkt.awards.bases import load_decision_bases
from tdkt.awards.reference import load_money_rules
from tdkt.complaints.reference import load_time_limits
from tdkt.eligibility.catalogue import load_catalogue
from tdkt.meetings.reference import load_voting_rules
from tdkt.notifications.reference import load_required_kinds
from tdkt.org.reference import load_unit_types
from tdkt.reportcheck.reference import load_report_forms


class Command(BaseCommand):
    help = "Nạp dữ liệu danh mục (loại đơn vị, danh hiệu, tiêu chuẩn, quy tắc biểu quyết, mức thưởng, đề cương báo cáo thành tích, thời hạn khiếu nại, tố cáo). Chạy lại không sinh trùng."

    def handle(self, *args, **options):
        # One transaction: a half-loaded catalogue would judge with missing rules.
        with transaction.atomic():
            counts = [
                (load_unit_types(), "loại đơn vị"),
                # The catalogue owns the award types; the money rules below only refer to them by code.
                (load_catalogue(), "dòng danh mục thi đua, khen thưởng (danh hiệu, hình thức, tiêu chuẩn)"),
                (load_voting_rules(), "quy tắc họp và biểu quyết của Hội đồng"),
                (load_money_rules(), "dòng mức lương cơ sở, hệ số tiền thưởng và hồ sơ bắt buộc"),
                (load_decision_bases(), "dòng căn cứ pháp lý và chức vụ người ký quyết định"),
                (load_report_forms(), "dòng đề cương báo cáo thành tích và lỗi thường gặp"),
                (load_time_limits(), "dòng thời hạn giải quyết khiếu nại, tố cáo và lịch ngày nghỉ"),
                (load_required_kinds(), "loại thông báo bắt buộc nhận"),
            ]
        for n, label in counts:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp {n} {label}."))
