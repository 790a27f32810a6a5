from django.urls import path

from . import views, views_cases

app_name = "records"
urlpatterns = [
    path("", views.records_home, name="home"),
    path("ca-nhan/<int:pk>/", views.person_record, name="person_record"),
    path("ca-nhan/<int:pk>/xep-loai/", views.rating_set, name="rating_set"),
    path("ca-nhan/<int:pk>/ky-luat/them/", views.discipline_add, name="discipline_add"),
    path("ca-nhan/<int:pk>/xem-xet-ky-luat/them/", views_cases.discipline_case_open, name="discipline_case_open"),
    path("xem-xet-ky-luat/<int:pk>/ket-thuc/", views_cases.discipline_case_close, name="discipline_case_close"),
    path("ca-nhan/<int:pk>/nghi/them/", views.absence_add, name="absence_add"),
    path("ca-nhan/<int:pk>/sang-kien/them/", views.initiative_add, name="initiative_add"),
    path("ca-nhan/<int:pk>/khen-thuong/them/", views.award_add, name="award_add"),
    path("ca-nhan/<int:pk>/dang-ky/them/", views.registration_add, name="registration_add"),
    path("khen-thuong/<int:pk>/huy-bo/", views.award_revoke, name="award_revoke"),
    path("don-vi/<int:pk>/", views.unit_year, name="unit_year"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_rating_set, name="unit_rating_set"),
    path("don-vi/<int:pk>/xem-xet-ky-luat/them/", views_cases.unit_discipline_case_open,
         name="unit_discipline_case_open"),
    path("nhap-excel/", views.import_home, name="import"),
    path("nhap-excel/lan/<int:pk>/", views.import_job, name="import_job"),
    path("nhap-excel/lan/<int:pk>/tien-do/", views.import_job_progress, name="import_job_progress"),
    path("nhap-excel/lan/<int:pk>/xac-nhan/", views.import_job_commit, name="import_job_commit"),
    path("nhap-excel/<slug:kind>/", views.import_upload, name="import_upload"),
    path("nhap-excel/<slug:kind>/tep-mau.xlsx", views.import_template, name="import_template"),
]
