from django.test import TestCase

from congso.org import services
from congso.org.models import AdministrativeUnit


class LoadAdministrativeUnitsTests(TestCase):
    def test_the_2025_map_has_34_provinces_and_3321_communes(self) -> None:
        services.load_administrative_units(scheme="2025")
        units = AdministrativeUnit.objects.filter(scheme="2025")
        self.assertEqual(units.filter(level=1).count(), 34)
        self.assertEqual(units.filter(level=3).count(), 3321)
        self.assertEqual(units.filter(level=2).count(), 0)
        self.assertEqual(units.filter(kind="Đặc khu").count(), 13)
        self.assertEqual(units.get(code="79").short_name, "Hồ Chí Minh")
        self.assertEqual(units.get(code="00070").parent, units.get(code="01"))

    def test_the_earlier_map_has_63_provinces_with_districts(self) -> None:
        services.load_administrative_units(scheme="2008")
        units = AdministrativeUnit.objects.filter(scheme="2008")
        self.assertEqual(units.filter(level=1).count(), 63)
        self.assertEqual(units.filter(level=2).count(), 696)
        commune = units.filter(level=3).select_related("parent__parent").first()
        assert commune is not None
        self.assertEqual(commune.parent.level, 2)  # type: ignore[union-attr]  # has a parent

    def test_loading_twice_changes_nothing(self) -> None:
        services.load_administrative_units(scheme="2025")
        AdministrativeUnit.objects.filter(scheme="2025", code="01").update(name="sửa tay")
        services.load_administrative_units(scheme="2025")
        self.assertEqual(AdministrativeUnit.objects.filter(scheme="2025").count(), 3355)
        self.assertEqual(
            AdministrativeUnit.objects.get(scheme="2025", code="01").name, "Thành phố Hà Nội"
        )
