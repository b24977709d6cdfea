import io
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from congso.core.models import AuditEntry
from congso.org.models import Role
from congso.org.testing import BaseTestCase
from congso.workflow import services
from congso.workflow.models import Process

GOOD = """
[[process]]
name = "Tờ trình"
direction = "outgoing"
doc_type = "Tờ trình"
approval = ["lanh_dao_phong", "lanh_dao_co_quan"]

[[process]]
name = "Văn bản đến"
direction = "incoming"
director = "lanh_dao_co_quan"
handling_days = 7
"""


class LoadProcessesTests(BaseTestCase):
    def test_a_declarative_file_defines_routes_without_code(self) -> None:
        services.load_processes(agency=self.agency_a, text=GOOD, by=self.binh)
        route = services.route_for(agency=self.agency_a, direction="outgoing", doc_type="Tờ trình")
        self.assertEqual(route.approval_roles, [Role.Code.UNIT_HEAD, Role.Code.LEADER])
        incoming = services.route_for(agency=self.agency_a, direction="incoming", doc_type="X")
        self.assertEqual(incoming.handling_days, 7)
        self.assertEqual(AuditEntry.objects.filter(verb="create_process").count(), 2)

    def test_loading_again_retires_the_earlier_process_of_the_same_kind(self) -> None:
        services.load_processes(agency=self.agency_a, text=GOOD, by=self.binh)
        services.load_processes(
            agency=self.agency_a,
            text=GOOD.replace("handling_days = 7", "handling_days = 3"),
            by=self.binh,
        )
        active = Process.objects.filter(agency=self.agency_a, direction="incoming", is_active=True)
        self.assertEqual([p.handling_days for p in active], [3])

    def test_an_unknown_role_is_refused_and_nothing_is_loaded(self) -> None:
        bad = GOOD.replace('"lanh_dao_phong"', '"truong_ban"')
        with self.assertRaisesMessage(ValidationError, "truong_ban"):
            services.load_processes(agency=self.agency_a, text=bad, by=self.binh)
        self.assertFalse(Process.objects.exists())

    def test_the_command_loads_a_file_for_an_agency(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "quy-trinh.toml"
            path.write_text(GOOD, "utf-8")
            out = io.StringIO()
            call_command("load_processes", str(path), agency=self.agency_a.code, stdout=out)
            self.assertIn("Tờ trình", out.getvalue())
            path.write_text("[[process]\nname=", "utf-8")
            with self.assertRaises(CommandError):
                call_command("load_processes", str(path), agency=self.agency_a.code)

    def test_the_page_saves_a_process_for_the_agency(self) -> None:
        self.client.force_login(self.chi)  # leader of agency B
        response = self.client.post(
            "/van-ban/quy-trinh/moi/",
            {
                "name": "Công văn",
                "direction": "outgoing",
                "doc_type": "Công văn",
                "steps": "lanh_dao_co_quan",
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        process = Process.objects.get()
        self.assertEqual(
            (process.agency, process.approval_roles), (self.agency_b, ["lanh_dao_co_quan"])
        )
