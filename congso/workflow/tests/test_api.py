import datetime
from typing import Any

import time_machine

from congso.archive.tests.factories import make_document
from congso.org import services as org_services
from congso.org.models import User
from congso.workflow.tests.factories import WorkflowTestCase


class WorkflowApiTests(WorkflowTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.agency_a.symbol = "SNV"
        cls.agency_a.save(update_fields=["symbol"])

    def call(self, user: User, path: str, body: dict[str, Any] | None = None) -> Any:
        _token, key = org_services.create_api_token(user=user, name="thử")
        headers = {"authorization": f"Bearer {key}"}
        url = f"/api/v1/{path}"
        if body is None:
            return self.client.get(url, headers=headers)
        return self.client.post(url, body, content_type="application/json", headers=headers)

    @time_machine.travel(datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC))
    def test_the_whole_path_from_incoming_to_the_issued_reply(self) -> None:
        scan = make_document(self.agency_a, number_symbol="88/UBND-VP", issuer="UBND tỉnh")
        response = self.call(self.an, "incoming", {"document": str(scan.uuid), "abstract": "V/v X"})
        self.assertEqual(response.status_code, 201, response.content)
        incoming = response.json()
        self.assertEqual((incoming["number"], incoming["sender"]), (1, "UBND tỉnh"))
        path = f"incoming/{incoming['uuid']}"
        response = self.call(
            self.giang, f"{path}/assign", {"lead_unit": self.unit_a.pk, "note": "Xử lý"}
        )
        self.assertEqual(response.json()["state"], "in_progress")
        lead = response.json()["assignments"][0]["id"]
        response = self.call(
            self.binh, f"{path}/assignments/{lead}/reassign", {"user": self.cuong.pk}
        )
        self.assertEqual(response.status_code, 200, response.content)

        draft_file = make_document(self.agency_a)
        response = self.call(
            self.cuong,
            "outgoing",
            {
                "doc_type": "Công văn",
                "abstract": "V/v trả lời",
                "document": str(draft_file.uuid),
                "reply_to": incoming["uuid"],
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        outgoing = f"outgoing/{response.json()['uuid']}"
        for user, action in [
            (self.cuong, "submit"),
            (self.binh, "approve"),
            (self.giang, "approve"),
            (self.giang, "sign"),
        ]:
            response = self.call(user, f"{outgoing}/{action}", {"text": ""})
            self.assertEqual(response.status_code, 200, (action, response.content))
        response = self.call(self.an, f"{outgoing}/issue", {"units": [self.unit_a.pk]})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["number_symbol"], "01/SNV")
        self.assertEqual(response.json()["state"], "issued")

    def test_roles_are_enforced_and_other_agencies_see_nothing(self) -> None:
        scan = make_document(self.agency_a)
        response = self.call(
            self.cuong,
            "incoming",
            {"document": str(scan.uuid), "abstract": "X", "sender": "Sở Y tế"},
        )
        self.assertEqual(response.status_code, 403)
        response = self.call(
            self.an, "incoming", {"document": str(scan.uuid), "abstract": "X", "sender": "Sở Y tế"}
        )
        path = f"incoming/{response.json()['uuid']}"
        self.assertEqual(self.call(self.chi, path).status_code, 404)
        self.assertEqual(
            self.call(self.chi, f"{path}/assign", {"lead_unit": self.unit_b.pk}).status_code, 404
        )
        self.assertEqual(self.call(self.chi, "incoming").json()["count"], 0)
        response = self.call(self.giang, f"{path}/assign", {"note": "thiếu chủ trì"})
        self.assertEqual(response.status_code, 422)
