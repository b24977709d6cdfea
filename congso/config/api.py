"""The JSON API (/api/v1/), documented with OpenAPI at /api/v1/docs. Each app adds
its router here; authentication is by API key (org)."""

from ninja import NinjaAPI

from congso.archive.api import citations_router, search_router
from congso.archive.api import router as archive_router
from congso.org.api import ApiKeyAuth
from congso.workflow.api import incoming_router, outgoing_router

api = NinjaAPI(
    title="Công sở số API",
    version="1",
    description="API của Công sở số. Xác thực: tiêu đề `Authorization: Bearer <khóa API>`; "
    "tạo khóa ở trang Tài khoản.",
    auth=ApiKeyAuth(),
    urls_namespace="api",
)
api.add_router("/documents", archive_router)
api.add_router("/citations", citations_router)
api.add_router("/search", search_router)
api.add_router("/incoming", incoming_router)
api.add_router("/outgoing", outgoing_router)
