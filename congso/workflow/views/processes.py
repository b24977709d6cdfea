"""The agency's processes: list them and edit one (administrators and leaders)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from congso.core.http import AuthenticatedHttpRequest
from congso.org.decorators import role_required
from congso.org.models import Role
from congso.workflow import forms, services
from congso.workflow.models import Process
from congso.workflow.services import processes as process_rules


@role_required(Role.Code.ADMIN, Role.Code.LEADER)
def process_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = Process.objects.visible_to(request.user).select_related("director_role")
    context = {
        "processes": items,
        "default_approval": process_rules.DEFAULT_APPROVAL,
        "roles": Role.objects.all(),
    }
    return render(request, "workflow/process_list.html", context)


@role_required(Role.Code.ADMIN, Role.Code.LEADER)
def process_edit(request: AuthenticatedHttpRequest, pk: int = 0) -> HttpResponse:
    """A new process (pk 0) or a change to one; the change applies to new items only."""
    agency = request.user.active_post.agency  # type: ignore[union-attr]  # role_required
    process = (
        get_object_or_404(Process.objects.visible_to(request.user), pk=pk)
        if pk
        else Process(agency=agency)
    )
    form = forms.ProcessForm(request.POST or None, instance=process)
    if request.method == "POST" and form.is_valid():
        process = form.save(commit=False)
        process.approval_roles = form.cleaned_data["steps"]
        try:
            services.save_process(process=process, by=request.user)
        except ValidationError as error:
            form.add_error("steps", error)
        else:
            messages.success(request, _("Đã lưu quy trình."))
            return redirect("workflow:process-list")
    return render(request, "workflow/process_edit.html", {"form": form, "process": process})
