from django.shortcuts import render

from tdkt.core.pagination import paginate

from .models import AuditEvent


def event_list(request):
    qs = AuditEvent.objects.select_related("unit").order_by("-created_at", "-id")
    event_type = request.GET.get("type", "").strip()
    if event_type:
        qs = qs.filter(event_type=event_type)
    return render(request, "audit/event_list.html", {"page": paginate(qs, request.GET.get("page")),
                                                      "event_type": event_type})
