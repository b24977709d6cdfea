from django.db import migrations

ROLES = [
    ("van_thu", "Văn thư"),
    ("chuyen_vien", "Chuyên viên"),
    ("lanh_dao_phong", "Lãnh đạo phòng"),
    ("lanh_dao_co_quan", "Lãnh đạo cơ quan"),
    ("quan_tri", "Quản trị"),
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("org", "Role")
    for code, name in ROLES:
        Role.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
