"""Office files (DOCX, DOC, ODT, RTF) and plain text to PDF/A-2b with LibreOffice."""

import os
import subprocess
import threading
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from congso.archive import vntext
from congso.archive.formats import EXTENSIONS, CaptureError, Kind, decode_text

# LibreOffice's PDF export writes PDF/A-2b itself when asked.
_EXPORT = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


# One LibreOffice profile per process, used by one conversion at a time: two soffice
# runs on one profile fail (threads of one web process convert one after the other).
_one_at_a_time = threading.Lock()


def _profile_dir() -> Path:
    path = Path(settings.DATA_DIR) / "cache" / "libreoffice" / str(os.getpid())
    path.mkdir(parents=True, exist_ok=True)
    return path


def convert_to_pdf(source: Path, kind: Kind, workdir: Path) -> Path:
    """Convert source (of kind) to a PDF in workdir and return its path."""
    stem = workdir / "office-input"
    target = stem.with_suffix("." + EXTENSIONS[kind])
    if kind == Kind.TEXT:
        text = vntext.normalize_text(decode_text(source.read_bytes()))
        target.write_text(text, encoding="utf-8")
        infilter = ["--infilter=Text (encoded):UTF8,LF,Liberation Serif,vi-VN"]
    else:
        target.write_bytes(source.read_bytes())
        infilter = []
    command = [
        "soffice",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        f"-env:UserInstallation=file://{_profile_dir()}",
        *infilter,
        "--convert-to",
        _EXPORT,
        "--outdir",
        str(workdir),
        str(target),
    ]
    try:
        with _one_at_a_time:
            subprocess.run(  # noqa: S603 (fixed program, our own paths)
                command, check=True, capture_output=True, timeout=settings.CONGSO_OFFICE_TIMEOUT
            )
    except FileNotFoundError as error:
        raise CaptureError(
            "office_missing", _("Máy chủ chưa cài LibreOffice nên chưa chuyển được tệp văn phòng.")
        ) from error
    except (subprocess.SubprocessError, OSError) as error:
        raise CaptureError(
            "conversion_failed", _("Không chuyển được tệp sang PDF; tệp có thể bị hỏng.")
        ) from error
    pdf = stem.with_suffix(".pdf")
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise CaptureError(
            "conversion_failed", _("Không chuyển được tệp sang PDF; tệp có thể bị hỏng.")
        )
    return pdf
