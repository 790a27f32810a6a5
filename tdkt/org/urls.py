from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:parent_pk>/them/", views.unit_create, name="unit_create"),
    path("<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/nhan-su-nam-hoc/", views.unit_staff_year, name="unit_staff_year"),
]
urlpatterns += [
    path("<int:pk>/sap-xep/<slug:kind>/", views.unit_reorganise, name="unit_reorganise"),
]
urlpatterns += [
    path("<int:pk>/cum-khoi/", views.cluster_list, name="cluster_list"),
    path("<int:pk>/cum-khoi/them/", views.cluster_create, name="cluster_create"),
    path("cum-khoi/<int:cluster_pk>/sua/", views.cluster_edit, name="cluster_edit"),
]
