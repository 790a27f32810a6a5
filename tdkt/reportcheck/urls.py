from django.urls import path

from . import views

app_name = "reportcheck"

urlpatterns = [
    path("", views.check, name="check"),
    path("bao-cao-he-thong/", views.generated, name="generated"),
    path("ket-qua/<int:pk>/", views.result, name="result"),
    path("ket-qua/<int:pk>/nhan-xet.docx", views.annotated, name="annotated"),
]
