from django.http import HttpRequest
from django.utils.translation import gettext as _

from congso.core.panels import Panel
from congso.org import access
from congso.org.models import Role


def my_post(request: HttpRequest) -> Panel | None:
    """Where I work now, my roles, and delegations I am acting under."""
    user = request.user
    if not user.is_authenticated or user.is_public_user:
        return None
    post = user.active_post
    if post is None:
        return Panel(_("Nơi làm việc"), "org/panel_my_post.html", {}, order=10)
    codes = access.role_codes(user)
    roles = [str(label) for code, label in Role.Code.choices if code in codes]
    delegations = list(
        user.delegations_received.active()
        .filter(agency_id=post.agency_id)
        .select_related("delegator")
    )
    can_audit = bool(codes & {Role.Code.LEADER, Role.Code.ADMIN})
    context = {"post": post, "roles": roles, "delegations": delegations, "can_audit": can_audit}
    return Panel(_("Nơi làm việc"), "org/panel_my_post.html", context, order=10)
