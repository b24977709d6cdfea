from django.http import HttpRequest
from django.utils.translation import gettext as _

from congso.archive.models import Document
from congso.core.panels import Panel


def recent_documents(request: HttpRequest) -> Panel | None:
    """The agency's latest captures and how many still wait or failed."""
    user = request.user
    if not user.is_authenticated or user.is_public_user:
        return None
    documents = Document.objects.visible_to(user)
    context = {
        "recent": list(documents.only("uuid", "title", "state", "captured_at")[:5]),
        "unfinished": documents.unfinished().count(),
        "failed": documents.filter(state=Document.State.FAILED).count(),
        "review": documents.filter(needs_review=True).count(),
    }
    return Panel(_("Số hóa tài liệu"), "archive/panel_recent.html", context, order=20)
