"""The one way an item's page runs the action a form posted."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from congso.archive.formats import CaptureError
from congso.core.http import AuthenticatedHttpRequest

Item = TypeVar("Item", bound=Any)
Action = Callable[[AuthenticatedHttpRequest, Item], str]


def message_of(error: Exception) -> str:
    """What to tell the user of a refused input (Vietnamese, from the service)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(getattr(error, "message", error))


def run(
    request: AuthenticatedHttpRequest, item: Item, actions: Mapping[str, Action[Item]]
) -> HttpResponse:
    """Run the posted `action` on the item and go back to its page: a refusal is shown
    as a message, never a crash (PermissionDenied still answers 403)."""
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponse(status=400)
    try:
        messages.success(request, action(request, item))
    except (ValidationError, CaptureError) as error:
        messages.error(request, message_of(error))
    return redirect(item)
