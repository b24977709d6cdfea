import io

from django.core.management import call_command
from django.test import TestCase

from congso.archive import search
from congso.archive.models import Citation, Document, Dossier


class DemoArchiveTests(TestCase):
    def test_the_demo_agency_gets_read_and_linked_documents_once(self) -> None:
        call_command("demo", stdout=io.StringIO())
        call_command("demo_archive", stdout=io.StringIO())
        call_command("demo_archive", stdout=io.StringIO())
        self.assertEqual(Document.objects.count(), 3)
        plan = Document.objects.get(number_symbol="15/KH-SNV")
        self.assertEqual((plan.field_of_work, plan.retention_years), ("Chuyển đổi số", 20))
        decision = Citation.objects.get(document=plan, number_symbol="749/QĐ-TTg").target
        self.assertEqual(decision, Document.objects.get(number_symbol="749/QĐ-TTg"))
        letter = Document.objects.get(number_symbol="120/SNV-VP")
        missing = letter.citations.get(number_symbol="98/SNV-VP")
        self.assertEqual((missing.relation, missing.target), ("replaces", None))
        dossier = Dossier.objects.get()  # this year's plan: one open dossier, filed once
        self.assertEqual((dossier.notation, dossier.state), ("01.TH", Dossier.State.OPEN))
        self.assertEqual(dossier.filings.count(), 3)
        found = search.search(within=Document.objects.all(), text="chuyen doi so")
        self.assertIn(plan, [hit.document for hit in found.hits])  # processed: searchable
