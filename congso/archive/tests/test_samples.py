"""The sample document generators produce what they promise (pages, text, failures)."""

import re
import shutil
import struct
import subprocess
import tempfile
import unicodedata
import unittest
import zipfile
import zlib
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import pikepdf
import pypdfium2  # type: ignore[import-untyped,unused-ignore]
from PIL import Image

from congso.archive import samples

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "vbpl1000"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def pdf_texts(path: Path, password: str | None = None) -> list[str]:
    """The text layer of each page, as pypdfium2 extracts it (NFC)."""
    document = pypdfium2.PdfDocument(str(path), password=password)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(nfc(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def page_images(page: pikepdf.Page) -> list[pikepdf.Object]:
    """The image XObjects a page uses directly."""
    if "/Resources" not in page.obj or "/XObject" not in page.Resources:
        return []
    xobjects = page.Resources.XObject
    return [xobject for _, xobject in xobjects.items() if xobject.Subtype == "/Image"]


def one_line(text: str) -> str:
    return " ".join(text.split())


def tesseract_vie() -> str | None:
    """The tesseract binary if it has Vietnamese, else None."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    languages = subprocess.run(
        [binary, "--list-langs"], capture_output=True, text=True, check=False, timeout=30
    )
    return binary if "vie" in languages.stdout.split() else None


class TempDirTestCase(unittest.TestCase):
    def setUp(self) -> None:
        folder = tempfile.TemporaryDirectory(prefix="congso-samples-")
        self.addCleanup(folder.cleanup)
        self.dir = Path(folder.name)


class SampleTextTests(unittest.TestCase):
    def test_same_seed_same_text_other_seed_other_text(self) -> None:
        self.assertEqual(samples.sample_text(7), samples.sample_text(7))
        self.assertNotEqual(samples.sample_text(7), samples.sample_text(8))

    def test_it_reads_like_a_decision(self) -> None:
        for seed in range(40):
            text = samples.sample_text(seed)
            self.assertTrue(unicodedata.is_normalized("NFC", text))
            lines = text.splitlines()
            self.assertIn(MOTTO, lines)
            self.assertIn("Độc lập - Tự do - Hạnh phúc", lines)
            self.assertRegex(text, r"\nSố: \d+(/\d{4})?/QĐ-[A-ZĐ]+\n")
            self.assertRegex(text, r"\n[^\n,]+, ngày \d\d tháng (0[12]|[3-9]|1[012]) năm 20\d\d\n")
            self.assertIn("QUYẾT ĐỊNH", lines)
            self.assertIn("QUYẾT ĐỊNH:", lines)
            self.assertTrue(any(line.startswith("Về việc ") for line in lines))
            self.assertTrue(any(line.startswith("Căn cứ ") for line in lines))
            self.assertTrue(any(line.startswith("Điều 1. ") for line in lines))
            self.assertIn("Nơi nhận:", lines)
            self.assertTrue(lines[-1].istitle(), lines[-1])  # the signer's name

    def test_a_register_row_already_written_v_v_is_not_prefixed_again(self) -> None:
        from congso.archive.samples.compose import Metadata, compose_text

        row = Metadata(
            "754/UBND-VX", "v/v thực hiện bảo hiểm y tế", "ỦY BAN NHÂN DÂN", "Bình Dương", None
        )
        lines = compose_text(row, seed="754").splitlines()
        self.assertIn("V/v thực hiện bảo hiểm y tế", lines)

    def test_an_abstract_wrapped_in_the_text_is_typeset_as_one_bold_block(self) -> None:
        from congso.archive.samples.structure import _Para, _structure

        text = "THÔNG TƯ\nQuy định về hạn ngạch thuế quan nhập khẩu mặt hàng\n"
        text += "muối, trứng gia cầm năm 2026\nCăn cứ Luật Quản lý ngoại thương;"
        paras = [block for block in _structure(text) if isinstance(block, _Para)]
        adjusting = _structure("QUYẾT ĐỊNH\nĐiều chỉnh phương án đấu giá\nCăn cứ Luật;")
        abstract = adjusting[1]  # "Điều chỉnh …" is an abstract, not an article ("Điều 1.")
        assert isinstance(abstract, _Para)
        self.assertEqual((abstract.style, abstract.align), ("bold", "center"))
        self.assertEqual(
            [(p.text, p.style) for p in paras[1:]],
            [
                (
                    "Quy định về hạn ngạch thuế quan nhập khẩu mặt hàng"
                    " muối, trứng gia cầm năm 2026",
                    "bold",
                ),
                ("Căn cứ Luật Quản lý ngoại thương;", "italic"),
            ],
        )

    def test_paragraphs_sets_the_length_of_the_body(self) -> None:
        short = samples.sample_text(3, paragraphs=1)
        long = samples.sample_text(3, paragraphs=30)
        self.assertLess(len(short), len(long))
        self.assertIn("Điều 1. ", short)
        with self.assertRaises(ValueError):
            samples.sample_text(3, paragraphs=0)

    @unittest.skipUnless((CORPUS / "documents.jsonl").is_file(), "vbpl1000 corpus absent")
    def test_a_corpus_document_is_picked_by_seed(self) -> None:
        text = samples.sample_text_from_corpus(CORPUS, 5)
        assert text is not None
        self.assertGreater(len(text), 500)
        self.assertEqual(samples.sample_text_from_corpus(CORPUS, 5), text)
        self.assertEqual(samples.sample_text(5, corpus_dir=CORPUS), text)
        others = {samples.sample_text_from_corpus(CORPUS, seed) for seed in range(6)}
        self.assertGreater(len(others), 1)

    def test_no_corpus_means_none_and_built_in_text(self) -> None:
        missing = Path(tempfile.gettempdir()) / "congso-no-such-corpus"
        self.assertIsNone(samples.sample_text_from_corpus(missing, 1))
        self.assertEqual(samples.sample_text(1, corpus_dir=missing), samples.sample_text(1))


class ScannedPageTests(TempDirTestCase):
    def test_an_a4_grayscale_page_at_300_dpi(self) -> None:
        image = samples.render_scanned_page(samples.sample_text(1), seed=1)
        self.assertEqual(image.mode, "L")
        self.assertEqual(image.size, (2480, 3508))
        darkest, lightest = image.getextrema()
        assert isinstance(darkest, int | float) and isinstance(lightest, int | float)
        self.assertLess(darkest, 80)  # ink
        self.assertGreater(lightest, 200)  # paper

    def test_rotation_skew_and_a_clean_page(self) -> None:
        text = samples.sample_text(2)
        turned = samples.render_scanned_page(text, dpi=100, rotate=90, skew_degrees=1.5)
        self.assertEqual(turned.size, (1169, 827))
        clean = samples.render_scanned_page(text, dpi=100, noise=False)
        self.assertEqual(clean.getpixel((5, 5)), 255)
        self.assertEqual(clean.getextrema(), (0, 255))
        with self.assertRaises(ValueError):
            samples.render_scanned_page(text, rotate=45)

    def test_the_noise_follows_the_seed(self) -> None:
        text = samples.sample_text(4)
        first, same, other = (
            samples.render_scanned_page(text, dpi=72, seed=seed).tobytes() for seed in (1, 1, 2)
        )
        self.assertEqual(first, same)
        self.assertNotEqual(first, other)

    def test_tesseract_reads_it_back(self) -> None:
        binary = tesseract_vie()
        if binary is None:
            self.skipTest("tesseract with Vietnamese (tesseract-ocr-vie) is not installed")
        text = samples.sample_text(11)
        image = samples.render_scanned_page(text, seed=11)
        top = self.dir / "top.png"
        image.crop((0, 0, image.width, image.height * 2 // 5)).save(top)  # faster than a page
        result = subprocess.run(
            [binary, str(top), "-", "-l", "vie"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        read = set(nfc(result.stdout).split())
        expected = {"CỘNG", "HÒA", "NGHĨA", "VIỆT", "Độc", "lập", "QUYẾT", "ĐỊNH", "Căn", "cứ"}
        self.assertGreaterEqual(len(expected & read), 6, result.stdout)
        number = re.search(r"Số: (\S+)", text)
        assert number is not None
        self.assertIn(number.group(1).split("/")[0], result.stdout)

    def test_without_a_vietnamese_font_the_error_says_what_to_install(self) -> None:
        with (
            mock.patch.object(samples.layout, "_font_dirs", return_value=[]),
            self.assertRaisesRegex(samples.SampleFontError, "fonts-dejavu-core"),
        ):
            samples.render_scanned_page("Xin chào")


class ScannedFileTests(TempDirTestCase):
    def test_an_image_only_pdf_with_n_a4_pages(self) -> None:
        path = samples.write_scanned_pdf(self.dir / "scan.pdf", pages=3, seed=5, dpi=100)
        self.assertEqual(pdf_texts(path), ["", "", ""])
        document = pypdfium2.PdfDocument(str(path))
        for index in range(len(document)):
            width, height = document[index].get_size()
            self.assertAlmostEqual(width, 595.276, places=2)
            self.assertAlmostEqual(height, 841.89, places=2)
        document.close()
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                images = page_images(page)
                self.assertEqual(len(images), 1)
                self.assertEqual(images[0].Filter, pikepdf.Name.DCTDecode)
                self.assertEqual(images[0].ColorSpace, pikepdf.Name.DeviceGray)
                self.assertEqual(images[0].Width, 827)
        again = samples.write_scanned_pdf(self.dir / "again.pdf", pages=3, seed=5, dpi=100)
        self.assertEqual(path.read_bytes(), again.read_bytes())

    def test_page_options_reach_every_page(self) -> None:
        path = samples.write_scanned_pdf(
            self.dir / "turned.pdf", pages=2, seed=1, dpi=72, rotate=270, skew_degrees=-1.0
        )
        document = pypdfium2.PdfDocument(str(path))
        self.assertEqual(len(document), 2)
        width, height = document[1].get_size()
        self.assertGreater(width, height)
        document.close()
        with self.assertRaises(TypeError):
            samples.write_scanned_pdf(self.dir / "x.pdf", pages=1, seed=1, skew=1.0)  # type: ignore[call-arg]

    def test_a_multi_page_tiff_at_300_dpi(self) -> None:
        path = samples.write_scanned_tiff(self.dir / "scan.tiff", pages=2, seed=3)
        with Image.open(path) as image:
            self.assertEqual(image.format, "TIFF")
            self.assertEqual(getattr(image, "n_frames", 1), 2)
            for frame in range(2):
                image.seek(frame)
                self.assertEqual(image.size, (2480, 3508))
                self.assertEqual(image.mode, "1")
                self.assertEqual(image.info["compression"], "group4")
                self.assertEqual(tuple(image.info["dpi"]), (300, 300))

    def test_one_page_as_jpeg_and_png(self) -> None:
        for kind in ("JPEG", "PNG"):
            path = samples.write_image(self.dir / f"page.{kind.lower()}", seed=2, format=kind)
            with Image.open(path) as image:
                self.assertEqual(image.format, kind)
                self.assertEqual(image.size, (2480, 3508))
                self.assertEqual(image.mode, "L")
                self.assertEqual(round(image.info["dpi"][0]), 300)
        with self.assertRaises(ValueError):
            samples.write_image(self.dir / "page.gif", seed=2, format="GIF")


class TextPdfTests(TempDirTestCase):
    def test_the_text_layer_gives_back_the_vietnamese_words(self) -> None:
        path = samples.write_text_pdf(self.dir / "text.pdf", pages=3, seed=7)
        texts = pdf_texts(path)
        self.assertEqual(len(texts), 3)
        self.assertTrue(all(texts))
        extracted = set(" ".join(texts).split())
        self.assertEqual(set(samples.sample_text(7).split()) - extracted, set())
        self.assertIn(MOTTO, one_line(texts[0]))

    def test_the_font_is_embedded(self) -> None:
        path = samples.write_text_pdf(self.dir / "text.pdf", pages=1, seed=1)
        with pikepdf.open(path) as pdf:
            fonts = pdf.pages[0].Resources.Font
            subsets = [font for _, font in fonts.items() if "+" in str(font.BaseFont)]
            self.assertTrue(subsets)  # reportlab also lists an unused, standard Helvetica
            for font in subsets:
                self.assertEqual(font.Subtype, "/TrueType")
                self.assertIn("/FontFile2", font.FontDescriptor)
                self.assertIn("/ToUnicode", font)

    def test_bytes_follow_the_seed(self) -> None:
        one = samples.write_text_pdf(self.dir / "a.pdf", pages=2, seed=1).read_bytes()
        same = samples.write_text_pdf(self.dir / "b.pdf", pages=2, seed=1).read_bytes()
        other = samples.write_text_pdf(self.dir / "c.pdf", pages=2, seed=2).read_bytes()
        self.assertEqual(one, same)
        self.assertNotEqual(one, other)

    def test_many_pages_fill_with_further_documents(self) -> None:
        path = samples.write_text_pdf(self.dir / "long.pdf", pages=8, seed=3)
        texts = pdf_texts(path)
        self.assertEqual(len(texts), 8)
        self.assertTrue(all(texts))

    def test_mixed_pdf_is_text_scan_text(self) -> None:
        path = samples.write_mixed_pdf(self.dir / "mixed.pdf", seed=4)
        texts = pdf_texts(path)
        self.assertEqual(len(texts), 3)
        self.assertTrue(texts[0].strip())
        self.assertEqual(texts[1], "")
        self.assertTrue(texts[2].strip())
        with pikepdf.open(path) as pdf:
            self.assertEqual(len(page_images(pdf.pages[1])), 1)
            self.assertEqual(page_images(pdf.pages[0]), [])

    def test_a_thousand_page_pdf_is_quick_and_small(self) -> None:
        path = samples.write_many_page_pdf(self.dir / "many.pdf", pages=1000)
        self.assertLess(path.stat().st_size, 5 * 1024 * 1024)
        document = pypdfium2.PdfDocument(str(path))
        self.assertEqual(len(document), 1000)
        textpage = document[499].get_textpage()
        self.assertIn("Trang 500/1000", textpage.get_text_bounded())
        textpage.close()
        document.close()


class BadInputTests(TempDirTestCase):
    def test_truncated_pdf_is_refused_by_pdfium_and_qpdf(self) -> None:
        for seed in range(3):
            path = samples.write_truncated_pdf(self.dir / f"cut{seed}.pdf", seed=seed)
            whole = samples.write_text_pdf(self.dir / f"whole{seed}.pdf", pages=3, seed=seed)
            self.assertEqual(path.stat().st_size, whole.stat().st_size * 6 // 10)
            self.assertTrue(path.read_bytes().startswith(b"%PDF-"))
            self.assertNotIn(b"%%EOF", path.read_bytes())
            with self.assertRaisesRegex(pypdfium2.PdfiumError, "Data format error"):
                pypdfium2.PdfDocument(str(path))
            with self.assertRaisesRegex(pikepdf.PdfError, "unable to find trailer"):
                pikepdf.open(path)

    def test_encrypted_pdf_needs_the_password(self) -> None:
        path = samples.write_encrypted_pdf(self.dir / "locked.pdf", seed=1)
        with self.assertRaises(pikepdf.PasswordError):
            pikepdf.open(path)
        with self.assertRaisesRegex(pypdfium2.PdfiumError, "Incorrect password"):
            pypdfium2.PdfDocument(str(path))
        with pikepdf.open(path, password="secret") as pdf:
            self.assertTrue(pdf.is_encrypted)
            self.assertEqual(pdf.encryption.stream_method.name, "aesv3")  # AES-256
            self.assertEqual(pdf.encryption.bits, 256)
            self.assertEqual(len(pdf.pages), 2)
        texts = pdf_texts(path, password="secret")
        self.assertIn(MOTTO, one_line(texts[0]))

    def test_corrupt_pdf_has_a_header_and_nothing_else(self) -> None:
        path = samples.write_corrupt_pdf(self.dir / "corrupt.pdf")
        self.assertTrue(path.read_bytes().startswith(b"%PDF-1.7\n"))
        with self.assertRaisesRegex(pypdfium2.PdfiumError, "Data format error"):
            pypdfium2.PdfDocument(str(path))
        with self.assertRaises(pikepdf.PdfError):
            pikepdf.open(path)

    def test_png_bomb_is_small_valid_and_refused_by_pillow(self) -> None:
        path = samples.write_decompression_bomb_png(self.dir / "bomb.png")
        data = path.read_bytes()
        self.assertLess(len(data), 1024 * 1024)
        self.assertIsNotNone(Image.MAX_IMAGE_PIXELS)
        with self.assertRaises(Image.DecompressionBombError):
            Image.open(path).load()
        # Every chunk's CRC is right and the zlib stream holds exactly the declared scanlines.
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        position, idat, kinds = 8, [], []
        while position < len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            kind = data[position + 4 : position + 8]
            body = data[position + 8 : position + 8 + length]
            (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
            self.assertEqual(crc, zlib.crc32(kind + body), kind)
            kinds.append(kind)
            if kind == b"IHDR":
                self.assertEqual(struct.unpack(">IIBB", body[:10]), (60000, 60000, 1, 0))
            if kind == b"IDAT":
                idat.append(body)
            position += 12 + length
        self.assertEqual((kinds[0], kinds[-1]), (b"IHDR", b"IEND"))
        decompressor, pending, total = zlib.decompressobj(), b"".join(idat), 0
        while pending:
            total += len(decompressor.decompress(pending, 1 << 25))
            pending = decompressor.unconsumed_tail
        self.assertTrue(decompressor.eof)
        self.assertEqual(total, 60000 * (1 + 60000 // 8))


class OfficeDocumentTests(TempDirTestCase):
    def test_docx_and_odt_are_well_formed_zips(self) -> None:
        docx = samples.write_docx(self.dir / "a.docx", seed=1)
        with zipfile.ZipFile(docx) as archive:
            self.assertIn("[Content_Types].xml", archive.namelist())
            for name in archive.namelist():
                ElementTree.fromstring(archive.read(name))  # noqa: S314 -- our own output
            self.assertIn(MOTTO, archive.read("word/document.xml").decode())
        odt = samples.write_odt(self.dir / "a.odt", seed=1)
        with zipfile.ZipFile(odt) as archive:
            first = archive.infolist()[0]
            self.assertEqual(first.filename, "mimetype")
            self.assertEqual(first.compress_type, zipfile.ZIP_STORED)
            self.assertEqual(archive.read("mimetype"), b"application/vnd.oasis.opendocument.text")
            for name in archive.namelist()[1:]:
                ElementTree.fromstring(archive.read(name))  # noqa: S314 -- our own output
        self.assertEqual(odt.read_bytes()[30:38], b"mimetype")

    def test_rtf_is_ascii_with_unicode_escapes(self) -> None:
        rtf = samples.write_rtf(self.dir / "a.rtf", seed=1).read_bytes()
        self.assertTrue(rtf.startswith(b"{\\rtf1"))
        rtf.decode("ascii")
        escaped = "".join(f"\\u{ord(char)}?" if ord(char) > 127 else char for char in "CỘNG HÒA")
        self.assertIn(escaped.encode(), rtf)

    def test_libreoffice_converts_them_to_pdf_with_the_vietnamese_text(self) -> None:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            self.skipTest("LibreOffice (soffice) is not installed")
        seed = 6
        sources = [
            samples.write_docx(self.dir / "mau_docx.docx", seed=seed),
            samples.write_odt(self.dir / "mau_odt.odt", seed=seed),
            samples.write_rtf(self.dir / "mau_rtf.rtf", seed=seed),
        ]
        profile = (self.dir / "profile").as_uri()
        out = self.dir / "out"
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), *map(str, sources)],
            capture_output=True,
            check=True,
            timeout=180,
        )  # fmt: skip
        lines = samples.sample_text(seed).splitlines()
        number = next(line for line in lines if line.startswith("Số: "))
        article = next(line for line in lines if line.startswith("Điều 1. "))
        for source in sources:
            with self.subTest(source.suffix):
                text = one_line(" ".join(pdf_texts(out / f"{source.stem}.pdf")))
                self.assertIn(MOTTO, text)
                self.assertIn(number, text)
                self.assertIn(one_line(article)[:60], text)
