"""Documents cited in a text: "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020
của Chính phủ …" gives type, number/symbol, date, issuer, and how the text relates to it.

Relations: `based_on` (a legal basis, "Căn cứ …"), `replaces` ("… thay thế Thông tư số …"),
`repeals` ("bãi bỏ …", "… hết hiệu lực"), `amends` ("sửa đổi, bổ sung … Nghị định số …"),
otherwise `cites`. Laws are often cited by name and date without a number ("Luật Tổ chức
Chính phủ ngày 18 tháng 02 năm 2025"); those are kept with their title.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from collections.abc import Sequence

from congso.archive import vntext
from congso.archive.reading import doctypes, identifiers, words
from congso.archive.reading.result import RELATION_STRENGTH, Citation, Relation

_GENERIC = {"van ban": None, "cong van": "Công văn"}
_NAMED_TYPES = ("bo luat", "luat", "phap lenh", "hien phap")
# Matched with .match(text, pos): anchored at pos (a "^" would anchor at 0).
_DATE_AFTER = re.compile(
    r"\s*,?\s*(?:\([^)]{0,40}\)\s*)?(?:(?:duoc\s+)?(?:ban hanh|ky|thong qua)\s+)?ngay\s*"
    r"(\d{1,2})\s*(?:thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})|/\s*(\d{1,2})\s*/\s*(\d{4}))"
)
_ISSUER_AFTER = re.compile(r"\s*,?\s*cua\s+")
_ISSUER_STOP = re.compile(
    r"\s(?:quy dinh|ve|huong dan|sua doi|ban hanh|phe duyet|bo sung|thay the|trong|tai|theo|"
    r"da|duoc|dieu chinh|cong bo|thanh lap|giao|kien toan|quy|ve viec|va cac|nay|tu|den)\b"
    r"|[,;.:()\n\"“”]"
)
_NAMED_LAW = re.compile(
    r"\b(bo luat|luat|phap lenh)\s+([^;,.\n]{3,90}?)\s+ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*"
    r",?\s*nam\s*(\d{4})"
)
# "… thay thế Thông tư số …", not "thay thế cụm từ … tại Điều 7 của Nghị định số …".
_REPLACING = re.compile(r"(?<!duoc )thay the\s+(?:cac\s+)?[^;:]{0,40}$")
_NOT_A_DOCUMENT = re.compile(r"cum tu|\btu\b|khoan|diem|dieu|\btai\b")
# ... an appendix or a form of the document replaced: the document is amended.
_REPLACING_A_PART = re.compile(r"^thay the\s+(?:cac\s+)?(?:phu luc|mau|bieu mau)\b")
# "Sửa đổi, bổ sung một số điều của Nghị định số …", not "… được sửa đổi, bổ sung bởi …".
_AMENDING = re.compile(r"(?<!duoc )(?:sua doi|bo sung)[^;:]{0,90}$")
_OWN = r"kem theo\s+{type}\s+so\s*:?\s*"


@functools.cache
def _type_words() -> dict[str, str | None]:
    names: dict[str, str | None] = {words.folded(t.name): t.name for t in doctypes.all_types()}
    return {**names, **_GENERIC}


@functools.cache
def _type_before() -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(k) for k in _type_words()), key=len, reverse=True))
    return re.compile(rf"(?<![a-z])({alternatives})\s*(?:so\s*[:.]?\s*)?$")


def find(text: str, *, own_symbol: str | None = None) -> list[Citation]:
    """The documents `text` cites, once each, in order of first citation."""
    folded = identifiers.fold_same_length(text)
    found: dict[tuple[str, ...], Citation] = {}
    for start, end, parsed in identifiers.find_number_symbols(text):
        if parsed.text == own_symbol:
            continue
        type_start, doc_type, title = _type_of(text, folded, start)
        date, issuer, tail = _after(text, folded, end)
        citation = Citation(
            doc_type=doc_type or _type_from_symbol(parsed),
            number_symbol=parsed.text,
            issued_date=date,
            issuer=issuer,
            relation=_relation(folded, type_start, tail),
            text=" ".join(text[type_start:tail].split()),
            title=title,
        )
        _keep(found, citation)
    for match in _NAMED_LAW.finditer(folded):
        named = _named_law(text, match)
        if named is not None:
            _keep(found, named)
    return list(found.values())


def _keep(found: dict[tuple[str, ...], Citation], citation: Citation) -> None:
    old = found.get(citation.key)
    if old is None:
        found[citation.key] = citation
        return
    stronger = RELATION_STRENGTH[citation.relation] > RELATION_STRENGTH[old.relation]
    found[citation.key] = Citation(
        doc_type=old.doc_type or citation.doc_type,
        number_symbol=old.number_symbol,
        issued_date=old.issued_date or citation.issued_date,
        issuer=_better_spelt(old.issuer, citation.issuer),
        relation=citation.relation if stronger else old.relation,
        text=old.text,
        title=old.title or citation.title,
    )


def _better_spelt(first: str | None, second: str | None) -> str | None:
    """The first name of an issuer, unless a scan misread a word of it that the second
    spells right ("Bộ 4rưởng Bộ Công an", "Bộ trưởng Bộ Công an")."""
    if first is None or second is None:
        return first or second
    return second if _misread_words(first) > _misread_words(second) else first


def _misread_words(name: str) -> int:
    return sum(
        not vntext.is_syllable(word.strip(",.;:()").lower())
        for word in name.split()
        if any(c.isdigit() for c in word) or not word.isupper()
    )


def _type_of(text: str, folded: str, start: int) -> tuple[int, str | None, str | None]:
    """Where the citation starts, its type and (for a law cited by name) its title."""
    window_start = max(0, start - 140)
    before = folded[window_start:start]
    direct = _type_before().search(before)
    if direct is not None:
        return window_start + direct.start(), _type_words()[direct.group(1)], None
    # "Luật Tổ chức Chính phủ số 63/2025/QH15": the nearest law word with a name after it.
    label = re.search(r"\s+so\s*[:.]?\s*$", before)
    if label is None:
        return start, None, None
    name_end = window_start + label.start()
    for match in reversed(list(re.finditer(r"(?<![a-z])(bo luat|luat|phap lenh)\s+", before))):
        title_start = window_start + match.end()
        title = " ".join(text[title_start:name_end].split())
        doc_type = _type_words()[match.group(1)]
        if _LISTED.match(title):  # "Luật số 43/2024/QH15, số 47/2024/QH15"
            return window_start + match.start(), doc_type, None
        named = _is_law_name(text, window_start + match.start(), title)
        if named and len(title.split()) <= 14 and not re.search(r"[;.:]", title):
            return window_start + match.start(), doc_type, title
    return start, None, None


_LISTED = re.compile(r"số\s*\d[^;.:]*,$")


def _is_law_name(text: str, law_at: int, title: str) -> bool:
    """Whether the words after "Luật" at `law_at`, before a number/symbol, name a law:
    capitalised ("Luật Tổ chức Chính phủ"), or after a capital "Luật" ("Luật phòng cháy
    và chữa cháy", as older texts write it); not "luật" in running words ("pháp luật về
    đất đai"). A law cited by name and date alone needs the capital: "Luật này có hiệu
    lực từ ngày …" cites nothing."""
    return title[:1].isupper() or (title[:1].islower() and text[law_at : law_at + 1].isupper())


def _type_from_symbol(parsed: identifiers.NumberSymbol) -> str | None:
    if parsed.type_abbr is None:
        return None
    found = doctypes.by_abbreviation(parsed.type_abbr)
    return found.name if found is not None else None


def _after(text: str, folded: str, end: int) -> tuple[datetime.date | None, str | None, int]:
    """The date and issuer written after a symbol, and where the citation ends."""
    tail = end
    date = None
    dated = _DATE_AFTER.match(folded, end)
    if dated is not None:
        day, month, year, month2, year2 = dated.groups()
        date = _date(year or year2, month or month2, day)
        tail = dated.end()
    issuer = None
    of = _ISSUER_AFTER.match(folded, tail)
    if of is not None:
        stop = _ISSUER_STOP.search(folded, of.end(), of.end() + 120)
        issuer_end = stop.start() if stop is not None else min(len(text), of.end() + 120)
        candidate = " ".join(text[of.end() : issuer_end].split())
        if candidate[:1].isupper() and 0 < len(candidate.split()) <= 14:
            issuer, tail = candidate, issuer_end
    return date, issuer, tail


def _date(year: str, month: str, day: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _relation(folded: str, start: int, end: int) -> Relation:
    line_start = folded.rfind("\n", 0, start) + 1
    sentence_start = max(line_start, *(folded.rfind(sep, 0, start) + 1 for sep in ";."))
    line = folded[line_start:start].lstrip(' “"-+')
    before = folded[sentence_start:start]
    sentence_end = min(
        [i for i in (folded.find(sep, end) for sep in ";.\n") if i != -1] or [len(folded)]
    )
    after = folded[end:sentence_end]
    if line.startswith("can cu"):
        return "based_on"
    replacing = _REPLACING.search(before)
    if replacing is not None and _REPLACING_A_PART.search(replacing.group()):
        return "amends"  # "Thay thế Phụ lục số 02 ban hành kèm theo Thông tư số …"
    if replacing is not None and not _NOT_A_DOCUMENT.search(replacing.group()):
        return "replaces"
    if "bai bo" in before or "het hieu luc" in after:
        return "repeals"
    if _AMENDING.search(before):
        return "amends"
    return "cites"


def _named_law(text: str, match: re.Match[str]) -> Citation | None:
    title = " ".join(text[match.start(2) : match.end(2)].split())
    if not title[:1].isupper() or re.search(r"\bsố\s*\d", title) or len(title.split()) > 14:
        return None
    day, month, year = match.group(3), match.group(4), match.group(5)
    return Citation(
        doc_type=_type_words()[match.group(1)],
        number_symbol=None,
        issued_date=_date(year, month, day),
        issuer=None,
        relation=_relation(identifiers.fold_same_length(text), match.start(), match.end()),
        text=" ".join(text[match.start() : match.end()].split()),
        title=title,
    )


def own_symbol(texts: Sequence[str], doc_type: str) -> str | None:
    """The number/symbol a document gives itself ("ban hành kèm theo Thông tư số …"),
    for texts whose header lost it; the one named most often."""
    pattern = re.compile(_OWN.format(type=re.escape(words.folded(doc_type))))
    seen: Counter[str] = Counter()
    for text in texts:
        folded = identifiers.fold_same_length(text)
        for match in pattern.finditer(folded):
            symbols = identifiers.find_number_symbols(text[match.end() : match.end() + 60])
            if symbols and symbols[0][0] == 0:
                seen[symbols[0][2].text] += 1
    return seen.most_common(1)[0][0] if seen else None
