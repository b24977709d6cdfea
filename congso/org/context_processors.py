from typing import Any

from django.http import HttpRequest


def current_post(request: HttpRequest) -> dict[str, Any]:
    """The post the user works in now and the others they may switch to (for the header)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_public_user:
        return {}
    posts = list(user.posts.current().select_related("agency", "unit"))
    return {"current_post": user.active_post, "switchable_posts": posts}
