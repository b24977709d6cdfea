"""Fields read from documents: storing, corrections, suggestions and citations."""

import datetime
import json

from django.urls import reverse

from congso.archive import services
from congso.archive.models import Citation, Document
from congso.archive.reading import read_text
from congso.archive.tests.factories import SAMPLE_LETTER, make_read_document, make_rule
from congso.core.models import AuditEntry
from congso.org import services as org_services
from congso.org.testing import BaseTestCase

DECISION_749 = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 749/QĐ-TTg
Hà Nội, ngày 03 tháng 6 năm 2020
QUYẾT ĐỊNH
Phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Điều 1. Phê duyệt Chương trình.
THỦ TƯỚNG
Nguyễn Xuân Phúc
"""

REPLACING_LETTER = SAMPLE_LETTER.replace("Số: 1234/SNV-VP", "Số: 1300/SNV-VP").replace(
    "Sở Nội vụ đề nghị các đơn vị triển khai các nội dung sau.",
    "Công văn này thay thế Công văn số 1234/SNV-VP ngày 05 tháng 3 năm 2025 của Sở Nội vụ.",
)


class StoreReadingTests(BaseTestCase):
    def test_reading_fills_the_fields_with_their_confidence_and_audits(self) -> None:
        document = make_read_document(self.agency_a)
        self.assertEqual(document.doc_type, "Công văn")
        self.assertEqual(document.number_symbol, "1234/SNV-VP")
        self.assertEqual(document.issued_date, datetime.date(2025, 3, 5))
        self.assertEqual(document.recipients, ["Như trên", "Giám đốc Sở"])
        self.assertEqual(document.reading["addressees"], ["Các phòng, đơn vị thuộc Sở"])
        self.assertGreater(document.field_confidence["number_symbol"], 0.9)
        entry = AuditEntry.objects.filter(verb="read_fields", target_id=str(document.pk)).get()
        self.assertEqual((entry.after or {})["number_symbol"], "1234/SNV-VP")

    def test_reading_again_keeps_what_a_person_corrected(self) -> None:
        document = make_read_document(self.agency_a)
        services.correct_fields(document=document, values={"signer": "Trần Văn Bính"}, by=self.an)
        services.reread_document(document=document, by=self.an)
        document.refresh_from_db()
        self.assertEqual(document.signer, "Trần Văn Bính")
        self.assertEqual(document.field_confidence["signer"], 1.0)
        self.assertEqual(document.abstract, "triển khai Kế hoạch chuyển đổi số năm 2025")


class CorrectionTests(BaseTestCase):
    def test_a_correction_is_saved_marked_and_audited_with_before_and_after(self) -> None:
        document = make_read_document(self.agency_a)
        changed = services.correct_fields(
            document=document,
            values={"number_symbol": "1234/SNV-VP", "place": "Thủ Dầu Một"},
            by=self.an,
        )
        self.assertEqual(changed, ["place"])
        document.refresh_from_db()
        self.assertEqual(document.fields_corrected, ["place"])
        self.assertEqual(document.fields_checked_by, self.an)
        entry = AuditEntry.objects.get(verb="correct_fields", target_id=str(document.pk))
        self.assertEqual(
            (entry.before, entry.after), ({"place": "Bình Dương"}, {"place": "Thủ Dầu Một"})
        )

    def test_checking_without_changes_is_audited_too(self) -> None:
        document = make_read_document(self.agency_a)
        self.assertEqual(services.correct_fields(document=document, values={}, by=self.an), [])
        self.assertTrue(AuditEntry.objects.filter(verb="check_fields").exists())
        self.assertFalse(Document.objects.fields_to_check().filter(pk=document.pk).exists())

    def test_the_form_corrects_with_the_keyboard_flow_and_opens_the_next_document(self) -> None:
        first = make_read_document(self.agency_a)
        second = make_read_document(self.agency_a, text=DECISION_749)
        self.client.force_login(self.an)
        url = reverse("archive:document-fields", args=[first.uuid])
        page = self.client.get(url)
        self.assertContains(page, "autofocus")
        self.assertContains(page, "Trần Văn Bình")
        data = {name: value for name, value in page.context["form"].initial.items() if value}
        data |= {"issued_date": "06/03/2025", "signer": "Trần Văn Bính", "next": "1"}
        response = self.client.post(url, data)
        self.assertRedirects(response, reverse("archive:check-next"), fetch_redirect_response=False)
        self.assertRedirects(
            self.client.get(reverse("archive:check-next")),
            reverse("archive:document-fields", args=[second.uuid]),
        )
        first.refresh_from_db()
        self.assertEqual(first.issued_date, datetime.date(2025, 3, 6))
        self.assertEqual(sorted(first.fields_corrected), ["issued_date", "signer"])

    def test_a_bad_value_is_refused_with_a_vietnamese_reason(self) -> None:
        document = make_read_document(self.agency_a)
        self.client.force_login(self.an)
        url = reverse("archive:document-fields", args=[document.uuid])
        response = self.client.post(url, {"issued_date": "31/02/2025", "retention_years": "1"})
        self.assertContains(response, "Thời hạn bảo quản là vĩnh viễn (0) hoặc từ 2 đến 70 năm.")
        self.assertContains(response, "Nhập một ngày hợp lệ")
        document.refresh_from_db()
        self.assertEqual(document.fields_corrected, [])

    def test_another_agency_cannot_correct(self) -> None:
        document = make_read_document(self.agency_a)
        self.client.force_login(self.chi)
        url = reverse("archive:document-fields", args=[document.uuid])
        self.assertEqual(self.client.post(url, {"signer": "X Y"}).status_code, 404)


class SuggestionTests(BaseTestCase):
    def test_rules_suggest_field_of_work_and_retention_until_a_person_decides(self) -> None:
        make_rule(self.agency_a, order=1, issuer_contains="sở nội vu", field_of_work="Nội vụ")
        make_rule(self.agency_a, order=2, doc_type="Công văn", retention_years=10)
        make_rule(self.agency_b, doc_type="Công văn", field_of_work="Của cơ quan khác")
        document = make_read_document(self.agency_a)
        self.assertEqual((document.field_of_work, document.retention_years), ("Nội vụ", 10))
        self.assertEqual(document.field_confidence["field_of_work"], services.fields.SUGGESTED)
        self.assertEqual(document.retention_label, "10 năm")

    def test_changed_rules_apply_to_documents_nobody_checked(self) -> None:
        document = make_read_document(self.agency_a)
        checked = make_read_document(self.agency_a, text=DECISION_749)
        services.correct_fields(document=checked, values={}, by=self.an)
        make_rule(self.agency_a, doc_type="", retention_years=0)
        self.assertEqual(services.apply_rules(agency_id=self.agency_a.pk, by=self.binh), 1)
        document.refresh_from_db()
        checked.refresh_from_db()
        self.assertEqual(document.retention_label, "Vĩnh viễn")
        self.assertIsNone(checked.retention_years)

    def test_clerks_keep_rules_and_specialists_may_not(self) -> None:
        self.client.force_login(self.an)  # văn thư
        response = self.client.post(
            reverse("archive:rule-list"), {"order": 1, "doc_type": "Tờ trình", "retention_years": 5}
        )
        self.assertRedirects(response, reverse("archive:rule-list"))
        self.assertTrue(AuditEntry.objects.filter(verb="create_rule").exists())
        self.client.force_login(self.binh)  # lãnh đạo phòng
        self.assertEqual(self.client.get(reverse("archive:rule-list")).status_code, 403)

    def test_a_rule_must_suggest_something(self) -> None:
        self.client.force_login(self.an)
        response = self.client.post(
            reverse("archive:rule-list"), {"order": 1, "doc_type": "Tờ trình"}
        )
        self.assertContains(response, "Quy tắc cần gợi ý ít nhất một điều")


class CitationLinkTests(BaseTestCase):
    def test_citations_link_to_documents_captured_before_or_after(self) -> None:
        letter = make_read_document(self.agency_a)
        cited = {c.number_symbol: c for c in letter.citations.all()}
        self.assertIsNone(cited["749/QĐ-TTg"].target)
        decision = make_read_document(self.agency_a, text=DECISION_749)
        cited["749/QĐ-TTg"].refresh_from_db()
        self.assertEqual(cited["749/QĐ-TTg"].target, decision)
        self.assertEqual(list(decision.cited_by.values_list("document", flat=True)), [letter.pk])

    def test_a_document_of_another_agency_is_never_linked(self) -> None:
        make_read_document(self.agency_b, text=DECISION_749)
        letter = make_read_document(self.agency_a)
        self.assertFalse(letter.citations.filter(target__isnull=False).exists())

    def test_a_law_cited_by_name_links_to_the_law(self) -> None:
        law = "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 20/2023/QH15\nLUẬT\n"
        law += "GIAO DỊCH ĐIỆN TỬ\nCăn cứ Hiến pháp;\nĐiều 1. Phạm vi.\n"
        law += "Luật này được Quốc hội thông qua ngày 22 tháng 6 năm 2023.\n"
        statute = make_read_document(self.agency_a, text=law)
        letter = make_read_document(self.agency_a)
        self.assertEqual(letter.citations.get(title="Giao dịch điện tử").target, statute)

    def test_a_replaced_document_is_marked_and_correcting_the_number_relinks(self) -> None:
        old = make_read_document(self.agency_a)
        new = make_read_document(self.agency_a, text=REPLACING_LETTER)
        marks = services.citation_marks(old)
        self.assertEqual([(m.document, m.relation) for m in marks], [(new, "replaces")])
        self.client.force_login(self.an)
        self.assertContains(self.client.get(old.get_absolute_url()), "Đã bị thay thế bởi")
        services.correct_fields(document=old, values={"number_symbol": "1235/SNV-VP"}, by=self.an)
        self.assertEqual(services.citation_marks(old), [])

    def test_the_clerk_sees_what_is_cited_but_missing(self) -> None:
        make_read_document(self.agency_a)
        self.client.force_login(self.an)
        response = self.client.get(reverse("archive:citations-unresolved"))
        self.assertContains(response, "Quyết định 749/QĐ-TTg")
        self.assertContains(response, "Luật Giao dịch điện tử")
        self.client.force_login(self.chi)
        response = self.client.get(reverse("archive:citations-unresolved"))
        self.assertNotContains(response, "749/QĐ-TTg")


class FieldsApiTests(BaseTestCase):
    def setUp(self) -> None:
        self.document = make_read_document(self.agency_a)
        self.key = org_services.create_api_token(user=self.an, name="thử")[1]
        self.url = reverse("api:get_document", args=[self.document.uuid])

    def api(self, method: str, url: str, body: object | None = None) -> object:
        return getattr(self.client, method)(
            url,
            json.dumps(body) if body is not None else None,
            content_type="application/json",
            headers={"authorization": f"Bearer {self.key}"},
        )

    def test_the_document_carries_its_fields_under_stable_keys(self) -> None:
        fields = self.api("get", self.url).json()["fields"]  # type: ignore[attr-defined]
        self.assertEqual(fields["number_symbol"], "1234/SNV-VP")
        self.assertEqual(fields["number"], "1234")
        self.assertEqual(fields["issued_date"], "2025-03-05")
        self.assertEqual(fields["recipients"], ["Như trên", "Giám đốc Sở"])
        reference = fields["references"][0]
        self.assertEqual(
            {k: reference[k] for k in ("doc_type", "number_symbol", "issued_date", "issuer")},
            {
                "doc_type": "Quyết định",
                "number_symbol": "749/QĐ-TTg",
                "issued_date": "2020-06-03",
                "issuer": "Thủ tướng Chính phủ",
            },
        )
        self.assertIn("number_symbol", fields["confidence"])

    def test_fields_are_corrected_through_the_api_and_audited(self) -> None:
        url = reverse("api:update_fields", args=[self.document.uuid])
        response = self.api("patch", url, {"signer": "Trần Văn Bính", "secrecy": "mat"})
        self.assertEqual(response.status_code, 200)  # type: ignore[attr-defined]
        self.assertEqual(response.json()["corrected"], ["secrecy", "signer"])  # type: ignore[attr-defined]
        self.assertEqual(response.json()["abstract"], self.document.abstract)  # type: ignore[attr-defined]
        self.assertTrue(AuditEntry.objects.filter(verb="correct_fields").exists())
        bad = self.api("patch", url, {"issued_date": "2025-02-30"})
        self.assertEqual(bad.status_code, 422)  # type: ignore[attr-defined]

    def test_unresolved_citations_are_listed(self) -> None:
        response = self.api("get", reverse("api:list_unresolved_citations"))
        items = response.json()["items"]  # type: ignore[attr-defined]
        self.assertIn("749/QĐ-TTg", [item["number_symbol"] for item in items])
        self.assertEqual(items[0]["cited_in"], [str(self.document.uuid)])


class DocumentPageTests(BaseTestCase):
    def test_the_page_shows_fields_articles_addressees_and_citations(self) -> None:
        letter = make_read_document(self.agency_a)
        decision = make_read_document(self.agency_a, text=DECISION_749)
        self.client.force_login(self.an)
        page = self.client.get(decision.get_absolute_url())
        self.assertContains(page, "Phê duyệt")
        self.assertContains(page, "1 điều")
        self.assertContains(page, letter.get_absolute_url())  # cited by the letter
        page = self.client.get(letter.get_absolute_url())
        self.assertContains(page, "Các phòng, đơn vị thuộc Sở")  # Kính gửi
        self.assertContains(page, decision.get_absolute_url())


class ReadTextRoundTripTests(BaseTestCase):
    def test_the_sample_letter_reads_the_same_through_the_model(self) -> None:
        document = make_read_document(self.agency_a)
        found = read_text(SAMPLE_LETTER)
        self.assertEqual(document.signer, found.signer)
        self.assertEqual(Citation.objects.filter(document=document).count(), len(found.references))
