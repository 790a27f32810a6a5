from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("mau/", views.sample_list, name="sample_list"),
    path("mau/<slug:code>.<str:fmt>", views.sample_download, name="sample_download"),
    path("mau-tai-len/", views.template_list, name="template_list"),
    path("mau-tai-len/them/", views.template_upload, name="template_upload"),
    path("mau-tai-len/<int:pk>/ap-dung/", views.template_toggle, name="template_toggle"),
    path("mau-tai-len/<int:pk>/tep/", views.template_download, name="template_download"),
    path("mau-tai-len/mau-goc/<slug:code>.docx", views.template_starter, name="template_starter"),
    path("so-van-ban/", views.number_list, name="number_list"),
    path("so-van-ban/xuat.xlsx", views.number_export, name="number_export"),
    path("tep-dang-tao/", views.job_list, name="job_list"),
    path("tep-dang-tao/<int:pk>/", views.job_detail, name="job_detail"),
    path("tep-dang-tao/<int:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("tep-dang-tao/<int:pk>/tai-ve/", views.job_download, name="job_download"),
]
