from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http.response import HttpResponseBase

from congso.org import access


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Login required, and only staff accounts (citizens and businesses get 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_public_user:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def role_required(
    *codes: str,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Staff who hold one of the roles in the agency they work in now."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @staff_required
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not access.has_role(request.user, *codes):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
