"""Records: the year's file plan, dossiers opened from it and outside it, documents filed
in order, closing, handing over to the agency archive; each step audited, and only the
moves the decree allows."""

import datetime
import hashlib
import io
import json
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from congso.archive import metadata, search, services, storage
from congso.archive.forms import FieldsForm
from congso.archive.models import Disposal, Document, Dossier, Handover, Heading
from congso.archive.tests.factories import make_document
from congso.core.models import AuditEntry
from congso.org.models import Agency, Role
from congso.org.testing import BaseTestCase, make_staff


def described(agency: Agency, number: int, when: datetime.date, **fields: Any) -> Document:
    """A document with the metadata a dossier needs to be closed."""
    return make_document(
        agency,
        content=f"Báo cáo số {number}".encode(),
        doc_type="Báo cáo",
        number_symbol=f"{number}/BC-SNV",
        issuer="Sở Nội vụ",
        abstract=f"Tổng kết số {number}",
        issued_date=when,
        **fields,
    )


class RecordsTests(BaseTestCase):
    def setUp(self) -> None:
        self.plan = services.create_file_plan(unit=self.unit_a, year=2026, by=self.binh)
        self.staff = services.add_heading(
            plan=self.plan, title="Tổ chức, cán bộ", abbreviation="tccb", by=self.binh
        )
        self.general = services.add_heading(
            plan=self.plan, title="Tổng hợp", abbreviation="TH", by=self.binh
        )

    def planned(self, title: str = "Hồ sơ tuyển dụng công chức năm 2026") -> Dossier:
        return services.plan_dossier(
            heading=self.staff, title=title, retention_years=20, by=self.binh
        )

    def test_the_plan_numbers_headings_and_dossiers_as_the_decree_shows(self) -> None:
        first = self.planned()
        second = services.plan_dossier(
            heading=self.general, title="Báo cáo tổng kết", retention_years=0, by=self.binh
        )
        self.assertEqual(str(self.staff), "I. Tổ chức, cán bộ")
        self.assertEqual(str(self.general), "II. Tổng hợp")
        self.assertEqual((first.notation, second.notation), ("01.TCCB", "02.TH"))
        self.assertEqual(first.file_code, f"{self.agency_a.code}.2026.01.TCCB")
        self.assertEqual(second.retention_label, "Vĩnh viễn")
        self.assertEqual(first.state, Dossier.State.PLANNED)

    def test_a_dossier_is_opened_filled_in_order_closed_and_handed_over(self) -> None:
        dossier = services.open_dossier(dossier=self.planned(), by=self.an)
        self.assertEqual(dossier.creator, self.an)
        older = described(self.agency_a, 1, datetime.date(2026, 3, 2))
        newer = described(self.agency_a, 2, datetime.date(2026, 9, 30))
        services.file_document(dossier=dossier, document=newer, by=self.an)
        services.file_document(dossier=dossier, document=older, by=self.an)
        self.assertEqual([f.document for f in dossier.filings.all()], [newer, older])
        services.close_dossier(dossier=dossier, by=self.an)
        dossier.refresh_from_db()
        self.assertEqual(
            (dossier.start_date, dossier.end_date),
            (datetime.date(2026, 3, 2), datetime.date(2026, 9, 30)),
        )
        handover = services.hand_over(dossiers=[dossier], by=self.an)
        self.assertEqual((handover.number, handover.dossier_count, handover.file_count), (1, 1, 2))
        dossier.refresh_from_db()
        self.assertEqual((dossier.state, dossier.handover), (Dossier.State.TRANSFERRED, handover))
        self.assertEqual(dossier.fonds.name, f"Phông {self.agency_a.name}")  # type: ignore[union-attr]
        verbs = set(AuditEntry.objects.values_list("verb", flat=True))
        for verb in (
            "plan_dossier",
            "dossier_open",
            "file_document",
            "dossier_closed",
            "hand_over",
        ):
            self.assertIn(verb, verbs)

    def test_only_the_allowed_moves_are_made(self) -> None:
        dossier = self.planned()
        document = make_document(self.agency_a)
        with self.assertRaisesMessage(ValidationError, "hồ sơ đang lập"):
            services.file_document(dossier=dossier, document=document, by=self.an)
        with self.assertRaisesMessage(ValidationError, "không chuyển được"):
            services.hand_over(dossiers=[dossier], by=self.an)
        services.open_dossier(dossier=dossier, by=self.an)
        with self.assertRaisesMessage(ValidationError, "chưa có văn bản"):
            services.close_dossier(dossier=dossier, by=self.an)
        services.file_document(dossier=dossier, document=document, by=self.an)
        with self.assertRaisesMessage(ValidationError, "thiếu: Tên loại văn bản, Số của văn bản"):
            services.close_dossier(dossier=dossier, by=self.an)  # Điều 29: metadata first
        self.assertFalse(Handover.objects.exists())

    def test_a_document_goes_in_one_dossier_of_its_own_agency(self) -> None:
        dossier = services.open_dossier(dossier=self.planned(), by=self.an)
        other = services.open_dossier(dossier=self.planned("Hồ sơ khác"), by=self.an)
        document = make_document(self.agency_a)
        services.file_document(dossier=dossier, document=document, by=self.an)
        with self.assertRaisesMessage(ValidationError, "đã được lưu vào một hồ sơ"):
            services.file_document(dossier=other, document=document, by=self.an)
        foreign = make_document(self.agency_b)
        with self.assertRaisesMessage(ValidationError, "hai cơ quan khác nhau"):
            services.file_document(dossier=dossier, document=foreign, by=self.an)

    def test_a_dossier_outside_the_plan_gets_its_own_symbol_and_retention(self) -> None:
        dossier = services.open_unplanned_dossier(
            unit=self.unit_a,
            notation="05.KH",
            title="Kế hoạch đột xuất",
            retention_years=10,
            by=self.an,
        )
        self.assertEqual((dossier.state, dossier.plan), (Dossier.State.OPEN, None))
        with self.assertRaisesMessage(ValidationError, "đã có hồ sơ số 05.KH"):
            services.open_unplanned_dossier(
                unit=self.unit_a, notation="05.KH", title="Trùng", retention_years=10, by=self.an
            )
        with self.assertRaises(ValidationError):
            services.open_unplanned_dossier(
                unit=self.unit_a, notation="06.KH", title="Sai", retention_years=1, by=self.an
            )

    def test_another_agency_sees_none_of_the_dossiers(self) -> None:
        self.planned()
        self.assertEqual(Dossier.objects.visible_to(self.chi).count(), 0)
        self.assertEqual(Dossier.objects.visible_to(self.an).count(), 1)


