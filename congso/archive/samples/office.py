"""Office documents (zipfile / plain text): DOCX, ODT and RTF."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .layout import _BOTTOM, _LEFT, _MM, _RIGHT, _TEXT_WIDTH, _TOP
from .structure import Style, _Block, _Columns, _issuer, _Para, _segments, _structure, _title
from .text import sample_text

# Real documents name Times New Roman, but LibreOffice substitutes Liberation Serif for it,
# and Debian 12's fonts-liberation 1.07 has no Vietnamese letters: the missing glyphs then
# come from a fallback font and PDF text extraction returns them out of order. DejaVu Serif
# (fonts-dejavu-core) covers Vietnamese everywhere the rest of this package works.
_OFFICE_FONT = "DejaVu Serif"
_TWIPS = 20  # per point
_TEXT_TWIPS = round(_TEXT_WIDTH * _TWIPS)


def _write_zip(path: Path, members: Sequence[tuple[str, str]], *, stored_first: bool) -> Path:
    """A zip with fixed timestamps (reproducible); the first member stored if asked."""
    path = Path(path)
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, content) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            stored = stored_first and index == 0
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode("utf-8"))
    return path


def _office_size(para: _Para) -> float:
    """Font size in the office formats: lines set to fit (the motto) get 10.5 pt."""
    return min(para.size, 10.5) if para.fit else para.size


def _docx_paragraph(para: _Para) -> str:
    """A WordprocessingML paragraph."""
    jc = {"left": "left", "center": "center", "justify": "both"}[para.align]
    spacing = (
        f'<w:spacing w:before="{round((para.before + para.signature) * _TWIPS)}"'
        f' w:after="{round(para.after * _TWIPS)}"/>'
    )
    indent = f'<w:ind w:firstLine="{round(para.indent * _TWIPS)}"/>' if para.indent else ""
    runs = []
    half_points = round(_office_size(para) * 2)
    for text, style in _segments(para):
        props = (
            f'<w:rFonts w:ascii="{_OFFICE_FONT}" w:hAnsi="{_OFFICE_FONT}" w:cs="{_OFFICE_FONT}"/>'
            + ("<w:b/>" if "bold" in style else "")
            + ("<w:i/>" if "italic" in style else "")
            + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        )
        runs.append(
            f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        )
    return f'<w:p><w:pPr>{spacing}{indent}<w:jc w:val="{jc}"/></w:pPr>{"".join(runs)}</w:p>'


def _docx_body(blocks: Sequence[_Block]) -> str:
    """Paragraphs, and borderless two-cell tables for the header and the signature."""
    parts = []
    for block in blocks:
        if isinstance(block, _Para):
            parts.append(_docx_paragraph(block))
            continue
        left = round(_TEXT_TWIPS * block.split)
        widths = (left, _TEXT_TWIPS - left)
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            + ("".join(_docx_paragraph(p) for p in paras) or "<w:p/>")
            + "</w:tc>"
            for width, paras in zip(widths, (block.left, block.right), strict=True)
        )
        parts.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{_TEXT_TWIPS}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
            + f"</w:tblGrid><w:tr>{cells}</w:tr></w:tbl>"
        )
        parts.append("<w:p/>")
    return "".join(parts)


def write_docx(path: Path, *, seed: int) -> Path:
    """A minimal valid DOCX (written with zipfile) of :func:`sample_text` ``(seed)``.

    A4 with Nghị định 30 margins, DejaVu Serif 13 pt, the header and the signature block
    as borderless two-column tables, bold titles and articles, italic legal bases.
    """
    text = sample_text(seed)
    blocks = _structure(text)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{w}"><w:body>{_docx_body(blocks)}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{round(_TOP * _TWIPS)}" w:right="{round(_RIGHT * _TWIPS)}"'
        f' w:bottom="{round(_BOTTOM * _TWIPS)}" w:left="{round(_LEFT * _TWIPS)}"'
        ' w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml"'
        ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(_title(blocks))}</dc:title>"
        f"<dc:creator>{escape(_issuer(blocks))}</dc:creator><dc:language>vi-VN</dc:language>"
        "</cp:coreProperties>"
    )
    return _write_zip(
        path,
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", relationships),
            ("word/document.xml", document),
            ("docProps/core.xml", core),
        ],
        stored_first=False,
    )


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def _odt_text_properties(style: Style, size: float) -> str:
    """ODF text properties for a style and size."""
    return (
        f'<style:text-properties style:font-name="{_OFFICE_FONT}" fo:font-size="{size:g}pt"'
        f' fo:font-weight="{"bold" if "bold" in style else "normal"}"'
        f' fo:font-style="{"italic" if "italic" in style else "normal"}"/>'
    )


def _odt_content(blocks: Sequence[_Block]) -> str:
    """content.xml: automatic styles for each paragraph look, then the body."""
    styles: dict[tuple[object, ...], str] = {}
    definitions: list[str] = []

    def paragraph_style(para: _Para) -> str:
        size = _office_size(para)
        key = (para.align, para.indent, para.before + para.signature, para.after, para.style, size)
        if key not in styles:
            name = styles[key] = f"P{len(styles) + 1}"
            align = {"left": "start", "center": "center", "justify": "justify"}[para.align]
            definitions.append(
                f'<style:style style:name="{name}" style:family="paragraph">'
                f'<style:paragraph-properties fo:text-align="{align}"'
                f' fo:text-indent="{para.indent:g}pt" fo:margin-top="{key[2]:g}pt"'
                f' fo:margin-bottom="{para.after:g}pt"/>'
                f"{_odt_text_properties(para.style, size)}</style:style>"
            )
        return styles[key]

    def paragraph(para: _Para) -> str:
        name = paragraph_style(para)
        segments = _segments(para)
        if len(segments) == 1:
            return f'<text:p text:style-name="{name}">{escape(para.text)}</text:p>'
        prefix, rest = segments[0][0], segments[1][0]
        return (
            f'<text:p text:style-name="{name}"><text:span text:style-name="Tbold">'
            f"{escape(prefix)}</text:span>{escape(rest)}</text:p>"
        )

    body: list[str] = []
    for number, block in enumerate(blocks):
        if isinstance(block, _Para):
            body.append(paragraph(block))
            continue
        cells = "".join(
            '<table:table-cell office:value-type="string">'
            + ("".join(paragraph(p) for p in paras) or "<text:p/>")
            + "</table:table-cell>"
            for paras in (block.left, block.right)
        )
        body.append(
            f'<table:table table:name="Bang{number}" table:style-name="Tbl">'
            f'<table:table-column table:style-name="Col{block.split:g}A"/>'
            f'<table:table-column table:style-name="Col{block.split:g}B"/>'
            f"<table:table-row>{cells}</table:table-row></table:table>"
        )
    width_cm = _TEXT_WIDTH / _MM / 10
    for split in sorted({b.split for b in blocks if isinstance(b, _Columns)}):
        for suffix, fraction in (("A", split), ("B", 1 - split)):
            definitions.append(
                f'<style:style style:name="Col{split:g}{suffix}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{width_cm * fraction:.2f}cm"/>'
                "</style:style>"
            )
    definitions.append(
        '<style:style style:name="Tbl" style:family="table"><style:table-properties'
        f' style:width="{width_cm:.2f}cm" table:align="left"/></style:style>'
        '<style:style style:name="Tbold" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_ODF_NS} office:version="1.3">'
        f'<office:font-face-decls><style:font-face style:name="{_OFFICE_FONT}"'
        f' svg:font-family="\'{_OFFICE_FONT}\'" style:font-family-generic="roman"/>'
        "</office:font-face-decls>"
        f"<office:automatic-styles>{''.join(definitions)}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )


def write_odt(path: Path, *, seed: int) -> Path:
    """A minimal valid ODT (zipfile; "mimetype" first and stored) of :func:`sample_text`.

    Same typography as :func:`write_docx`: A4, Nghị định 30 margins, tables for the header
    and the signature block.
    """
    blocks = _structure(sample_text(seed))
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {_ODF_NS} office:version="1.3"><office:automatic-styles>'
        '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm"'
        ' fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm"'
        ' fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="A4"/>'
        "</office:master-styles></office:document-styles>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {_ODF_NS} office:version="1.3"><office:meta>'
        f"<dc:title>{escape(_title(blocks))}</dc:title><dc:language>vi-VN</dc:language>"
        f"<meta:initial-creator>{escape(_issuer(blocks))}</meta:initial-creator>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        + "".join(
            f"<manifest:file-entry manifest:full-path={quoteattr(name)}"
            ' manifest:media-type="text/xml"/>'
            for name in ("content.xml", "styles.xml", "meta.xml")
        )
        + "</manifest:manifest>"
    )
    return _write_zip(
        path,
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", _odt_content(blocks)),
            ("styles.xml", styles),
            ("meta.xml", meta),
        ],
        stored_first=True,
    )


def _rtf_escape(text: str) -> str:
    """RTF text: ASCII as is (\\, { and } escaped), everything else as \\uN? (UTF-16)."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            units = char.encode("utf-16-be")
            for i in range(0, len(units), 2):
                code = int.from_bytes(units[i : i + 2], "big")
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out)


