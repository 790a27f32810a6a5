"""Routes of this app (merged into config/permission_map.py). Every signed-in user has notifications;
the views show only the user's own (another's notice is a 404). The unsubscribe link needs no login:
its signed token names the user and the kind."""

LOGIN = "login"  # config.permission_map.LOGIN (that module imports this one)
PUBLIC = "public"

ROUTES: dict[str, object] = {
    "notifications:list": LOGIN,
    "notifications:read": LOGIN,
    "notifications:read_all": LOGIN,
    "notifications:preferences": LOGIN,
    "notifications:unsubscribe": PUBLIC,
    "api:notifications_list": LOGIN,
    "api:notifications_read": LOGIN,
    "api:notifications_read_all": LOGIN,
}
