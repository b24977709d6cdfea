import unicodedata

from django.test import SimpleTestCase

from congso.core.text import fold, folded_match, name_sort_key, nfc, vi_sort_key


class VietnameseTextTests(SimpleTestCase):
    def test_it_composes_decomposed_input(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
        self.assertNotEqual(decomposed, "Nguyễn Thị Ánh")
        self.assertEqual(nfc(decomposed), "Nguyễn Thị Ánh")

    def test_it_folds_tones_and_d_with_stroke(self) -> None:
        self.assertEqual(fold("Chuyển đổi SỐ"), "chuyen doi so")
        self.assertEqual(fold("ĐƯỜNG"), "duong")
        self.assertEqual(fold(unicodedata.normalize("NFD", "Quảng Trị")), "quang tri")

    def test_it_matches_every_word_without_tones(self) -> None:
        self.assertTrue(folded_match("nguyen an", "Nguyễn Thị An", "Văn thư"))
        self.assertFalse(folded_match("nguyen binh", "Nguyễn Thị An"))

    def test_it_sorts_letters_in_vietnamese_alphabet_order(self) -> None:
        words = ["Đức", "Ân", "Ăn", "Dũng", "An", "Bình", "Ơn", "Ông", "Oanh", "Ưng", "Uyên"]
        expected = ["An", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Oanh", "Ông", "Ơn", "Uyên", "Ưng"]
        self.assertEqual(sorted(words, key=vi_sort_key), expected)

    def test_letter_outranks_tone(self) -> None:
        # "ăm" sorts after "an" although "m" < "n": ă is a letter after a.
        self.assertEqual(sorted(["ăm", "an"], key=vi_sort_key), ["an", "ăm"])
        self.assertEqual(
            sorted(["bà", "ba", "bả", "bạ", "bá", "bã"], key=vi_sort_key),
            ["ba", "bà", "bả", "bã", "bá", "bạ"],
        )
        self.assertEqual(sorted(["á", "b"], key=vi_sort_key), ["á", "b"])

    def test_decomposed_and_composed_sort_alike(self) -> None:
        self.assertEqual(vi_sort_key(unicodedata.normalize("NFD", "Hồng")), vi_sort_key("Hồng"))

    def test_shorter_word_sorts_first(self) -> None:
        self.assertEqual(
            sorted(["Anh", "An Bình", "An"], key=vi_sort_key), ["An", "An Bình", "Anh"]
        )

    def test_names_sort_by_given_name_then_family(self) -> None:
        names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Thị Ánh"]
        self.assertEqual(
            sorted(names, key=name_sort_key),
            ["Lê Văn An", "Nguyễn Thị An", "Đỗ Thị Ánh", "Trần Văn Bình"],
        )
