from django.http import HttpRequest
from django.utils.translation import gettext as _

from congso.core.panels import Panel
from congso.workflow import dashboards
from congso.workflow.models import Notice


def my_work(request: HttpRequest) -> Panel | None:
    """How many things wait for the person, how many are late, and unread notices."""
    user = request.user
    if not user.is_authenticated or user.is_public_user:
        return None
    tasks = dashboards.my_tasks(user)
    context = {
        "tasks": len(tasks),
        "overdue": sum(task.overdue for task in tasks),
        "due_soon": sum(task.due_soon for task in tasks),
        "unread": Notice.objects.filter(user=user).unread().count(),
    }
    return Panel(_("Công việc của tôi"), "workflow/panel_tasks.html", context, order=15)
