from django.urls import reverse

from congso.core.models import AuditEntry
from congso.org.models import Unit
from congso.org.testing import BaseTestCase, make_post


class SwitchPostTests(BaseTestCase):
    def test_a_person_with_two_posts_switches_agency_and_sees_the_other_data(self) -> None:
        second = make_post(self.an, self.agency_b, self.unit_b, activate=False)
        self.client.force_login(self.an)
        self.assertEqual(self.client.get(self.unit_b.get_absolute_url()).status_code, 404)

        response = self.client.post(reverse("org:switch-post"), {"post": second.pk})

        self.assertRedirects(response, reverse("home"))
        self.an.refresh_from_db()
        self.assertEqual(self.an.active_agency_id, self.agency_b.pk)
        self.assertEqual(self.client.get(self.unit_b.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get(self.unit_a.get_absolute_url()).status_code, 404)
        entry = AuditEntry.objects.get(verb="switch_agency")
        self.assertEqual(entry.actor_id, self.an.pk)
        self.assertEqual(entry.before, {"active_post": self.an.posts.get(agency=self.agency_a).pk})
        self.assertEqual(entry.after, {"active_post": second.pk})

    def test_it_refuses_to_switch_to_someone_elses_post(self) -> None:
        self.client.force_login(self.an)
        response = self.client.post(reverse("org:switch-post"), {"post": self.chi.active_post_id})
        self.assertEqual(response.status_code, 404)
        self.an.refresh_from_db()
        self.assertEqual(self.an.active_agency_id, self.agency_a.pk)

    def test_the_header_offers_the_switcher_only_with_several_posts(self) -> None:
        self.client.force_login(self.an)
        self.assertNotContains(self.client.get(reverse("home")), 'name="post"')
        make_post(self.an, self.agency_b, self.unit_b, activate=False)
        response = self.client.get(reverse("home"))
        self.assertContains(response, 'name="post"')
        self.assertContains(response, str(self.agency_b))

    def test_units_list_in_vietnamese_order(self) -> None:
        for name in ("Phòng Đào tạo", "Phòng Dân tộc", "Phòng Ăn uống"):
            Unit.objects.create(agency=self.agency_a, name=name)
        self.client.force_login(self.an)
        content = self.client.get(reverse("org:directory")).content.decode()
        positions = [content.index(n) for n in ("Phòng Ăn uống", "Phòng Dân tộc", "Phòng Đào tạo")]
        self.assertEqual(positions, sorted(positions))


class DirectorySearchTests(BaseTestCase):
    def test_search_ignores_tones_and_answers_htmx_with_the_rows_only(self) -> None:
        self.client.force_login(self.an)
        response = self.client.get(
            reverse("org:directory"), {"q": "tran binh"}, headers={"hx-request": "true"}
        )
        self.assertContains(response, "Trần Văn Bình")
        self.assertNotContains(response, "Nguyễn Thị An")
        self.assertNotContains(response, "<html")
        self.assertEqual(response["Vary"].count("HX-Request"), 1)
