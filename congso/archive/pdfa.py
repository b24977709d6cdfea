"""Building the PDF/A-2b archive copy with pikepdf.

Scanned pages keep their original image streams; recognized text is laid over them as
invisible text. The archive copy gets the PDF/A identification, an sRGB output intent
and loses what PDF/A forbids (encryption, JavaScript, embedded files). A PDF whose fonts
are not embedded cannot be made PDF/A this way and goes through Ghostscript instead.
See docs/decisions/0005-pdfa-archive-copies.md.
"""

import io
import math
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageSequence

from congso.archive.formats import CaptureError

_EXIF_ROTATION = {3: 180, 6: 90, 8: 270}


def _srgb_profile() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return bytes(profile.tobytes())


def _dpi(frame: Image.Image) -> float:
    dpi = frame.info.get("dpi", (300, 300))[0]
    try:
        value = float(dpi)
    except (TypeError, ValueError):
        return 300.0
    return value if 50 <= value <= 2400 else 300.0


def _image_stream(pdf: pikepdf.Pdf, frame: Image.Image, jpeg: bytes | None) -> pikepdf.Stream:
    if jpeg is not None and frame.mode in ("L", "RGB"):
        data, filters, mode = jpeg, pikepdf.Name.DCTDecode, frame.mode
    else:
        if frame.mode in ("RGBA", "LA", "P", "PA") or "transparency" in frame.info:
            rgba = frame.convert("RGBA")
            frame = Image.new("RGB", rgba.size, "white")
            frame.paste(rgba, mask=rgba.getchannel("A"))
        elif frame.mode not in ("1", "L", "RGB"):
            frame = frame.convert("L" if frame.mode.startswith("I") else "RGB")
        data, filters, mode = (
            zlib.compress(frame.tobytes(), 6),
            pikepdf.Name.FlateDecode,
            frame.mode,
        )
    stream = pikepdf.Stream(pdf, data)
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height = frame.size
    stream.BitsPerComponent = 1 if mode == "1" else 8
    stream.ColorSpace = pikepdf.Name.DeviceRGB if mode == "RGB" else pikepdf.Name.DeviceGray
    stream.Filter = filters
    return stream


def _frames(path: Path) -> Iterator[tuple[Image.Image, bytes | None, int]]:
    """Each image of the file, its JPEG bytes when they can be kept as they are, and
    the page rotation its EXIF orientation asks for."""
    with Image.open(path) as image:
        is_jpeg = image.format == "JPEG"
        rotation = _EXIF_ROTATION.get(image.getexif().get(0x0112, 1), 0) if is_jpeg else 0
        for frame in ImageSequence.Iterator(image):
            frame.load()
            yield frame, path.read_bytes() if is_jpeg else None, rotation


def images_to_pdf(path: Path, out: Path, *, max_pixels: int) -> int:
    """Put each image (or TIFF frame) of path on a page of its physical size."""
    pdf = pikepdf.new()
    try:
        for frame, jpeg, rotation in _frames(path):
            width, height = frame.size
            if width * height > max_pixels:
                raise image_too_large(width * height)
            scale = 72.0 / _dpi(frame)
            page_width, page_height = width * scale, height * scale
            image = _image_stream(pdf, frame, jpeg)
            content = f"q {page_width:.3f} 0 0 {page_height:.3f} 0 0 cm /Im0 Do Q".encode()
            page = pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, page_width, page_height],
                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
                Contents=pikepdf.Stream(pdf, content),
            )
            if rotation:
                page.Rotate = rotation
            pdf.pages.append(pikepdf.Page(page))
    except Image.DecompressionBombError as error:
        raise image_too_large(None) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise CaptureError("image_corrupt", _("Tệp ảnh bị hỏng, không đọc được.")) from error
    pdf.save(out)
    return len(pdf.pages)


def image_too_large(pixels: int | None) -> CaptureError:
    if pixels is None:
        return CaptureError(
            "image_bomb",
            _("Ảnh khai báo kích thước quá lớn, có thể là tệp độc hại; hệ thống không mở."),
        )
    return CaptureError(
        "image_bomb",
        _("Ảnh có %(pixels)s điểm ảnh, vượt giới hạn cho phép; có thể là tệp độc hại.")
        % {"pixels": f"{pixels:,}".replace(",", ".")},
    )


def overlay_text(pdf: pikepdf.Pdf, index: int, text_pdf: pikepdf.Pdf, *, rotation: float) -> None:
    """Lay the invisible text page over page, undoing the turn made before OCR.

    `rotation` is the counter-clockwise angle the page image was turned so that its
    text stood upright (quarter turns plus a small deskew). The text page has the
    image's size at the OCR resolution, so it is at the page's scale; it is turned
    back about the centres, and whole quarter turns become the page's /Rotate so that
    viewers show the page upright.
    """
    page = pdf.pages[index]
    text_page = text_pdf.pages[0]
    form = pdf.copy_foreign(text_page.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="OCR")
    box = [float(v) for v in page.mediabox]
    text_box = [float(v) for v in text_page.mediabox]
    text_width, text_height = text_box[2] - text_box[0], text_box[3] - text_box[1]
    angle = math.radians(-rotation)
    a, b, c, d = math.cos(angle), math.sin(angle), -math.sin(angle), math.cos(angle)
    # translate(page centre) · rotate · translate(-text centre)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    e = cx - (a * text_width / 2 + c * text_height / 2)
    f = cy - (b * text_width / 2 + d * text_height / 2)
    matrix = f"{a:.6f} {b:.6f} {c:.6f} {d:.6f} {e:.3f} {f:.3f}"
    page.contents_add(pikepdf.Stream(pdf, f"q {matrix} cm {name} Do Q".encode()))
    quarter_turns = round(rotation / 90) % 4
    if quarter_turns:
        page.obj.Rotate = (int(page.obj.get("/Rotate", 0)) - quarter_turns * 90) % 360


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        key = xobject.objgen
        if key in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        yield from _fonts(xobject.get("/Resources"), seen)


