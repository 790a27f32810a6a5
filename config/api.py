"""The REST API: one NinjaAPI, one router per app, OpenAPI docs at /api/docs."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from tdkt.core.api_errors import install_error_handlers


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``; the permission middleware already resolved the key."""

    def authenticate(self, request: HttpRequest, token: str):
        if getattr(request, "auth_via_token", False):
            return request.user
        return None


api = NinjaAPI(
    title="TĐKT API",
    version="1",
    description="API của hệ thống Thi đua – Khen thưởng ngành Giáo dục. Xác thực bằng phiên đăng nhập hoặc mã truy cập (Bearer).",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
install_error_handlers(api)


@api.get("/", auth=None, url_name="api-root", include_in_schema=False)
def api_root(request):
    return {"name": "TĐKT API", "docs": "/api/docs", "openapi": "/api/openapi.json"}


@api.get("/me", url_name="me", summary="Tài khoản đang dùng và các vai trò")
def me(request):
    from tdkt.accounts.access import active_memberships

    return {
        "username": request.user.username,
        "display_name": str(request.user),
        "memberships": [
            {"unit_id": m.unit_id, "unit": m.unit.name, "role": m.role, "role_label": m.get_role_display(),
             "school_levels": m.school_levels}
            for m in active_memberships(request.user)
        ],
    }


from tdkt.accounts.apis import router as accounts_router  # noqa: E402
from tdkt.awards.apis import router as awards_router  # noqa: E402
from tdkt.campaigns.apis import router as campaigns_router  # noqa: E402
from tdkt.complaints.apis import router as complaints_router  # noqa: E402
from tdkt.dashboards.apis import router as dashboards_router  # noqa: E402
from tdkt.documents.apis import router as documents_router  # noqa: E402
from tdkt.eligibility.apis import router as eligibility_router  # noqa: E402
from tdkt.meetings.apis import router as meetings_router  # noqa: E402
from tdkt.notifications.apis import router as notifications_router  # noqa: E402
from tdkt.org.apis import reorg_router as org_reorg_router  # noqa: E402
from tdkt.org.apis import router as org_router  # noqa: E402
from tdkt.org.apis import years_router as org_years_router  # noqa: E402
from tdkt.people.apis import router as people_router  # noqa: E402
from tdkt.records.apis import router as records_router  # noqa: E402
from tdkt.reportcheck.apis import router as reportcheck_router  # noqa: E402
from tdkt.scoresheets.apis import router as scoresheets_router  # noqa: E402

api.add_router("/accounts", accounts_router, tags=["Tài khoản, phân quyền"])
api.add_router("/units", org_router, tags=["Đơn vị"])
api.add_router("/school-years", org_years_router, tags=["Năm học"])
api.add_router("/org", org_reorg_router, tags=["Sắp xếp đơn vị"])
api.add_router("/people", people_router, tags=["Cá nhân"])
api.add_router("/records", records_router, tags=["Hồ sơ thành tích"])
api.add_router("/eligibility", eligibility_router, tags=["Xét điều kiện"])
api.add_router("/documents", documents_router, tags=["Văn bản"])
api.add_router("/meetings", meetings_router, tags=["Hội đồng"])
api.add_router("/campaigns", campaigns_router, tags=["Phong trào, đăng ký, cụm/khối"])
api.add_router("/awards", awards_router, tags=["Đề nghị, quyết định khen thưởng"])
api.add_router("/report-check", reportcheck_router, tags=["Kiểm tra báo cáo thành tích"])
api.add_router("/complaints", complaints_router, tags=["Khiếu nại, tố cáo"])
api.add_router("/stats", dashboards_router, tags=["Thống kê, tra cứu"])
api.add_router("/notifications", notifications_router, tags=["Thông báo"])
api.add_router("/scoresheets", scoresheets_router, tags=["Bảng điểm thi đua"])
