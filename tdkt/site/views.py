from django.shortcuts import render

from tdkt.accounts.access import active_memberships
from tdkt.site.attention import attention_items


def home(request):
    memberships = active_memberships(request.user)
    return render(request, "core/home.html", {
        "memberships": memberships,
        "attention": attention_items(user=request.user),
    })
