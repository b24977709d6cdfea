"""What a file is, judged by its content (never by its name), and the errors a
capture can end in, each with a reason in Vietnamese."""

import zipfile
from enum import StrEnum
from pathlib import Path

from django.utils.translation import gettext as _


class Kind(StrEnum):
    PDF = "application/pdf"
    TIFF = "image/tiff"
    JPEG = "image/jpeg"
    PNG = "image/png"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    DOC = "application/msword"
    ODT = "application/vnd.oasis.opendocument.text"
    RTF = "application/rtf"
    TEXT = "text/plain"


IMAGE_KINDS = {Kind.TIFF, Kind.JPEG, Kind.PNG}
OFFICE_KINDS = {Kind.DOCX, Kind.DOC, Kind.ODT, Kind.RTF, Kind.TEXT}
EXTENSIONS = {
    Kind.PDF: "pdf",
    Kind.TIFF: "tif",
    Kind.JPEG: "jpg",
    Kind.PNG: "png",
    Kind.DOCX: "docx",
    Kind.DOC: "doc",
    Kind.ODT: "odt",
    Kind.RTF: "rtf",
    Kind.TEXT: "txt",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class CaptureError(Exception):
    """A file that cannot become a document; `message` is shown to the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def unsupported() -> CaptureError:
    return CaptureError(
        "unsupported",
        _(
            "Định dạng tệp không được hỗ trợ. Hệ thống nhận PDF, TIFF, JPEG, PNG, DOCX, DOC, ODT, "
            "RTF và tệp văn bản thuần."
        ),
    )


def _zip_kind(path: Path) -> Kind | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip().decode("ascii", "replace")
                return Kind.ODT if mimetype == Kind.ODT.value else None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return Kind.DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if error.start < len(head) - 4:
            printable = sum(1 for b in head if b >= 0x20 or b in b"\t\r\n")
            return printable / max(len(head), 1) > 0.97  # legacy 8-bit (TCVN3, VNI, cp1258)
    return True


def sniff(path: Path) -> Kind:
    """The kind of file at path, from its bytes. Raises CaptureError if unsupported."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if not head:
        raise CaptureError("empty", _("Tệp rỗng (0 byte)."))
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return Kind.TIFF
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(path)
        if kind is None:
            raise unsupported()
        return kind
    if head.startswith(_OLE):
        if "WordDocument".encode("utf-16-le") in head or b"WordDocument" in head:
            return Kind.DOC
        raise unsupported()
    if head.startswith(b"{\\rtf"):
        return Kind.RTF
    if _looks_like_text(head):
        return Kind.TEXT
    raise unsupported()


def decode_text(data: bytes) -> str:
    """Plain text in whatever encoding Vietnamese offices used: UTF-8/16, else cp1252
    bytes (TCVN3 and VNI come out as such and are converted by normalize_text)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
