from django.urls import path

from . import views

app_name = "exemplars"
urlpatterns = [
    path("", views.exemplar_list, name="exemplar_list"),
    path("them/", views.exemplar_new, name="exemplar_new"),
    path("<int:pk>/", views.exemplar_detail, name="exemplar_detail"),
    path("<int:pk>/giai-doan/", views.exemplar_advance, name="exemplar_advance"),
    path("<int:pk>/ton-vinh/", views.exemplar_public, name="exemplar_public"),
    path("<int:pk>/de-nghi/", views.exemplar_propose, name="exemplar_propose"),
    path("mo-hinh-giai-phap/", views.pledge_list, name="pledge_list"),
    path("mo-hinh-giai-phap/<int:pk>/ket-qua/", views.pledge_check, name="pledge_check"),
    path("ton-vinh/<int:unit_id>/", views.public_page, name="public_page"),
]
