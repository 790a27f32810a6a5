"""Thin pages: the user's own notifications, mark read, preferences, and the unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tdkt.core.exceptions import DomainValidationError

from . import selectors, services
from .choices import Kind
from .forms import PreferenceForm
from .models import Notification


def notification_list(request):
    only = request.GET.get("chua-doc") == "1"
    return render(request, "notifications/list.html", {
        "rows": selectors.listing(request.user, unread_only=only), "unread_only": only,
        "unread": selectors.unread_count(request.user)})


@require_POST
def notification_read(request, pk: int):
    n = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(actor=request.user, notification=n)
    if request.POST.get("open") == "1" and url_has_allowed_host_and_scheme(n.url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(n.url)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request):
    n = services.mark_all_read(actor=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": n})
    return redirect("notifications:list")


def preferences(request):
    pref = services.preference_get(request.user)
    required = services.required_kinds()
    initial = {"email_kinds": [k for k in Kind.values if k not in (pref.email_opt_out or []) or k in required],
               "daily_digest": pref.daily_digest, "reminder_days": pref.reminder_days}
    form = PreferenceForm(request.POST or None, initial=initial, required=required)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["email_kinds"]) | required
        try:
            services.preference_update(actor=request.user, email_opt_out=[k for k in Kind.values if k not in chosen],
                                       daily_digest=form.cleaned_data["daily_digest"],
                                       reminder_days=form.cleaned_data["reminder_days"])
        except DomainValidationError as exc:
            for field, errors in exc.message_dict.items():
                for e in errors:
                    form.add_error(field if field in form.fields else None, e)
        else:
            messages.success(request, _("Đã lưu tùy chọn thông báo."))
            return redirect("notifications:preferences")
    kinds = [(value, label, value in required) for value, label in Kind.choices]
    return render(request, "notifications/preferences.html", {"form": form, "kinds": kinds, "required": required,
                                                              "chosen": set(form["email_kinds"].value() or [])})


@csrf_exempt  # the signed token is the whole authority (no session to forge); mail clients POST without one
def unsubscribe(request):
    """No login: the signed link (``?t=``) is the proof. GET asks, POST does (a mail scanner opening links
    changes nothing); a one-click POST from the mail client (RFC 8058) works the same."""
    token = request.GET.get("t", "")
    if not token:
        return render(request, "notifications/unsubscribe.html", {"error": _(
            "Hãy mở đường dẫn «Không nhận thư loại …» ở cuối thư bạn nhận được, hoặc đăng nhập và vào «Tùy chọn "
            "thông báo».")})
    try:
        user, kind = services.unsubscribe_read(token)
    except DomainValidationError as exc:
        return render(request, "notifications/unsubscribe.html", {"error": exc.messages[0]}, status=400)
    done = None
    if request.method == "POST":
        user, kind, done = services.unsubscribe(token=token)
    return render(request, "notifications/unsubscribe.html", {
        "kind_label": Kind(kind).label, "done": done, "required": kind in services.required_kinds(),
        "who": user})
