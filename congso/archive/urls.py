from django.urls import path

from congso.archive import views
from congso.archive.views import records

app_name = "archive"
urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("tai-len/", views.upload, name="upload"),
    path("<uuid:uuid>/", views.document_detail, name="document-detail"),
    path("<uuid:uuid>/ban-goc/", views.download_original, name="download-original"),
    path("<uuid:uuid>/ban-luu-tru.pdf", views.download_archive, name="download-archive"),
    path("<uuid:uuid>/trang/<int:number>/anh/", views.page_thumbnail, name="page-thumbnail"),
    path("<uuid:uuid>/xu-ly-lai/", views.retry, name="retry"),
    path("<uuid:uuid>/nhan-dang-lai/", views.rerun, name="rerun"),
    path("<uuid:uuid>/thong-tin/", views.document_fields, name="document-fields"),
    path("<uuid:uuid>/doc-lai/", views.reread, name="reread"),
    path("kiem-tra-thong-tin/", views.check_next, name="check-next"),
    path("dan-chieu-chua-co/", views.citations_unresolved, name="citations-unresolved"),
    path("quy-tac-goi-y/", views.rule_list, name="rule-list"),
    path("quy-tac-goi-y/ap-dung/", views.rules_apply, name="rules-apply"),
    path("quy-tac-goi-y/<int:pk>/", views.rule_edit, name="rule-edit"),
    path("quy-tac-goi-y/<int:pk>/xoa/", views.rule_delete, name="rule-delete"),
    path("<uuid:uuid>/luu-vao-ho-so/", records.file_document, name="file-document"),
    path("<uuid:uuid>/nguoi-duoc-xem/", views.document_readers, name="document-readers"),
    path("<uuid:uuid>/phien-ban/", views.add_version, name="add-version"),
    path("<uuid:uuid>/phien-ban/<int:number>/", views.download_version, name="download-version"),
    path("danh-muc-ho-so/", records.file_plan, name="file-plan"),
    path("ho-so/<int:pk>/", records.dossier_detail, name="dossier-detail"),
    path("ho-so/<int:pk>/thao-tac/", records.dossier_action, name="dossier-action"),
    path("ho-so/<int:pk>/goi.zip", records.dossier_export, name="dossier-export"),
    path("ho-so/goi.zip", records.dossiers_export, name="dossiers-export"),
    path("het-han/", records.disposals, name="disposals"),
    path("het-han/<int:pk>/quyet-dinh/", records.disposal_decide, name="disposal-decide"),
    path("tim-kiem/", views.search_documents, name="search"),
    path("tim-kiem/loc/", views.search_facets, name="search-facets"),
    path("tim-kiem/luu/", views.save_search, name="save-search"),
    path("tim-kiem/da-luu/<int:pk>/xoa/", views.delete_saved_search, name="delete-saved-search"),
]