class RecordsPageTests(BaseTestCase):
    def test_a_clerk_builds_the_plan_files_a_document_closes_and_hands_over(self) -> None:
        self.client.force_login(self.an)
        url = reverse("archive:file-plan")
        where = {"unit": self.unit_a.pk, "year": 2026}
        page = self.client.get(url, where)
        self.assertContains(page, "Lập danh mục hồ sơ")
        query = f"{url}?unit={self.unit_a.pk}&year=2026"
        self.client.post(query, {"action": "create_plan"})
        self.client.post(
            query,
            {"action": "add_heading", "heading-title": "Tổng hợp", "heading-abbreviation": "th"},
        )
        heading = Heading.objects.get()
        self.client.post(
            query,
            {
                "action": "plan_dossier",
                "planned-heading": heading.pk,
                "planned-title": "Báo cáo năm",
                "planned-retention_years": "0",
            },
        )
        page = self.client.get(url, where)
        self.assertContains(page, "I. Tổng hợp")
        self.assertContains(page, "01.TH")
        dossier = Dossier.objects.get()
        action = reverse("archive:dossier-action", args=[dossier.pk])
        self.client.post(action, {"action": "open"})
        document = described(self.agency_a, 12, datetime.date(2026, 6, 1))
        self.client.post(
            reverse("archive:file-document", args=[document.uuid]), {"dossier": dossier.pk}
        )
        shown = self.client.get(dossier.get_absolute_url())
        self.assertContains(shown, "12/BC-SNV")
        self.assertContains(shown, f"{self.agency_a.code}.2026.01.TH")
        self.assertContains(self.client.get(document.get_absolute_url()), "Văn bản số 1 của hồ sơ")
        self.client.post(action, {"action": "close"})
        done = self.client.post(action, {"action": "hand_over"}, follow=True)
        self.assertContains(done, "biên bản giao nhận số 1")
        dossier.refresh_from_db()
        self.assertEqual(dossier.state, Dossier.State.TRANSFERRED)
        outside = {
            "action": "open_unplanned",
            "unplanned-notation": "05.KH",
            "unplanned-title": "Kế hoạch đột xuất",
            "unplanned-retention_years": "10",
        }
        opened = self.client.post(query, outside, follow=True)
        self.assertContains(opened, "Đã mở hồ sơ 05.KH.")

    def test_a_refused_move_says_why(self) -> None:
        self.client.force_login(self.an)
        plan = services.create_file_plan(unit=self.unit_a, year=2026, by=self.binh)
        heading = services.add_heading(plan=plan, title="Tổng hợp", abbreviation="TH", by=self.binh)
        dossier = services.plan_dossier(
            heading=heading, title="Báo cáo", retention_years=5, by=self.an
        )
        refused = self.client.post(
            reverse("archive:dossier-action", args=[dossier.pk]),
            {"action": "hand_over"},
            follow=True,
        )
        self.assertContains(refused, "không chuyển được sang «Đã nộp lưu»")


