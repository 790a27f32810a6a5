from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("tao/", views.event_new, name="event_new"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/cu-nguoi/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/ke-hoach.docx", views.plan, name="plan"),
    path("nguoi-du/<int:pk>/bo/", views.attendee_remove, name="attendee_remove"),
    path("nguoi-du/<int:pk>/co-mat/", views.attendance_set, name="attendance_set"),
    path("nguoi-du/<int:pk>/giay-moi/", views.invitation, name="invitation"),
    path("diem-danh/<uuid:token>/", views.check_in, name="check_in"),
]
