"""Document types (tên loại) and the abbreviations they use in symbols (ký hiệu).

The table lives in `doctypes.json`, shipped with the package, because part of it is
inferred ([I] in its source notes) and must be correctable without a code change.
One abbreviation can name several types ("QĐ": an administrative Quyết định, a legal
normative one, a Party Quy định); lookups prefer the order of the file (administrative
first) unless a kind is asked for.
"""

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Literal, cast

from congso.archive.vntext import fold_lookalikes
from congso.core.text import fold, nfc

Kind = Literal["administrative", "legal_normative", "party", "consolidated"]
KINDS: tuple[Kind, ...] = ("administrative", "legal_normative", "party", "consolidated")

# Đ typed as the Icelandic eth (U+00D0/U+00F0) looks identical and is common in registers.
_ETH_TABLE = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


@dataclass(frozen=True)
class DocType:
    """One document type: Vietnamese name (NFC), symbol abbreviations, kind, source."""

    name: str
    abbreviations: tuple[str, ...]
    kind: Kind
    source: str


def identifier_key(text: str) -> str:
    """Compare form of an identifier part: NFC, lookalikes folded, Ð → Đ, upper case."""
    return fold_lookalikes(nfc(text)).translate(_ETH_TABLE).strip().upper()


def _ascii_key(text: str) -> str:
    """Like `identifier_key`, with Đ written D as on keyboards without Vietnamese."""
    return identifier_key(text).replace("Đ", "D")


@functools.cache
def _load() -> tuple[tuple[DocType, ...], tuple[str, ...]]:
    raw = json.loads(resources.files(__package__).joinpath("doctypes.json").read_text("utf-8"))
    types = tuple(_doc_type(entry) for entry in raw["types"])
    mixed = tuple(nfc(item["abbreviation"]) for item in raw["mixed_case_abbreviations"])
    return types, mixed


def _doc_type(entry: dict[str, object]) -> DocType:
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(f"doctypes.json: unknown kind {kind!r}")
    abbreviations = cast(list[str], entry["abbreviations"])
    return DocType(
        name=nfc(str(entry["name"])),
        abbreviations=tuple(nfc(abbr) for abbr in abbreviations),
        kind=cast(Kind, kind),
        source=str(entry["source"]),
    )


def all_types() -> tuple[DocType, ...]:
    """Every document type of the table, in file order (administrative first)."""
    return _load()[0]


def mixed_case_abbreviations() -> tuple[str, ...]:
    """Abbreviations written in mixed case: those of the types and extra ones ("TTg")."""
    from_types = (abbr for t in all_types() for abbr in t.abbreviations if not abbr.isupper())
    return tuple(dict.fromkeys([*from_types, *_load()[1]]))


@functools.lru_cache(maxsize=4096)
def canonical_abbreviation(abbr: str) -> str | None:
    """The table's spelling of a type abbreviation ("qd" → "QĐ", "CTR" → "CTr"), or None.

    An exact match (ignoring case) wins; D for Đ is accepted only when the table has no
    abbreviation spelt that way, so "HD" stays Hướng dẫn and "DA" stays Dự án.
    """
    exact = _abbreviations_by_key()
    key = identifier_key(abbr)
    if key in exact:
        return exact[key]
    spelt_with_d = {a for k, a in exact.items() if _ascii_key(k) == _ascii_key(key)}
    return spelt_with_d.pop() if len(spelt_with_d) == 1 else None


@functools.cache
def _abbreviations_by_key() -> dict[str, str]:
    return {identifier_key(a): a for t in all_types() for a in t.abbreviations}


def by_abbreviation(abbr: str, kind: Kind | None = None) -> DocType | None:
    """The first type (of `kind`, if given) using the abbreviation, or None."""
    canonical = canonical_abbreviation(abbr)
    for doc_type in all_types():
        if canonical in doc_type.abbreviations and kind in (None, doc_type.kind):
            return doc_type
    return None


def by_name(name: str, kind: Kind | None = None) -> DocType | None:
    """The first type (of `kind`, if given) with this name, ignoring tones and case."""
    wanted = " ".join(fold(name).split())
    for doc_type in all_types():
        if fold(doc_type.name) == wanted and kind in (None, doc_type.kind):
            return doc_type
    return None
