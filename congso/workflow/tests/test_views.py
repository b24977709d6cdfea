from django.core.files.uploadedfile import SimpleUploadedFile

from congso.archive.tests.factories import make_document
from congso.workflow import services
from congso.workflow.models import Assignment, IncomingDocument, OutgoingDocument
from congso.workflow.tests.factories import WorkflowTestCase


class IncomingPagesTests(WorkflowTestCase):
    def register(self) -> IncomingDocument:
        return services.register_incoming(
            by=self.an,
            document=make_document(self.agency_a),
            values={"sender": "Sở Y tế", "abstract": "V/v phòng dịch", "doc_type": "Công văn"},
        )

    def test_the_clerk_registers_an_uploaded_letter_and_lands_on_its_page(self) -> None:
        self.client.force_login(self.an)
        letter = SimpleUploadedFile("cong-van.txt", "Kính gửi Sở Nội vụ".encode())
        response = self.client.post(
            "/van-ban/den/vao-so/",
            {"sender": "Sở Y tế", "abstract": "V/v phòng dịch", "upload": letter},
        )
        item = IncomingDocument.objects.get()
        self.assertRedirects(response, item.get_absolute_url())
        self.assertEqual((item.number, item.document.original_name), (1, "cong-van.txt"))

    def test_the_form_is_prefilled_from_the_reading_of_an_archived_document(self) -> None:
        document = make_document(self.agency_a, number_symbol="45/QĐ-UBND", issuer="UBND tỉnh")
        self.client.force_login(self.an)
        response = self.client.get(f"/van-ban/den/vao-so/?tai-lieu={document.uuid}")
        self.assertContains(response, 'value="45/QĐ-UBND"')
        self.assertContains(response, 'value="UBND tỉnh"')

    def test_a_specialist_is_refused_registration(self) -> None:
        self.client.force_login(self.cuong)
        document = make_document(self.agency_a)
        response = self.client.post(
            f"/van-ban/den/vao-so/?tai-lieu={document.uuid}",
            {"sender": "Sở Y tế", "abstract": "V/v X"},
        )
        self.assertEqual(response.status_code, 403)

    def test_the_leader_directs_from_the_page_and_an_informed_unit_marks_it_seen(self) -> None:
        item = self.register()
        self.client.force_login(self.giang)
        page = self.client.get(item.get_absolute_url())
        self.assertContains(page, "Phân công xử lý")
        response = self.client.post(
            f"{item.get_absolute_url()}thao-tac/",
            {
                "action": "direct",
                "lead_user": self.cuong.pk,
                "informed": [self.unit_a.pk],
                "note": "Cường xử lý",
            },
        )
        self.assertRedirects(response, item.get_absolute_url())
        informed = Assignment.objects.get(role=Assignment.Role.INFORM)
        self.client.force_login(self.binh)  # head of the informed unit
        self.client.post(
            f"{item.get_absolute_url()}thao-tac/",
            {"action": "finish", "assignment": informed.pk, "reason": ""},
        )
        informed.refresh_from_db()
        self.assertEqual(informed.state, Assignment.State.DONE)

    def test_a_refused_action_is_explained_on_the_page(self) -> None:
        item = self.register()
        self.client.force_login(self.giang)
        response = self.client.post(
            f"{item.get_absolute_url()}thao-tac/", {"action": "direct", "note": "?"}, follow=True
        )
        self.assertContains(response, "Chọn đơn vị hoặc người chủ trì.")
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.REGISTERED)


class OutgoingPagesTests(WorkflowTestCase):
    def test_a_draft_goes_from_the_form_through_approval_to_issue(self) -> None:
        self.client.force_login(self.cuong)
        draft = SimpleUploadedFile("du-thao.txt", "Dự thảo công văn".encode())
        self.client.post(
            "/van-ban/di/du-thao/",
            {"doc_type": "Công văn", "abstract": "V/v báo cáo", "upload": draft},
        )
        item = OutgoingDocument.objects.get()
        action = f"{item.get_absolute_url()}thao-tac/"
        self.client.post(action, {"action": "submit"})
        for person in (self.binh, self.giang):
            self.client.force_login(person)
            self.client.post(action, {"action": "approve", "comment": "Đồng ý"})
        self.client.post(action, {"action": "sign"})
        self.client.force_login(self.an)
        page = self.client.get(item.get_absolute_url())
        self.assertContains(page, "Cấp số và phát hành")
        self.client.post(action, {"action": "issue", "units": [self.unit_a.pk], "copies": 2})
        item.refresh_from_db()
        self.assertEqual((item.state, item.number, item.copies), ("issued", 1, 2))

    def test_the_reply_form_starts_from_the_incoming_document(self) -> None:
        incoming = services.register_incoming(
            by=self.an,
            document=make_document(self.agency_a),
            values={"sender": "Sở Y tế", "abstract": "V/v X", "number_symbol": "12/SYT-VP"},
        )
        self.client.force_login(self.cuong)
        response = self.client.get(f"/van-ban/di/du-thao/?tra-loi={incoming.uuid}")
        self.assertContains(response, "12/SYT-VP")
        self.client.force_login(self.chi)
        response = self.client.get(f"/van-ban/di/du-thao/?tra-loi={incoming.uuid}")
        self.assertEqual(response.status_code, 404)
