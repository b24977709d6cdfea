"""Dossier packages: one or more dossiers exported as one ZIP file that another install
(or agency) imports to the same dossiers, documents and files.

    metadata/dossiers.json    the dossiers and their documents (Phụ lục VI element names)
    metadata/dossiers.xml     the same, as XML
    originals/<year>.<dossier symbol>/<DocCode>_<YYYYMMDD>.<ext>   each original
    pdfa/<year>.<dossier symbol>/<DocCode>_<YYYYMMDD>.pdf          each PDF/A-2b copy
    manifest-sha256.txt       "<sha256>  <path>" for every file above

A document's code follows Công văn 7197/BKHCN-CĐSQG (2025): agency code, type
abbreviation, a six-digit number (here the document's place in the dossier) and the
version, `H98.01_QĐ_000001_V1`; the date in a file name is the capture date.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive import metadata, search, storage
from congso.archive.formats import EXTENSIONS, Kind
from congso.archive.models import FIELD_NAMES, Document, Dossier, DossierDocument
from congso.archive.reading import doctypes
from congso.core import audit
from congso.core.text import fold
from congso.org.models import Unit, User

FORMAT = "congso-dossiers/1"
_MANIFEST = "manifest-sha256.txt"
# Document fields carried by a package besides the read fields.
_DOCUMENT_FIELDS = ("title", "original_name", "media_type", "sha256", "size", "page_count", "text")


def export_dossiers(dossiers: Sequence[Dossier]) -> bytes:
    """The dossiers as one ZIP package (see the module's docstring)."""
    files: dict[str, bytes] = {}
    described = []
    for dossier in dossiers:
        folder = f"{dossier.year}.{dossier.notation}"
        documents = []
        for filing in dossier.filings.select_related("document").order_by("ordinal"):
            document = filing.document
            code = doc_code(document, filing.ordinal)
            stamp = timezone.localdate(document.captured_at).strftime("%Y%m%d")
            entry = _document_metadata(document, filing.ordinal, code)
            entry["original"] = f"originals/{folder}/{code}_{stamp}.{_extension(document)}"
            files[entry["original"]] = storage.absolute(document.original.name).read_bytes()
            if document.archive:
                entry["pdfa"] = f"pdfa/{folder}/{code}_{stamp}.pdf"
                files[entry["pdfa"]] = storage.absolute(document.archive.name).read_bytes()
            documents.append(entry)
        described.append({"dossier": _dossier_metadata(dossier), "documents": documents})
    metadata = {"format": FORMAT, "dossiers": described}
    files["metadata/dossiers.json"] = json.dumps(metadata, ensure_ascii=False, indent=1).encode()
    files["metadata/dossiers.xml"] = _xml(metadata)
    manifest = "".join(f"{_sha256(data)}  {name}\n" for name, data in sorted(files.items()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in sorted(files.items()):
            package.writestr(name, data)
        package.writestr(_MANIFEST, manifest)
    return buffer.getvalue()


def _extension(document: Document) -> str:
    return EXTENSIONS.get(Kind(document.media_type), "bin") if document.media_type else "bin"


@transaction.atomic
def import_dossiers(*, package: bytes, unit: Unit, by: User) -> list[Dossier]:
    """Make the packaged dossiers, their documents and files again in `unit`'s agency.

    Every file is checked against the manifest first; nothing is written if one fails."""
    files, metadata = _read_package(package)
    return [_import_dossier(item, files, unit=unit, by=by) for item in metadata["dossiers"]]


def _import_dossier(
    item: dict[str, Any], files: dict[str, bytes], *, unit: Unit, by: User
) -> Dossier:
    given = item["dossier"]
    if Dossier.objects.filter(
        agency_id=unit.agency_id, year=given["FileCatalog"], notation=given["FileNotation"]
    ).exists():
        raise ValidationError(
            _("Cơ quan đã có hồ sơ %(code)s năm %(year)s.")
            % {"code": given["FileNotation"], "year": given["FileCatalog"]}
        )
    dossier = Dossier.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        year=given["FileCatalog"],
        notation=given["FileNotation"],
        title=given["Title"],
        retention_years=given["Maintenance"],
        rights=given["Rights"],
        language=given["Language"],
        state=given["State"],
        start_date=_date(given["StartDate"]),
        end_date=_date(given["EndDate"]),
        description=given["Description"],
        creator=by,
    )
    made = [
        _import_document(entry, files, unit=unit, dossier=dossier, by=by)
        for entry in item["documents"]
    ]
    search.index_documents(made)
    audit.record(actor=by, verb="import_dossier", target=dossier, after={"documents": len(made)})
    return dossier


def doc_code(document: Document, number: int) -> str:
    """DocCode of Công văn 7197/2025: MCQ_LV_STT_PB (`H98.01_QĐ_000001_V1`)."""
    return f"{document.agency.code}_{_type_code(document.doc_type)}_{number:06d}_V1"


def _type_code(doc_type: str) -> str:
    """The type's abbreviation (Công văn is CV in Công văn 7197; VB when unknown)."""
    found = doctypes.by_name(doc_type) if doc_type else None
    if found is not None and found.abbreviations:
        return found.abbreviations[0]
    return "CV" if fold(doc_type) == "cong van" else "VB"


def _dossier_metadata(dossier: Dossier) -> dict[str, Any]:
    filings = list(dossier.filings.select_related("document"))
    return {
        "FileCode": dossier.file_code,
        "OrganId": dossier.agency.code,
        "FondsCode": dossier.fonds.code if dossier.fonds else None,
        "FileCatalog": dossier.year,
        "FileNotation": dossier.notation,
        "Title": dossier.title,
        "Maintenance": dossier.retention_years,
        "MaintenanceLabel": dossier.retention_label,
        "Rights": dossier.rights,
        "Language": dossier.language,
        "StartDate": _iso(dossier.start_date),
        "EndDate": _iso(dossier.end_date),
        "DocTotal": len(filings),
        "PageTotal": sum(f.document.page_count for f in filings),
        "Description": dossier.description,
        "State": dossier.state,
    }


def _document_metadata(document: Document, ordinal: int, code: str) -> dict[str, Any]:
    number, notation = metadata.split_number_symbol(document.number_symbol)
    fields = {name: _plain(getattr(document, name)) for name in (*FIELD_NAMES, *_DOCUMENT_FIELDS)}
    return {
        "DocCode": code,
        "DocOrdinal": ordinal,
        "TypeName": document.doc_type,
        "CodeNumber": number,
        "CodeNotation": notation,
        "IssuedDate": _iso(document.issued_date),
        "OrganName": document.issuer,
        "Subject": document.abstract,
        "PageAmount": document.page_count,
        "fields": fields,
    }


def _import_document(
    entry: dict[str, Any], files: dict[str, bytes], *, unit: Unit, dossier: Dossier, by: User
) -> Document:
    fields = dict(entry["fields"])
    if Document.objects.filter(agency_id=unit.agency_id, sha256=fields["sha256"]).exists():
        raise ValidationError(
            _("Cơ quan đã có văn bản %(code)s (cùng nội dung).") % {"code": entry["DocCode"]}
        )
    fields["issued_date"] = _date(fields["issued_date"])
    document = Document(
        agency_id=unit.agency_id,
        unit=unit,
        source=Document.Source.IMPORT,
        state=Document.State.DONE,
        pages_done=fields["page_count"],
        captured_by=by,
        processed_at=timezone.now(),
        **fields,
    )
    document.uuid = uuid.uuid4()
    original = storage.original_name(unit.agency_id, document.uuid)
    _write(original, files[entry["original"]])
    document.original.name = original
    if "pdfa" in entry:
        archive = storage.archive_name(unit.agency_id, document.uuid)
        _write(archive, files[entry["pdfa"]])
        document.archive.name = archive
        document.archive_sha256 = _sha256(files[entry["pdfa"]])
    document.save()
    DossierDocument.objects.create(
        dossier=dossier, document=document, ordinal=entry["DocOrdinal"], filed_by=by
    )
    return document


def _read_package(package: bytes) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The package's files and metadata, after every file matched the manifest."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
    except zipfile.BadZipFile as error:
        raise ValidationError(_("Tệp không phải gói hồ sơ (ZIP).")) from error
    listed = files.pop(_MANIFEST, b"").decode().splitlines()
    expected: dict[str, str] = {}
    for line in listed:
        digest, _sep, name = line.partition("  ")
        expected[name] = digest
    if not expected or set(expected) != set(files):
        raise ValidationError(_("Gói hồ sơ thiếu tệp hoặc thiếu danh sách mã băm."))
    for name, digest in expected.items():
        if _sha256(files[name]) != digest:
            raise ValidationError(_("Tệp %(name)s trong gói đã bị thay đổi.") % {"name": name})
    metadata: dict[str, Any] = json.loads(files["metadata/dossiers.json"])
    if metadata.get("format") != FORMAT:
        raise ValidationError(_("Định dạng gói hồ sơ không hỗ trợ."))
    return files, metadata


def _xml(metadata: dict[str, Any]) -> bytes:
    root = ElementTree.Element("Package", format=FORMAT)
    for item in metadata["dossiers"]:
        dossier = ElementTree.SubElement(root, "File")
        _xml_fields(dossier, item["dossier"])
        for entry in item["documents"]:
            doc = ElementTree.SubElement(dossier, "Doc")
            _xml_fields(doc, {k: v for k, v in entry.items() if k != "fields"})
    ElementTree.indent(root)
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def _xml_fields(parent: ElementTree.Element, values: dict[str, Any]) -> None:
    for name, value in values.items():
        ElementTree.SubElement(parent, name).text = "" if value is None else str(value)


def _write(name: str, data: bytes) -> None:
    path = storage.absolute(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
