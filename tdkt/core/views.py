from django.http import JsonResponse
from django.shortcuts import render

from tdkt.accounts.access import active_memberships
from tdkt.core.attention import attention_items


def home(request):
    memberships = active_memberships(request.user)
    return render(request, "core/home.html", {
        "memberships": memberships,
        "attention": attention_items(user=request.user),
    })


def health(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
