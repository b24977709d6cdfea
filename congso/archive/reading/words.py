"""Word tests shared by the header, footer and citation readers.

Matching is done on folded text (lower case, no tones, đ → d): OCR and typists drop or
change tones more often than letters, and the words tested here are unambiguous without
them. Lists of words are conventions of Vietnamese administrative writing, not law.
"""

from __future__ import annotations

import difflib
import functools
import re

from congso.archive.reading import doctypes
from congso.core.text import fold, nfc

_NOT_LETTER = re.compile(r"[^a-z0-9]+")


@functools.cache
def folded(text: str) -> str:
    """Lower case, no tones, đ → d, punctuation as single spaces."""
    return " ".join(_NOT_LETTER.sub(" ", fold(text)).split())


def similar(a: str, b: str) -> float:
    """How alike two folded strings are, 0..1 (tolerates OCR's dropped or swapped letters)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_upper(text: str) -> bool:
    """Written in capitals: "QUYẾT ĐỊNH", "KT. CHỦ TỊCH" (digits and signs aside)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


_MOTTOS = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
    "dang cong san viet nam",
)


def is_motto(text: str) -> bool:
    """The national motto or the Party's header ("ĐẢNG CỘNG SẢN VIỆT NAM"), even misread."""
    key = folded(text)
    return any(
        abs(len(key) - len(motto)) <= 0.2 * len(motto) and similar(key, motto) >= 0.85
        for motto in _MOTTOS
    )


_SEPARATOR = re.compile(r"^[\s\-_=*.–—~•·]{2,}$")
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")


def is_noise(text: str) -> bool:
    """Rules under the header ("-------"), page numbers and single stray marks."""
    stripped = text.strip()
    return (
        not stripped
        or bool(_SEPARATOR.match(stripped))
        or bool(_PAGE_NUMBER.match(stripped))
        or (len(stripped) == 1 and not stripped.isalnum())
    )


# --- Document types -----------------------------------------------------------------------


@functools.cache
def _type_names() -> tuple[tuple[str, str], ...]:
    """(folded name, name) of every type, longest first ("thong tu lien tich" first)."""
    names = {folded(t.name): t.name for t in doctypes.all_types()}
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


def type_name_at_start(text: str, *, fuzzy: bool = True) -> tuple[str, str] | None:
    """The type name a line starts with and the rest of the line: "LUẬT AN NINH MẠNG"
    → ("Luật", "AN NINH MẠNG"). With `fuzzy`, a misread letter is tolerated in names of
    8 letters or more, when no name matches exactly ("QUYET DlNH" but not "QUY ĐỊNH")."""
    key = folded(text).split()
    words = text.split()
    passes = (False, True) if fuzzy else (False,)
    for close in passes:
        for name_key, name in _type_names():
            size = len(name_key.split())
            head = " ".join(key[:size])
            if head == name_key or (
                close and len(name_key) >= 8 and similar(head, name_key) >= 0.9
            ):
                return name, " ".join(words[size:])
    return None


# --- Organisations and positions ----------------------------------------------------------

# Words that open the name of an organisation in a header ("BỘ", "SỞ", "ỦY BAN"…).
_ORGANISATION_HEADS = (
    "bo", "so", "cuc", "tong cuc", "chi cuc", "vu", "vien", "ban", "phong", "trung tam",
    "uy ban", "ubnd", "hoi dong", "hdnd", "van phong", "truong", "benh vien", "cong an",
    "dang uy", "tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang bo",
    "thanh tra", "kho bac", "bao hiem", "ngan hang", "toa an", "vien kiem sat", "chinh phu",
    "quoc hoi", "thu tuong", "chu tich nuoc", "doan", "mat tran", "lien doan", "hoi",
    "tap doan", "tong cong ty", "cong ty", "dai", "hoc vien", "kiem toan", "bo chi huy",
    "bo tu lenh", "quan khu", "ban chi dao", "to cong tac", "ban quan ly", "kiem toan nha nuoc",
)  # fmt: skip
_CONTINUING_END = re.compile(r"(?:,|-|–|\b(?:VÀ|CỦA|THUỘC|VỀ)|\b(?:và|của|thuộc))$")


