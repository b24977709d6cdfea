from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "congso.org"
    label = "org"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self) -> None:
        from congso.core import panels
        from congso.org import panels as org_panels

        panels.register(org_panels.my_post)
