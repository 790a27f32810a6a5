from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.core.i18n import translated_columns
from tdkt.core.pagination import paginate
from tdkt.core.xlsx import XlsxColumn, xlsx_stream_response

from .models import AuditEvent

# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
EVENT_COLUMNS = [XlsxColumn(gettext_noop("Thời điểm"), "datetime", 17),
                 XlsxColumn(gettext_noop("Người thực hiện"), "text", 24),
                 XlsxColumn(gettext_noop("Sự kiện"), "text", 28),
                 XlsxColumn(gettext_noop("Loại đối tượng"), "text", 18),
                 XlsxColumn(gettext_noop("Mã đối tượng"), "text", 12),
                 XlsxColumn(gettext_noop("Đối tượng"), "text", 40),
                 XlsxColumn(gettext_noop("Đơn vị"), "text", 36),
                 XlsxColumn(gettext_noop("Lý do"), "text", 40)]


def event_list(request):
    qs = AuditEvent.objects.select_related("unit").order_by("-created_at", "-id")
    event_type = request.GET.get("type", "").strip()
    if event_type:
        qs = qs.filter(event_type=event_type)
    if request.GET.get("xuat") == "xlsx":
        return _events_xlsx(qs, event_type)
    return render(request, "audit/event_list.html", {"page": paginate(qs, request.GET.get("page")),
                                                      "event_type": event_type})


def _events_xlsx(qs, event_type: str):
    """Every event the filtered page pages through (not one page), read in chunks so
    a long log costs flat memory."""
    rows = ((e.created_at, e.actor_label, e.event_type, e.target_type, e.target_id, e.target_repr,
             e.unit.name if e.unit else "", e.reason) for e in qs.iterator(chunk_size=2000))
    title = _("Nhật ký hệ thống – %(type)s") % {"type": event_type} if event_type else _("Nhật ký hệ thống")
    return xlsx_stream_response("nhat-ky-he-thong.xlsx", translated_columns(EVENT_COLUMNS), rows, title=title)