def _rtf_paragraph(para: _Para, *, in_table: bool, end: str) -> str:
    """One RTF paragraph ending with ``end`` ("\\par" or "\\cell")."""
    align = {"left": "\\ql", "center": "\\qc", "justify": "\\qj"}[para.align]
    start = (
        "\\pard\\plain"
        + ("\\intbl" if in_table else "")
        + align
        + f"\\sb{round((para.before + para.signature) * _TWIPS)}"
        + f"\\sa{round(para.after * _TWIPS)}\\fi{round(para.indent * _TWIPS)}"
        + f"\\f0\\fs{round(_office_size(para) * 2)} "
    )
    runs = []
    for text, style in _segments(para):
        codes = ("\\b" if "bold" in style else "") + ("\\i" if "italic" in style else "")
        runs.append("{" + codes + (" " if codes else "") + _rtf_escape(text) + "}")
    return start + "".join(runs) + end + "\n"


def write_rtf(path: Path, *, seed: int) -> Path:
    """An RTF document of :func:`sample_text` with Vietnamese as \\uN? escapes (pure ASCII).

    A4 with Nghị định 30 margins, DejaVu Serif, the header and signature block as
    two-cell table rows.
    """
    blocks = _structure(sample_text(seed))
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n",
        f"{{\\fonttbl{{\\f0\\froman\\fcharset0 {_OFFICE_FONT};}}}}\n",
        "{\\info{\\title " + _rtf_escape(_title(blocks)) + "}",
        "{\\author " + _rtf_escape(_issuer(blocks)) + "}}\n",
        f"\\paperw11906\\paperh16838\\margl{round(_LEFT * _TWIPS)}"
        f"\\margr{round(_RIGHT * _TWIPS)}\\margt{round(_TOP * _TWIPS)}"
        f"\\margb{round(_BOTTOM * _TWIPS)}\n",
    ]
    for block in blocks:
        if isinstance(block, _Para):
            parts.append(_rtf_paragraph(block, in_table=False, end="\\par"))
            continue
        left = round(_TEXT_TWIPS * block.split)
        parts.append(f"\\trowd\\trgaph108\\cellx{left}\\cellx{_TEXT_TWIPS}\n")
        for paras in (block.left, block.right):
            if not paras:
                parts.append("\\pard\\intbl\\cell\n")
            for index, para in enumerate(paras):
                end = "\\cell" if index == len(paras) - 1 else "\\par"
                parts.append(_rtf_paragraph(para, in_table=True, end=end))
        parts.append("\\row\n")
    parts.append("}\n")
    path = Path(path)
    path.write_text("".join(parts), encoding="ascii")
    return path
