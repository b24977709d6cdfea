from django.urls import path

from congso.org import views

app_name = "org"
urlpatterns = [
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/khoa-api/", views.create_api_token, name="create-api-token"),
    path("tai-khoan/khoa-api/<int:pk>/thu-hoi/", views.revoke_api_token, name="revoke-api-token"),
    path("to-chuc/", views.directory, name="directory"),
    path("to-chuc/don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("to-chuc/can-bo/<int:pk>/", views.post_detail, name="post-detail"),
    path("to-chuc/chuyen-co-quan/", views.switch_post, name="switch-post"),
    path("to-chuc/uy-quyen/", views.delegations, name="delegations"),
    path("to-chuc/uy-quyen/<int:pk>/thu-hoi/", views.revoke_delegation, name="revoke-delegation"),
    path("to-chuc/nhat-ky/", views.audit_log, name="audit-log"),
]
