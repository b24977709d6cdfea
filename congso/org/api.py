from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from congso.org import services


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`: the request acts as the key's user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_api_key(token)
        if user is None:
            return None
        request.user = user
        return user
