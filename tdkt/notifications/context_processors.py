def bell(request):
    """The unread count for the bell in the menu (one COUNT on the indexed (recipient, read_at))."""
    from .selectors import unread_count

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": unread_count(user)}
