from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.council_list, name="council_list"),
    path("them/", views.council_create, name="council_create"),
    path("quy-dinh/", views.rule_list, name="rule_list"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/thay-the/", views.member_replace, name="member_replace"),
    path("<int:pk>/cuoc-hop/them/", views.meeting_create, name="meeting_create"),
    path("cuoc-hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("cuoc-hop/<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("cuoc-hop/<int:pk>/chuong-trinh/tu-dang-ky/", views.agenda_from_registrations,
         name="agenda_from_registrations"),
    path("cuoc-hop/<int:pk>/noi-dung/them/", views.question_create, name="question_create"),
    path("cuoc-hop/<int:pk>/ket-thuc/", views.meeting_close, name="meeting_close"),
    path("cuoc-hop/<int:pk>/doi-lich/", views.meeting_move, name="meeting_move"),
    path("cuoc-hop/<int:pk>/chot-ket-qua/", views.meeting_finalize, name="meeting_finalize"),
    path("cuoc-hop/<int:pk>/<slug:kind>.<slug:fmt>", views.minutes_download, name="minutes_download"),
    path("noi-dung/<int:pk>/mo-bieu-quyet/", views.question_open, name="question_open"),
    path("noi-dung/<int:pk>/tach-tung-nguoi/", views.question_list_split, name="question_list_split"),
    path("noi-dung/<int:pk>/ket-qua-gio-tay/", views.open_count, name="open_count"),
    path("noi-dung/<int:pk>/ket-thuc-bieu-quyet/", views.question_close, name="question_close"),
    path("noi-dung/<int:pk>/bo-phieu/", views.ballot_cast, name="ballot_cast"),
    path("noi-dung/<int:pk>/y-kien-vang-mat/", views.absentee_opinions, name="absentee_opinions"),
]