def starts_organisation(text: str) -> bool:
    """True for a line that opens an organisation's name ("SỞ NỘI VỤ", "TỈNH ỦY")."""
    key = folded(text)
    if key.startswith(("ban hanh", "so hoa", "so lieu")):  # "BAN HÀNH…", not a Ban
        return False
    return any(key == head or key.startswith(head + " ") for head in _ORGANISATION_HEADS)


def continues_name(previous: str, text: str) -> bool:
    """True when `text` is the wrapped rest of the name on the line `previous`
    ("ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG", "BỘ KHOA HỌC VÀ / CÔNG NGHỆ"); a lone word
    ("… VÀ MÔI / TRƯỜNG") never opens a name, and a standing committee is one of the body
    after it ("ỦY BAN THƯỜNG VỤ / QUỐC HỘI")."""
    if _CONTINUING_END.search(previous.strip()) or len(text.split()) == 1:
        return True
    if folded(previous).endswith("uy ban thuong vu"):
        return True
    return not starts_organisation(text)


_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:]\s*(\S.*)$", re.IGNORECASE)


def authority_prefix(text: str) -> tuple[str, str] | None:
    """("KT.", "BỘ TRƯỞNG") for a signing-authority line "KT. BỘ TRƯỞNG"."""
    match = _AUTHORITY.match(text.strip())
    if match is None or not is_upper(match.group(2)):
        return None
    code = match.group(1).upper().replace("/", "")
    return f"{code}.", match.group(2).strip()


_POSITION_WORDS = (
    "truong", "pho", "chu tich", "giam doc", "thu truong", "bo truong", "cuc truong",
    "vu truong", "chanh", "thu tuong", "uy vien", "bi thu", "thong doc", "chu nhiem",
    "vien truong", "hieu truong", "tong giam doc", "tong cuc truong", "chi cuc truong",
    "tong bi thu", "thu ky", "chuyen vien", "tong kiem toan", "truong ban", "truong phong",
    "chi huy truong", "tu lenh", "chinh uy", "truong doan", "to truong", "doi truong",
    "uy ban", "hoi dong", "chinh phu", "quoc hoi", "ban chap hanh", "ban thuong vu",
    "thuong truc", "chanh an", "chanh van phong", "chanh thanh tra", "kiem toan truong",
)  # fmt: skip


# Positions as signature blocks print them, to give an OCR'd position its marks back when
# without tones it reads as one of them ("PHÔ CỰC TRƯỜNG" → "PHÓ CỤC TRƯỞNG"). Not
# "THỨ TRƯỞNG": without tones it is also "THỦ TRƯỞNG" (the head of a unit).
_POSITIONS = (
    "BỘ TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "TỔNG CỤC TRƯỞNG", "CHI CỤC TRƯỞNG",
    "THỦ TƯỚNG", "CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA", "CHÁNH ÁN", "VIỆN TRƯỞNG", "HIỆU TRƯỞNG", "TRƯỞNG PHÒNG",
    "TRƯỞNG BAN", "THỐNG ĐỐC", "BÍ THƯ", "CHỦ NHIỆM", "TỔNG KIỂM TOÁN", "TƯ LỆNH",
    "ĐỘI TRƯỞNG", "TRƯỞNG ĐOÀN", "KIỂM TOÁN TRƯỞNG",
)  # fmt: skip


@functools.cache
def _positions_by_key() -> dict[str, str]:
    every = [*_POSITIONS, *(f"PHÓ {name}" for name in _POSITIONS)]
    return {folded(name): name for name in every}


def position_marked(text: str) -> str:
    """A position in capitals with the marks of the usual position it reads as without
    tones; any other text as it is."""
    if not is_upper(text):
        return text
    return _positions_by_key().get(folded(text), text)


def is_position(text: str) -> bool:
    """A signer's position in capitals: "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG"."""
    if not is_upper(text) or len(text) > 90 or text.rstrip().endswith(":"):
        return False
    key = folded(text)
    return any(key == word or key.startswith(word + " ") for word in _POSITION_WORDS)


_NAME_WORD = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]+$")
_NOT_NAMES = {"da ky", "noi nhan", "kinh gui", "ky ten", "dong dau", "ghi ro ho ten"}
# Ranks and degrees printed before a signer's name in the forces and some sectors.
_NAME_PREFIX = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:(?:GS|PGS|TS|ThS|BS|CKII?)\.\s*)+)\s+"
)


