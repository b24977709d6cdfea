from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from congso.org.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind @login_required: `user` is our User, never AnonymousUser."""

    user: "User"
    htmx: "HtmxDetails"
