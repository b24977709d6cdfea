import io
import unicodedata

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from congso.core.models import AuditEntry
from congso.org.models import Agency, Unit, User
from congso.org.testing import BaseTestCase


class LoginAndLanguageTests(BaseTestCase):
    def test_staff_log_in_to_a_vietnamese_home_page(self) -> None:
        response = self.client.post(
            reverse("login"), {"username": "an", "password": "mat-khau-thu"}, follow=True
        )
        self.assertContains(response, "Xin chào, Nguyễn Thị An")
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Nơi làm việc")
        self.assertTrue(AuditEntry.objects.filter(verb="login", actor=self.an).exists())

    def test_a_wrong_password_gets_a_vietnamese_message(self) -> None:
        response = self.client.post(reverse("login"), {"username": "an", "password": "sai"})
        self.assertContains(response, "Vui lòng điền vào tên đăng nhập và mật khẩu chính xác")

    def test_the_browser_language_does_not_override_vietnamese(self) -> None:
        response = self.client.get(reverse("login"), headers={"accept-language": "en-US"})
        self.assertContains(response, '<html lang="vi">')

    def test_switching_to_english_translates_the_pages(self) -> None:
        self.client.force_login(self.an)
        self.client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
        response = self.client.get(reverse("home"))
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "Hello, Nguyễn Thị An")
        self.assertContains(response, "Workplace")

    def test_citizens_land_on_their_own_account_page(self) -> None:
        self.client.force_login(self.dung)
        response = self.client.get(reverse("home"), follow=True)
        self.assertContains(response, "Phạm Văn Dũng")
        self.assertContains(response, "001090000001")
        self.assertNotContains(response, "Nơi làm việc")

    def test_pages_send_a_strict_content_security_policy(self) -> None:
        policy = self.client.get(reverse("landing"))["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)


class PasswordTests(BaseTestCase):
    def test_password_reset_sends_a_vietnamese_email_with_a_working_link(self) -> None:
        User.objects.filter(pk=self.an.pk).update(email="an@example.gov.vn")
        self.client.post(reverse("password_reset"), {"email": "an@example.gov.vn"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Đặt lại mật khẩu", mail.outbox[0].subject)
        link = next(w for w in mail.outbox[0].body.split() if "/mat-khau/dat-lai/" in w)
        response = self.client.get(link, follow=True)
        response = self.client.post(
            response.redirect_chain[-1][0],
            {"new_password1": "Mot-mat-khau-moi-2026", "new_password2": "Mot-mat-khau-moi-2026"},
            follow=True,
        )
        self.assertContains(response, "Mật khẩu đã được đặt lại.")
        self.assertTrue(self.client.login(username="an", password="Mot-mat-khau-moi-2026"))

    def test_password_change_checks_the_old_password(self) -> None:
        self.client.force_login(self.an)
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": "sai",
                "new_password1": "Mot-mat-khau-moi-2026",
                "new_password2": "Mot-mat-khau-moi-2026",
            },
        )
        self.assertContains(response, "Mật khẩu cũ không chính xác")


class AdminAuditTests(BaseTestCase):
    def test_an_operator_change_in_the_admin_is_audited(self) -> None:
        operator = User.objects.create_superuser("quantri", "x", full_name="Quản trị", kind="staff")
        self.client.force_login(operator)
        url = reverse("admin:org_agency_change", args=[self.agency_a.pk])
        response = self.client.post(
            url,
            {
                "name": "Sở Nội vụ (đổi tên)",
                "short_name": "Sở A",
                "symbol": "SNV",
                "code": self.agency_a.code,
                "kind": Agency.Kind.PROVINCIAL_DEPARTMENT,
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(verb="admin_change")
        self.assertEqual(entry.before, {"name": "Sở Nội vụ thử nghiệm A", "symbol": ""})
        self.assertEqual(entry.after, {"name": "Sở Nội vụ (đổi tên)", "symbol": "SNV"})
        self.assertEqual(entry.agency_id, self.agency_a.pk)

    def test_decomposed_text_from_a_form_is_stored_composed(self) -> None:
        operator = User.objects.create_superuser("quantri", "x", full_name="Quản trị", kind="staff")
        self.client.force_login(operator)
        decomposed = unicodedata.normalize("NFD", "Phòng Tổ chức cán bộ")
        self.client.post(
            reverse("admin:org_unit_add"),
            {"agency": self.agency_a.pk, "name": decomposed, "is_active": "on"},
        )
        self.assertTrue(Unit.objects.filter(name="Phòng Tổ chức cán bộ").exists())

    def test_an_invalid_agency_code_is_refused_in_vietnamese(self) -> None:
        operator = User.objects.create_superuser("quantri", "x", full_name="Quản trị", kind="staff")
        self.client.force_login(operator)
        response = self.client.post(
            reverse("admin:org_agency_add"),
            {
                "name": "Cơ quan sai mã",
                "code": "g09..x",
                "kind": Agency.Kind.OTHER,
            },
        )
        self.assertContains(response, "Mã định danh điện tử không hợp lệ")


class DemoTests(BaseTestCase):
    def test_demo_creates_a_province_and_is_idempotent(self) -> None:
        call_command("demo", stdout=io.StringIO())
        call_command("demo", stdout=io.StringIO())
        self.assertEqual(Agency.objects.filter(code__startswith="H99").count(), 3)
        huy = User.objects.get(username="pcvp.ubnd")
        self.assertEqual(huy.posts.count(), 2)
        self.assertTrue(self.client.login(username="vanthu.snv", password="congso-demo"))
        self.assertContains(self.client.get(reverse("home")), "Sở Nội vụ tỉnh Tây Ninh (demo)")
