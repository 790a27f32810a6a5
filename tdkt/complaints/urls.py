from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.letter_list, name="letter_list"),
    path("tiep-nhan/", views.letter_new, name="letter_new"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/giao-xu-ly/", views.letter_assign, name="letter_assign"),
    path("<int:pk>/thu-ly/", views.letter_accept, name="letter_accept"),
    path("<int:pk>/khong-thu-ly/", views.letter_not_accept, name="letter_not_accept"),
    path("<int:pk>/gia-han/", views.letter_extend, name="letter_extend"),
    path("<int:pk>/giai-quyet/", views.letter_resolve, name="letter_resolve"),
    path("<int:pk>/tam-dinh-chi/", views.letter_suspend, name="letter_suspend"),
    path("<int:pk>/tiep-tuc/", views.letter_resume, name="letter_resume"),
    path("<int:pk>/quyet-dinh-giai-quyet.docx", views.letter_decision, name="letter_decision"),
]