def _font_is_embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        return all(_font_is_embedded(d) for d in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


_SHOW_TEXT = {"Tj", "TJ", "'", '"'}


def _fonts_used(page: pikepdf.Page) -> set[str]:
    """Resource names of the fonts the page's content shows text with.

    A font only selected (`Tf`) but never drawn with, as some generators do at the
    start of every page, is not used for rendering.
    """
    used, current = set(), None
    try:
        for instruction in pikepdf.parse_content_stream(page, "Tf Tj TJ ' \""):
            operands, operator = instruction.operands, str(instruction.operator)
            if operator == "Tf" and operands:
                current = str(operands[0])
            elif operator in _SHOW_TEXT and current:
                used.add(current)
    except pikepdf.PdfError:
        return {"?"}  # unreadable content: assume the worst
    return used


def missing_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Fonts that are drawn with but not embedded (PDF/A forbids them).

    Generators often list a standard font they never use; only fonts the page content
    selects count (fonts inside form XObjects always count).
    """
    seen: set[tuple[int, int]] = set()
    names: list[str] = []
    for page in pdf.pages:
        resources: Any = page.get("/Resources")
        page_fonts = (resources or {}).get("/Font") or {}
        suspects = [key for key, font in page_fonts.items() if not _font_is_embedded(font)]
        used = _fonts_used(page) if suspects else set()
        names += [
            str(page_fonts[key].get("/BaseFont", "?"))
            for key in suspects
            if key in used or "?" in used
        ]
        for xobject in ((resources or {}).get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                names += [
                    str(font.get("/BaseFont", "?"))
                    for font in _fonts(xobject.get("/Resources"), seen)
                    if not _font_is_embedded(font)
                ]
    return sorted(set(names))


def _strip_forbidden(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    names = root.get("/Names")
    if names is not None:
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
    if "/AcroForm" in root and "/NeedAppearances" in root.AcroForm:
        root.AcroForm.NeedAppearances = False


def finish_pdfa(pdf: pikepdf.Pdf, out: Path, *, title: str) -> None:
    """Make pdf a PDF/A-2b document and save it to out."""
    _strip_forbidden(pdf)
    icc = pikepdf.Stream(pdf, _srgb_profile())
    icc.N = 3
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=icc,
            )
        ]
    )
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["xmp:CreatorTool"] = "Công sở số"
    pdf.save(
        out,
        min_version="1.7",
        fix_metadata_version=True,
        object_stream_mode=(pikepdf.ObjectStreamMode.generate),
    )


_GS_PDFA_DEF = """%!
[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark
[{icc_PDFA} <</N 3>> /PUT pdfmark
[{icc_PDFA} (ICC) (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark
[{OutputIntent_PDFA} <</Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA}
  /OutputConditionIdentifier (sRGB IEC61966-2.1)>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFA} ]>> /PUT pdfmark
"""


def ghostscript_pdfa(source: Path, out: Path, *, workdir: Path, timeout: int = 600) -> None:
    """Convert with Ghostscript: embeds missing fonts, slower than finish_pdfa."""
    icc = workdir / "srgb.icc"
    icc.write_bytes(_srgb_profile())
    definition = workdir / "pdfa_def.ps"
    definition.write_text(_GS_PDFA_DEF.replace("(ICC)", f"({icc})"), encoding="ascii")
    command = [
        "gs",
        "-dPDFA=2",
        "-dBATCH",
        "-dNOPAUSE",
        "-dQUIET",
        "-sDEVICE=pdfwrite",
        "-sColorConversionStrategy=RGB",
        "-dPDFACompatibilityPolicy=1",
        f"--permit-file-read={icc}",
        f"-sOutputFile={out}",
        str(definition),
        str(source),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603
    except (OSError, subprocess.SubprocessError) as error:
        raise CaptureError(
            "pdfa_failed", _("Không tạo được bản lưu trữ PDF/A (Ghostscript).")
        ) from error


def check_pdfa(path: Path) -> list[str]:
    """Problems that keep the file from being PDF/A-2b, as far as its structure shows.

    Not a full validator (veraPDF is that): it checks identification, output intent,
    embedded fonts, encryption, JavaScript and embedded files.
    """
    problems = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
            problems.append("no PDF/A-2b identification in XMP")
        intents = pdf.Root.get("/OutputIntents")
        if not intents or "/DestOutputProfile" not in intents[0]:
            problems.append("no output intent with an ICC profile")
        problems += [f"font not embedded: {name}" for name in missing_fonts(pdf)]
        names: Any = pdf.Root.get("/Names") or {}
        if "/JavaScript" in names or "/OpenAction" in pdf.Root:
            problems.append("JavaScript or open action")
        if "/EmbeddedFiles" in names:
            problems.append("embedded files")
        if "/ID" not in pdf.trailer:
            problems.append("no file identifier")
    return problems


def open_pdf(path: Path) -> pikepdf.Pdf:
    """Open a PDF, turning pikepdf's errors into the user's reasons."""
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError as error:
        raise CaptureError(
            "encrypted", _("Tệp PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.")
        ) from error
    except pikepdf.PdfError as error:
        raise CaptureError("corrupt", _("Tệp PDF bị hỏng, không đọc được.")) from error


def load_text_pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(path.read_bytes()))
