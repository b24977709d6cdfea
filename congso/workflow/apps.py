from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "congso.workflow"
    label = "workflow"
    verbose_name = _("Văn bản đến, văn bản đi")

    def ready(self) -> None:
        from congso.core import panels
        from congso.workflow import checks  # noqa: F401  # registers the system checks
        from congso.workflow import panels as workflow_panels

        panels.register(workflow_panels.my_work)
