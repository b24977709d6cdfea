from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from congso.core.http import AuthenticatedHttpRequest
from congso.core.models import AuditEntry
from congso.core.text import folded_match, name_sort_key, vi_sort_key
from congso.org import services
from congso.org.decorators import role_required, staff_required
from congso.org.forms import ApiTokenForm, DelegationForm
from congso.org.models import Delegation, Post, Role, Unit, User


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_sign_in(user=form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            services.record_sign_out(user=request.user)
        return super().post(request, *args, **kwargs)


@login_required
def account(request: AuthenticatedHttpRequest, new_key: str = "") -> HttpResponse:
    posts = request.user.posts.current().select_related("agency", "unit").prefetch_related("roles")
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    return render(
        request,
        "org/account.html",
        {
            "posts": posts,
            "tokens": tokens,
            "new_key": new_key,
            "token_form": ApiTokenForm(),
        },
    )


@require_POST
@staff_required
def create_api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The key is shown on this response only; it is never stored or shown again."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy đặt tên cho khóa API."))
        return redirect("org:account")
    _token, key = services.create_api_token(user=request.user, name=form.cleaned_data["name"])
    return account(request, new_key=key)


@require_POST
@staff_required
def revoke_api_token(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_api_token(token=token, by=request.user)
    messages.success(request, _("Đã thu hồi khóa API."))
    return redirect("org:account")


@staff_required
@vary_on_headers("HX-Request")
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    posts = Post.objects.visible_to(request.user).current().select_related("user", "unit")
    units = sorted(Unit.objects.visible_to(request.user), key=lambda u: vi_sort_key(u.name))
    people = sorted(posts, key=lambda p: name_sort_key(p.user.full_name))
    if query:
        people = [p for p in people if folded_match(query, p.user.full_name, p.position)]
    template = "org/directory.html" + ("#people" if request.htmx else "")
    return render(request, template, {"units": units, "people": people, "q": query})


@staff_required
def unit_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=pk)
    posts = sorted(
        unit.posts.current().select_related("user").prefetch_related("roles"),
        key=lambda p: name_sort_key(p.user.full_name),
    )
    return render(request, "org/unit_detail.html", {"unit": unit, "posts": posts})


@staff_required
def post_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("user", "unit", "agency"), pk=pk
    )
    return render(request, "org/post_detail.html", {"post": post, "roles": post.roles.all()})


@require_POST
@staff_required
def switch_post(request: AuthenticatedHttpRequest) -> HttpResponse:
    post = get_object_or_404(request.user.posts.current(), pk=request.POST.get("post", 0))
    services.switch_post(user=request.user, post=post)
    messages.success(
        request, _("Đã chuyển sang làm việc tại %(agency)s.") % {"agency": post.agency}
    )
    return redirect("home")


def _delegation_form(request: AuthenticatedHttpRequest) -> DelegationForm:
    colleagues = (
        User.objects.filter(posts__in=Post.objects.visible_to(request.user).current())
        .exclude(pk=request.user.pk)
        .order_by("full_name")
    )
    own_roles = Role.objects.filter(post=request.user.active_post).distinct()
    data = request.POST if request.method == "POST" else None
    return DelegationForm(data, colleagues=colleagues, own_roles=own_roles)


@staff_required
def delegations(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _delegation_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegate_roles(delegator=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ủy quyền."))
            return redirect("org:delegations")
    mine = Delegation.objects.visible_to(request.user).filter(
        delegator=request.user
    ) | Delegation.objects.visible_to(request.user).filter(delegate=request.user)
    rows = mine.select_related("delegator", "delegate").prefetch_related("roles")
    return render(request, "org/delegations.html", {"form": form, "delegations": rows})


@require_POST
@staff_required
def revoke_delegation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.visible_to(request.user), pk=pk)
    services.revoke_delegation(delegation=delegation, by=request.user)
    messages.success(request, _("Đã thu hồi ủy quyền."))
    return redirect("org:delegations")


@role_required(Role.Code.LEADER, Role.Code.ADMIN)
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.for_agency(request.user.active_agency_id).order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "org/audit_log.html", {"page": page})
