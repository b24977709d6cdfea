from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "congso.archive"
    label = "archive"
    verbose_name = _("Số hóa và lưu trữ")

    def ready(self) -> None:
        from congso.archive import panels as archive_panels
        from congso.core import panels

        panels.register(archive_panels.recent_documents)