def is_person_name(text: str) -> bool:
    """A Vietnamese full name: 2-6 capitalised words ("Nguyễn Thị Thanh Hà"), perhaps
    after a rank or degree ("Thượng tướng Lương Tam Quang", "PGS.TS. Lê Văn A")."""
    text = _NAME_PREFIX.sub("", text.strip())
    words = text.rstrip(".").split()
    if not 2 <= len(words) <= 6 or folded(text) in _NOT_NAMES:
        return False
    *names, given = words
    return all(_is_name_word(word) for word in names) and (
        _is_name_word(given) or _is_one_vowel_name(given)
    )


def _is_name_word(word: str) -> bool:
    # The class À-Ỹ holds small letters too ("ạnh", a name cut by a stamp).
    return bool(_NAME_WORD.match(word)) and word[0].isupper()


def _is_one_vowel_name(word: str) -> bool:
    """A given name of one vowel: "Ý" of "Nguyễn Như Ý", "A" of "Lê Văn A"."""
    return len(word) == 1 and word.isupper() and fold(word) in "aeiouy"


def is_upper_name(text: str) -> bool:
    """A full name in capitals ("NGUYỄN VĂN AN"), as some signature blocks print it; not
    a position, even misread ("Ứ TRƯỞNG")."""
    words = text.strip().split()
    if not 2 <= len(words) <= 5 or not is_upper(text):
        return False
    if any(word in _POSITION_PARTS for word in folded(text).split()):
        return False
    if any(word in _ORGANISATION_PARTS for word in nfc(text).upper().split()):
        return False  # a misread position's body ("ỦNG BỘ NỘI VỤ")
    *names, given = words
    return all(w.isalpha() and len(w) >= 2 for w in names) and (
        (len(given) >= 2 and given.isalpha()) or _is_one_vowel_name(given)
    )


_POSITION_PARTS = {"truong", "pho", "chu", "tich", "giam", "doc", "thu", "tuong", "uy", "ban"}
# Words of an organisation's name that no Vietnamese name holds (with their tones: "VŨ"
# is a family name, "VỤ" a department).
_ORGANISATION_PARTS = {
    "BỘ", "VỤ", "CỤC", "SỞ", "NỘI", "TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "VIỆN", "UBND", "HĐND"
}  # fmt: skip


_SIGNATURE_MARK = re.compile(
    r"^[({\[]?\s*(?:đã\s*ký|da\s*ky|ký|ky|chữ\s*ký|\[?\s*daky)\b.*$|^[({\[].*[)}\]]$",
    re.IGNORECASE,
)


def is_signature_mark(text: str) -> bool:
    """ "(Đã ký)", "(Ký, đóng dấu)", "[daky]" and other notes in the signature's place."""
    return bool(_SIGNATURE_MARK.match(text.strip()))


# --- Provinces ------------------------------------------------------------------------------

# "tỉnh" and "thành phố" with a province's name: OCR may put a wrong mark on the kind of
# unit ("TÍNH THANH HÓA", "thánh phố Hà Nội") where the language model cannot tell, as
# "tính" and "thánh" are words too ("tính đồng bộ").
_PROVINCE_KINDS = ("tỉnh", "thành phố")


@functools.cache
def _province_names() -> re.Pattern[str]:
    from congso.org.services import UNIT_SCHEMES, shipped_units

    names = {
        str(unit["short_name"])
        for scheme in UNIT_SCHEMES
        for unit in shipped_units(scheme)
        if unit["level"] == 1
    }
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<kind>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(?:{alternatives})\b", re.IGNORECASE
    )


def province_kinds_marked(text: str) -> str:
    """The kind of unit before a province's name with its marks put right, in the case it
    was written in: "ĐỊA PHẬN TÍNH THANH HÓA" → "ĐỊA PHẬN TỈNH THANH HÓA"."""

    def marked(match: re.Match[str]) -> str:
        words = match.group("kind").split()
        rest = match.group()[match.end("kind") - match.start() :]
        for size in (2, 1):
            read = words[-size:]
            for kind in _PROVINCE_KINDS:
                if fold(" ".join(read)) == fold(kind) and " ".join(read).casefold() != kind:
                    written = [
                        _in_case_of(old, new) for old, new in zip(read, kind.split(), strict=True)
                    ]
                    return " ".join([*words[:-size], *written]) + rest
        return match.group()

    return _province_names().sub(marked, text)


def _in_case_of(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word
