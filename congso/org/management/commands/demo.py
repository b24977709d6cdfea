from typing import Any

from django.core.management.base import BaseCommand

from congso.org import demo


class Command(BaseCommand):
    help = "Tạo tỉnh mẫu (cơ quan, đơn vị, cán bộ, công dân) và in tài khoản đăng nhập."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo.create_demo()
        self.stdout.write(f"Tỉnh mẫu đã sẵn sàng. Mật khẩu chung: {demo.DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{width}}  {login.full_name}: {login.description}"
            )
