from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("de-nghi/", views.proposal_list, name="proposal_list"),
    path("dot/them/", views.round_create, name="round_create"),
    path("de-nghi/them/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/them-dong/", views.item_add, name="item_add"),
    path("de-nghi/<int:pk>/tong-hop/", views.proposal_compile, name="proposal_compile"),
    path("de-nghi/<int:pk>/quyet-dinh/", views.decision_create, name="decision_create"),
    path("dong-quyet-dinh/<int:pk>/huy-bo/", views.award_revoke, name="award_revoke"),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("de-nghi/<int:pk>/thao-tac/", views.proposal_action, name="proposal_action"),
    path("de-nghi/<int:pk>/tai-len/", views.dossier_upload, name="dossier_upload"),
    path("de-nghi/<int:pk>/tai-lieu/<int:file_pk>/", views.dossier_file, name="dossier_file"),
    path("dong-de-nghi/<int:pk>/tham-dinh/", views.item_review, name="item_review"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/docx/", views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/pdf/", views.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/ky-so/", views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/ban-ky-so.pdf", views.decision_signed_pdf, name="decision_signed_pdf"),
    path("quyet-dinh/<int:pk>/kiem-tra-chu-ky/", views.decision_verify, name="decision_verify"),
    path("quyet-dinh/<int:pk>/giay-khen.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("giay-khen/", views.certificates_batch, name="certificates_batch"),
    path("giay-khen/in.pdf", views.certificates_batch_pdf, name="certificates_batch_pdf"),
    # public (công khai)
    path("xac-minh/", views.verify, name="verify"),
    path("xac-minh/<uuid:code>/", views.verify, name="verify"),
    path("cong-khai/", views.disclosure, name="disclosure"),
]
