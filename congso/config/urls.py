from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from congso.config.api import api
from congso.core import views as core_views
from congso.org import views as org_views

admin.site.site_header = _("Công sở số: quản trị hệ thống")
admin.site.site_title = _("Công sở số")
admin.site.index_title = _("Quản trị hệ thống")

auth_urls = [
    path("dang-nhap/", org_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", org_views.LogoutView.as_view(), name="logout"),
    path("mat-khau/doi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "mat-khau/doi/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "mat-khau/quen/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt"
        ),
        name="password_reset",
    ),
    path(
        "mat-khau/quen/da-gui/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mat-khau/dat-lai/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mat-khau/dat-lai/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("trang-chu/", core_views.home, name="home"),
    path("suc-khoe/", core_views.healthz, name="healthz"),
    path("", include(auth_urls)),
    path("", include("congso.org.urls")),
    path("luu-tru/", include("congso.archive.urls")),
    path("van-ban/", include("congso.workflow.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri-he-thong/", admin.site.urls),
]
