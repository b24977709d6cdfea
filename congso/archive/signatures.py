"""Digital signatures of PDF files (PAdES, as Vietnamese agencies sign), validated with
pyHanko: who signed, for which organisation, when, whether the signed bytes are intact,
and whether the signer's certificate leads to a trusted root.

Trust roots are the certificates (PEM or DER) in `CONGSO_TRUST_ROOTS`, a folder: put
the national root CA certificates there (and any agency CA). Nothing is fetched from
the network: revocation data embedded in the file is used when present. The file is
only read, never changed.
"""

from __future__ import annotations

import datetime
import functools
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

_CERTIFICATE_FILES = (".pem", ".crt", ".cer", ".der")


@dataclass(frozen=True)
class SignatureCheck:
    field: str  # the signature field's name in the PDF
    signer: str  # the certificate's common name
    organisation: str
    signed_at: str | None  # ISO time the signer's software reported
    intact: bool  # the signed bytes are unchanged and the signature matches them
    trusted: bool  # the certificate chains to a trust root
    whole_file: bool  # nothing was added after signing
    status: str  # one of STATUSES

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# The worst status of a document's signatures is the document's.
STATUSES = {
    "valid": _("Hợp lệ"),
    "untrusted": _("Toàn vẹn, chưa xác định được nguồn tin cậy"),
    "modified": _("Toàn vẹn, có nội dung thêm sau khi ký"),
    "invalid": _("Không hợp lệ (nội dung đã bị thay đổi sau khi ký)"),
}
_ORDER = ["invalid", "modified", "untrusted", "valid"]


def check_pdf(path: Path) -> list[SignatureCheck]:
    """Every signature of the PDF at `path`, validated; [] when it has none or is not
    a readable PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with path.open("rb") as handle:
            reader = PdfFileReader(handle, strict=False)
            return [_check(embedded) for embedded in reader.embedded_signatures]
    except Exception:  # a damaged file or structure: no signature can be read
        log.warning("signatures of %s could not be read", path, exc_info=True)
        return []


def worst_status(checks: list[SignatureCheck]) -> str:
    """The document's signature status: "" when unsigned, else its worst signature's."""
    if not checks:
        return ""
    return min((check.status for check in checks), key=_ORDER.index)


def _check(embedded: Any) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=list(_trust_roots()), allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    subject = status.signing_cert.subject.native
    intact = bool(status.intact and status.valid)
    whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    trusted = bool(status.trusted)
    signed_at = status.signer_reported_dt
    return SignatureCheck(
        field=str(embedded.field_name),
        signer=str(subject.get("common_name", "")),
        organisation=str(subject.get("organization_name", "")),
        signed_at=signed_at.isoformat() if isinstance(signed_at, datetime.datetime) else None,
        intact=intact,
        trusted=trusted,
        whole_file=whole,
        status=_status(intact=intact, trusted=trusted, whole=whole),
    )


def _status(*, intact: bool, trusted: bool, whole: bool) -> str:
    if not intact:
        return "invalid"
    if not whole:
        return "modified"
    return "valid" if trusted else "untrusted"


@functools.cache
def _trust_roots_in(folder: str) -> tuple[Any, ...]:
    from pyhanko.sign.general import load_cert_from_pemder

    roots = []
    for path in sorted(Path(folder).glob("*")) if folder else []:
        if path.suffix.lower() in _CERTIFICATE_FILES:
            try:
                roots.append(load_cert_from_pemder(str(path)))  # type: ignore[no-untyped-call]  # untyped in pyhanko
            except Exception:  # a stray file in the folder: named in the log, skipped
                log.warning("not a certificate: %s", path)
    return tuple(roots)


def _trust_roots() -> tuple[Any, ...]:
    return _trust_roots_in(str(settings.CONGSO_TRUST_ROOTS or ""))
