from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from congso.core import panels
from congso.core.http import AuthenticatedHttpRequest


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/landing.html")


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.is_public_user:
        return redirect("org:account")
    return render(request, "staff/home.html", {"panels": panels.for_request(request)})


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
