from django.urls import URLPattern, path

from congso.workflow.views import dashboard, incoming, outgoing, processes, registers

app_name = "workflow"
urlpatterns: list[URLPattern] = [
    path("", dashboard.dashboard, name="dashboard"),
    path("thong-bao/", dashboard.notices, name="notices"),
    path("den/", incoming.incoming_list, name="incoming-list"),
    path("den/vao-so/", incoming.incoming_new, name="incoming-new"),
    path("den/<uuid:uuid>/", incoming.incoming_detail, name="incoming-detail"),
    path("den/<uuid:uuid>/thao-tac/", incoming.incoming_action, name="incoming-action"),
    path("di/", outgoing.outgoing_list, name="outgoing-list"),
    path("di/du-thao/", outgoing.outgoing_new, name="outgoing-new"),
    path("di/<uuid:uuid>/", outgoing.outgoing_detail, name="outgoing-detail"),
    path("di/<uuid:uuid>/thao-tac/", outgoing.outgoing_action, name="outgoing-action"),
    path("quy-trinh/", processes.process_list, name="process-list"),
    path("quy-trinh/moi/", processes.process_edit, name="process-new"),
    path("quy-trinh/<int:pk>/", processes.process_edit, name="process-edit"),
    path("so-van-ban-den/", registers.incoming_register, name="register-incoming"),
    path(
        "so-van-ban-den/tai-ve.<str:fmt>",
        registers.incoming_register_export,
        name="register-incoming-export",
    ),
    path("so-van-ban-di/", registers.outgoing_register, name="register-outgoing"),
    path(
        "so-van-ban-di/tai-ve.<str:fmt>",
        registers.outgoing_register_export,
        name="register-outgoing-export",
    ),
]
