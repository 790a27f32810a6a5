from django.urls import path

from . import views

app_name = "scoresheets"
urlpatterns = [
    path("", views.sheet_list, name="sheet_list"),
    path("tao/", views.sheet_new, name="sheet_new"),
    path("<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("<int:pk>/nhap-tieu-chi/", views.criteria_import, name="criteria_import"),
    path("<int:pk>/ap-dung/", views.sheet_activate, name="sheet_activate"),
    path("<int:pk>/phien-ban-moi/", views.sheet_version, name="sheet_version"),
    path("<int:pk>/tu-cham/", views.assessment_start, name="assessment_start"),
    path("<int:pk>/cum/<int:cluster>/xep-hang/", views.ranking, name="ranking"),
    path("<int:pk>/cum/<int:cluster>/cong-bo/", views.ranking_publish, name="ranking_publish"),
    path("tu-cham/<int:pk>/", views.assessment_fill, name="assessment_fill"),
    path("tu-cham/<int:pk>/luu/", views.score_save, name="score_save"),
    path("tu-cham/<int:pk>/nop/", views.assessment_submit, name="assessment_submit"),
    path("tu-cham/<int:pk>/cham/", views.assessment_review, name="assessment_review"),
    path("tu-cham/<int:pk>/diem-cuoi/", views.final_set, name="final_set"),
]