class PackageTests(BaseTestCase):
    def setUp(self) -> None:
        plan = services.create_file_plan(unit=self.unit_a, year=2026, by=self.binh)
        heading = services.add_heading(plan=plan, title="Tổng hợp", abbreviation="TH", by=self.binh)
        self.dossier = services.open_dossier(
            dossier=services.plan_dossier(
                heading=heading, title="Báo cáo năm 2026", retention_years=0, by=self.an
            ),
            by=self.an,
        )
        for number, when in ((12, datetime.date(2026, 3, 2)), (7, datetime.date(2026, 5, 9))):
            document = described(
                self.agency_a, number, when, text=f"Nội dung báo cáo tổng kết số {number}"
            )
            services.file_document(dossier=self.dossier, document=document, by=self.an)
        services.close_dossier(dossier=self.dossier, by=self.an)

    @staticmethod
    def contents(package: bytes) -> tuple[dict[str, object], list[str]]:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            metadata = json.loads(archive.read("metadata/dossiers.json"))["dossiers"][0]
            digests = sorted(
                hashlib.sha256(archive.read(n)).hexdigest()
                for n in archive.namelist()
                if n.startswith(("originals/", "pdfa/"))
            )
        return metadata, digests

    def test_an_exported_dossier_imports_to_the_same_dossier_documents_and_files(self) -> None:
        package = services.export_dossiers([self.dossier])
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            names = archive.namelist()
            xml = archive.read("metadata/dossiers.xml").decode()
        self.assertIn("manifest-sha256.txt", names)
        self.assertIn(f"originals/2026.01.TH/{self.agency_a.code}_BC_000001_V1_", " ".join(names))
        self.assertIn("<FileNotation>01.TH</FileNotation>", xml)
        [imported] = services.import_dossiers(package=package, unit=self.unit_b, by=self.chi)
        self.assertEqual(imported.agency_id, self.agency_b.pk)
        again = services.export_dossiers([imported])
        (before, files_before), (after, files_after) = self.contents(package), self.contents(again)
        self.assertEqual(files_after, files_before)  # every file, byte for byte
        for described_ in (before, after):  # what names the agency differs, nothing else
            described_["dossier"].pop("FileCode")  # type: ignore[attr-defined]
            described_["dossier"].pop("OrganId")  # type: ignore[attr-defined]
            for entry in described_["documents"]:  # type: ignore[attr-defined]
                for key in ("DocCode", "original", "pdfa"):
                    entry.pop(key)
        self.assertEqual(after, before)
        self.assertEqual(
            search.search(
                within=Document.objects.filter(agency=self.agency_b), text="tong ket"
            ).total,
            2,
        )

    def test_a_changed_file_or_a_second_import_is_refused(self) -> None:
        package = services.export_dossiers([self.dossier])
        with self.assertRaisesMessage(ValidationError, "đã có hồ sơ 01.TH"):
            services.import_dossiers(package=package, unit=self.unit_a, by=self.an)
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(buffer, "w") as copy:
            for name in source.namelist():
                data = source.read(name)
                copy.writestr(name, b"altered" if name.startswith("originals/") else data)
        with self.assertRaisesMessage(ValidationError, "đã bị thay đổi"):
            services.import_dossiers(package=buffer.getvalue(), unit=self.unit_b, by=self.chi)
        self.assertFalse(Dossier.objects.filter(agency=self.agency_b).exists())

    def test_the_package_downloads_from_the_dossier_page(self) -> None:
        self.client.force_login(self.an)
        response = self.client.get(reverse("archive:dossier-export", args=[self.dossier.pk]))
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(response.content)))

    def test_a_selection_of_dossiers_goes_in_one_package_and_comes_back(self) -> None:
        other = services.open_unplanned_dossier(
            unit=self.unit_a, notation="09.KH", title="Kế hoạch", retention_years=10, by=self.an
        )
        self.client.force_login(self.an)
        response = self.client.get(
            reverse("archive:dossiers-export"), {"dossiers": [str(self.dossier.pk), str(other.pk)]}
        )
        imported = services.import_dossiers(package=response.content, unit=self.unit_b, by=self.chi)
        self.assertEqual(sorted(d.notation for d in imported), ["01.TH", "09.KH"])
        self.client.force_login(self.chi)  # another agency's dossiers are not exported
        refused = self.client.get(reverse("archive:dossiers-export"), {"dossiers": [str(other.pk)]})
        self.assertEqual(refused.status_code, 404)


