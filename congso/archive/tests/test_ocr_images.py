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
