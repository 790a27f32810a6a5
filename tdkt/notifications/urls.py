from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.notification_read, name="read"),
    path("da-doc-het/", views.notification_read_all, name="read_all"),
    path("tuy-chon/", views.preferences, name="preferences"),
    path("huy-nhan/", views.unsubscribe, name="unsubscribe"),
]
