from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api

admin.site.site_header = "TĐKT – Quản trị hệ thống"
admin.site.site_title = "TĐKT"

urlpatterns = [
    path("", include("tdkt.site.urls")),
    path("tai-khoan/", include("tdkt.accounts.urls")),
    path("don-vi/", include("tdkt.org.urls")),
    path("ca-nhan/", include("tdkt.people.urls")),
    path("nhat-ky/", include("tdkt.audit.urls")),
    path("ho-so/", include("tdkt.records.urls")),
    path("xet/", include("tdkt.eligibility.urls")),
    path("van-ban/", include("tdkt.documents.urls")),
    path("hoi-dong/", include("tdkt.meetings.urls")),
    path("phong-trao/", include("tdkt.campaigns.urls")),
    path("khen-thuong/", include("tdkt.awards.urls")),
    path("kiem-tra-bao-cao/", include("tdkt.reportcheck.urls")),
    path("khieu-nai-to-cao/", include("tdkt.complaints.urls")),
    path("hoi-nghi/", include("tdkt.events.urls")),
    path("bang-diem/", include("tdkt.scoresheets.urls")),
    path("dien-hinh/", include("tdkt.exemplars.urls")),
    path("thong-bao/", include("tdkt.notifications.urls")),
    path("", include("tdkt.dashboards.urls")),  # thong-ke/..., tra-cuu/...
    path("i18n/setlang/", set_language, name="set_language"),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
]