class DisposalTests(BaseTestCase):
    def setUp(self) -> None:
        self.lan = make_staff(
            "lan", "Hoàng Thị Lan", self.agency_a, self.unit_a, roles=[Role.Code.LEADER]
        )
        self.old = services.open_unplanned_dossier(
            unit=self.unit_a,
            notation="03.TH",
            title="Giấy mời hội nghị",
            retention_years=5,
            by=self.an,
        )
        self.document = described(self.agency_a, 3, datetime.date(2015, 4, 1))
        services.file_document(dossier=self.old, document=self.document, by=self.an)
        services.close_dossier(dossier=self.old, by=self.an)  # work ended in 2015: due in 2021
        self.kept = services.open_unplanned_dossier(
            unit=self.unit_a, notation="04.TH", title="Báo cáo", retention_years=0, by=self.an
        )

    def test_only_dossiers_whose_retention_has_ended_are_due(self) -> None:
        due = Dossier.objects.due_for_review(datetime.date(2026, 12, 4))
        self.assertEqual(list(due), [self.old])
        self.assertEqual(list(Dossier.objects.due_for_review(datetime.date(2020, 1, 1))), [])

    def test_an_approved_disposal_destroys_the_files_and_keeps_the_record(self) -> None:
        disposal = services.propose_disposal(dossiers=[self.old], reason="Hết hạn", by=self.an)
        original = storage.absolute(self.document.original.name)
        with self.captureOnCommitCallbacks(execute=True):
            services.decide_disposal(disposal=disposal, approve=True, note="Đồng ý", by=self.lan)
        self.old.refresh_from_db()
        self.assertEqual(self.old.state, Dossier.State.DESTROYED)
        self.assertFalse(original.exists())
        self.assertFalse(Document.objects.visible_to(self.an).filter(pk=self.document.pk).exists())
        self.assertTrue(Document.objects.filter(pk=self.document.pk).exists())  # on record
        self.assertTrue(services.check_integrity().ok)  # destroyed files are not missing
        self.assertTrue(AuditEntry.objects.filter(verb="approve_disposal").exists())

    def test_a_rejected_disposal_frees_the_dossiers_and_deletes_nothing(self) -> None:
        disposal = services.propose_disposal(dossiers=[self.old], reason="Hết hạn", by=self.an)
        services.decide_disposal(disposal=disposal, approve=False, note="Giữ lại", by=self.lan)
        self.old.refresh_from_db()
        self.assertEqual((self.old.state, self.old.disposal), (Dossier.State.CLOSED, None))
        self.assertTrue(storage.absolute(self.document.original.name).exists())
        with self.assertRaisesMessage(ValidationError, "hết thời hạn"):
            services.propose_disposal(dossiers=[self.kept], reason="Nhầm", by=self.an)

    def test_the_page_lists_what_is_due_and_only_leaders_decide(self) -> None:
        self.client.force_login(self.an)
        page = self.client.get(reverse("archive:disposals"))
        self.assertContains(page, self.old.file_code)
        self.client.post(
            reverse("archive:disposals"), {"dossiers": [self.old.pk], "reason": "Hết hạn"}
        )
        disposal = Disposal.objects.get()
        decide = reverse("archive:disposal-decide", args=[disposal.pk])
        self.assertEqual(self.client.post(decide, {"decision": "approve"}).status_code, 403)
        self.client.force_login(self.lan)
        self.client.post(decide, {"decision": "approve", "note": "Đồng ý"})
        disposal.refresh_from_db()
        self.assertEqual(disposal.state, Disposal.State.APPROVED)


class MetadataTests(BaseTestCase):
    def test_fields_longer_than_the_standard_allows_are_refused_on_entry(self) -> None:
        document = make_document(self.agency_a)
        form = FieldsForm(
            {"number_symbol": "123456789012/QĐ-UBND", "abstract": "x" * 501}, document=document
        )
        self.assertFalse(form.is_valid())
        self.assertIn("CodeNumber", str(form.errors["number_symbol"]))
        self.assertIn("Subject", str(form.errors["abstract"]))

    def test_number_and_symbol_split_as_the_standard_names_them(self) -> None:
        self.assertEqual(metadata.split_number_symbol("749/QĐ-TTg"), ("749", "QĐ-TTg"))
        self.assertEqual(metadata.split_number_symbol("52-NQ/TW"), ("52", "NQ/TW"))
        self.assertEqual(metadata.split_number_symbol("45/2020/NĐ-CP"), ("45", "2020/NĐ-CP"))
        # A number left blank, to be written in on issue.
        self.assertEqual(metadata.split_number_symbol("/UBND-VP"), ("", "UBND-VP"))
