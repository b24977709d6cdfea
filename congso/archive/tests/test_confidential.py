"""Secret documents (độ mật): seen only by whoever captured them, the people the agency's
leaders name, and those leaders; not in lists, pages, search results or counts."""

from django.urls import reverse

from congso.archive import search
from congso.archive.models import Document
from congso.archive.tests.factories import make_searchable_document
from congso.core.models import AuditEntry
from congso.org.models import Role
from congso.org.testing import BaseTestCase, make_staff


class ConfidentialTests(BaseTestCase):
    def setUp(self) -> None:
        self.secret = make_searchable_document(
            self.agency_a, "Phương án bảo vệ bí mật nhà nước", secrecy="mat", captured_by=self.an
        )
        self.open = make_searchable_document(self.agency_a, "Phương án tổ chức hội nghị")
        self.lan = make_staff(
            "lan", "Hoàng Thị Lan", self.agency_a, self.unit_a, roles=[Role.Code.LEADER]
        )

    def found(self, user: object) -> int:
        return search.search(within=Document.objects.visible_to(user), text="phuong an").total

    def test_a_colleague_who_is_not_named_sees_nothing_of_it(self) -> None:
        self.assertEqual(list(Document.objects.visible_to(self.binh)), [self.open])
        self.assertEqual(self.found(self.binh), 1)
        self.client.force_login(self.binh)
        self.assertEqual(self.client.get(self.secret.get_absolute_url()).status_code, 404)
        listing = self.client.get(reverse("archive:document-list"))
        self.assertNotContains(listing, self.secret.title)

    def test_who_captured_it_and_the_leaders_see_it(self) -> None:
        self.assertEqual(self.found(self.an), 2)
        self.assertEqual(self.found(self.lan), 2)

    def test_a_leader_names_a_reader_who_then_sees_it(self) -> None:
        self.client.force_login(self.lan)
        page = self.client.get(self.secret.get_absolute_url())
        self.assertContains(page, "người được xem")
        url = reverse("archive:document-readers", args=[self.secret.uuid])
        self.client.post(url, {"readers": [self.binh.pk]})
        self.assertEqual(self.found(self.binh), 2)
        entry = AuditEntry.objects.get(verb="set_readers")
        self.assertEqual(entry.after, {"readers": ["binh"]})
        self.client.force_login(self.an)  # a clerk may not name readers
        self.assertEqual(self.client.post(url, {"readers": []}).status_code, 403)
