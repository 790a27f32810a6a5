from django.urls import path

from . import views

app_name = "eligibility"
urlpatterns = [
    path("ca-nhan/<int:person_id>/", views.person, name="person"),
    path("don-vi/<int:unit_id>/", views.unit, name="unit"),
    path("don-vi/<int:unit_id>/chay/", views.run_request, name="run"),
    path("don-vi/<int:unit_id>/chay/<int:job_id>/", views.run_progress, name="run_progress"),
    path("don-vi/<int:unit_id>/tac-dong-quy-dinh/", views.impact_page, name="impact"),
    path("don-vi/<int:unit_id>/ty-le-dia-phuong/", views.local_quotas_page, name="local_quotas"),
]
