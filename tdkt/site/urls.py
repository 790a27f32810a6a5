from django.urls import path

from tdkt.core import views as core_views

from . import views

# The namespace stays "core": templates and config/permission_map.py name these routes "core:home",
# "core:health" and "core:favicon". The home page lives here (it reads every app); the health check and
# the favicon know no app and stay in tdkt.core.views.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]
