from django.test import SimpleTestCase
from PIL import Image, ImageDraw

from congso.archive import ocr


class PageImageTests(SimpleTestCase):
    def test_cleaning_a_blank_page_does_not_fail(self) -> None:
        # A bug fix: an office file with an empty page crashed Otsu's threshold (all NaN).
        blank = Image.new("L", (80, 80), 255)
        self.assertEqual(ocr.clean_image(blank).getextrema(), (255, 255))

    def test_marks_lighter_than_the_text_are_whitened_and_the_text_kept(self) -> None:
        page = Image.new("L", (200, 100), 245)
        draw = ImageDraw.Draw(page)
        draw.rectangle((10, 10, 60, 30), fill=35)  # text
        draw.ellipse((100, 20, 180, 90), outline=135, width=6)  # a stamp's ring
        cleaned = ocr.lighten_marks(page)
        self.assertEqual(cleaned.getpixel((20, 20)), 35)
        self.assertEqual(cleaned.getpixel((140, 22)), 255)

    def test_unmark_is_an_option_a_clerk_can_choose(self) -> None:
        options = ocr.OcrOptions.from_label("rotate,unmark")
        self.assertEqual((options.rotate, options.unmark, options.clean), (True, True, False))
        self.assertEqual(options.label, "rotate,unmark")

    def test_printed_rules_are_erased_and_letters_bars_and_dark_grounds_kept(self) -> None:
        # At 165 dpi a rule of 0.45 inch or more is 74 px; the longest letter strokes are
        # an em dash (about 30 px) and the bars of bold capitals side by side ("/TT", 50).
        page = Image.new("L", (400, 300), 245)
        draw = ImageDraw.Draw(page)
        draw.line((40, 60, 360, 61), fill=30, width=2)  # the rule under an abstract, skewed
        draw.line((20, 100, 20, 290), fill=30, width=2)  # a table's border
        draw.rectangle((100, 20, 160, 23), fill=30)  # the bars of "TT"
        draw.rectangle((180, 20, 184, 45), fill=30)  # a stem
        draw.rectangle((200, 120, 380, 180), fill=30)  # a black box, not a rule
        erased = ocr.erase_rules(page, dpi=165)
        self.assertEqual(min(page.crop((40, 55, 360, 67)).tobytes()), 30)
        self.assertGreater(min(erased.crop((40, 55, 360, 67)).tobytes()), 200)
        self.assertGreater(min(erased.crop((15, 100, 26, 290)).tobytes()), 200)
        self.assertEqual(erased.getpixel((130, 21)), 30)
        self.assertEqual(erased.getpixel((182, 30)), 30)
        self.assertEqual(erased.getpixel((290, 150)), 30)
        dark = Image.new("L", (400, 200), 30)
        ImageDraw.Draw(dark).line((40, 60, 360, 60), fill=245, width=2)  # light on dark
        self.assertEqual(ocr.erase_rules(dark, dpi=165).tobytes(), dark.tobytes())
