from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("phat-dong/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/dieu-chinh/", views.campaign_adjust, name="campaign_adjust"),
    path("<int:pk>/chi-tieu/bao-cao/", views.target_report, name="target_report"),
    path("<int:pk>/van-ban/<int:doc_pk>/", views.campaign_document, name="campaign_document"),
    path("<int:pk>/dang-ky/", views.register, name="register"),
    path("<int:pk>/dang-ky/doi-moi-sang-tao/", views.innovation_create, name="innovation_create"),
    path("<int:pk>/dang-ky/nhom-nha-giao/", views.group_create, name="group_create"),
    path("doi-moi-sang-tao/<int:pk>/", views.innovation_detail, name="innovation_detail"),
    path("nhom-nha-giao/<int:pk>/", views.group_detail, name="group_detail"),
    path("<int:pk>/ho-so/<int:unit_pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/ho-so/<int:unit_pk>/to-trinh/", views.submission_cover, name="submission_cover"),
    path("<int:pk>/ho-so/<int:unit_pk>/bang-tong-hop/", views.submission_summary, name="submission_summary"),
    path("<int:pk>/ho-so/<int:unit_pk>/tai/<slug:doc>.<str:fmt>", views.submission_download,
         name="submission_download"),
    path("<int:pk>/ho-so/<int:unit_pk>/nop/", views.submission_submit, name="submission_submit"),
    path("<int:pk>/ho-so/<int:unit_pk>/xu-ly/", views.submission_review, name="submission_review"),
    path("lich/", views.calendar, name="calendar"),
    path("lich/tao-lai/", views.calendar_token_reset, name="calendar_token_reset"),
    path("lich/<str:token>.ics", views.calendar_ics, name="calendar_ics"),
    path("cum-khoi/", views.cluster_list, name="cluster_list"),
    path("cum-khoi/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("cum-khoi/<int:pk>/giao-uoc/", views.covenant_edit, name="covenant_edit"),
    path("cum-khoi/<int:pk>/giao-uoc/ky/", views.covenant_sign, name="covenant_sign"),
    path("cum-khoi/<int:pk>/hoi-nghi/", views.meeting_record, name="meeting_record"),
]
