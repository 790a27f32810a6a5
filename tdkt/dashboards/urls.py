from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("thong-ke/", views.overview, name="overview"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/ca-nhan/<int:pk>/", views.person_history, name="person_history"),
    path("tra-cuu/don-vi/<int:pk>/", views.unit_history, name="unit_history"),
]
