import io

from django.core.management import call_command
from django.test import TestCase

from congso.workflow.models import IncomingDocument, OutgoingDocument


class DemoWorkflowTests(TestCase):
    def test_the_demo_agency_has_its_documents_through_the_e_office_once(self) -> None:
        call_command("demo", stdout=io.StringIO())
        call_command("demo_archive", stdout=io.StringIO())
        call_command("demo_workflow", stdout=io.StringIO())
        call_command("demo_workflow", stdout=io.StringIO())
        incoming = IncomingDocument.objects.get(agency__code="H99.01")
        self.assertEqual((incoming.number, incoming.number_symbol), (1, "749/QĐ-TTg"))
        self.assertEqual(incoming.state, IncomingDocument.State.IN_PROGRESS)
        reply = OutgoingDocument.objects.get()
        self.assertEqual((reply.state, reply.number_symbol), ("issued", "01/SNV-CCHC"))
        self.assertEqual(reply.reply_to, incoming)
        received = IncomingDocument.objects.get(agency__code="H99")
        self.assertEqual(received.state, IncomingDocument.State.RECEIVED)
