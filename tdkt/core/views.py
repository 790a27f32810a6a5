"""Pages that know no app: the health check and the favicon (the home page is tdkt.site.views)."""

from django.http import JsonResponse


def health(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: answer with our SVG icon (the file in
    tdkt/static, found the way collectstatic finds it), cached for a day."""
    from django.contrib.staticfiles import finders
    from django.http import FileResponse

    response = FileResponse(open(finders.find("tdkt/favicon.svg"), "rb"), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
