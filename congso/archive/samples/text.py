"""Sample document texts: generated Quyết định and real documents of the vbpl1000 corpus."""

from __future__ import annotations

import datetime
import json
import random
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from .words import (
    _ARTICLE_HEADINGS,
    _CLAUSE_HEADINGS,
    _DEPARTMENTS,
    _FACTS,
    _FIELDS,
    _GIVEN_NAMES,
    _LEGAL_BASES,
    _MIDDLE_NAMES,
    _MODIFIERS,
    _OBJECTS,
    _PREDICATES,
    _PROVINCES,
    _RECIPIENTS,
    _SENTENCE_SUBJECTS,
    _SUBJECTS,
    _SURNAMES,
    _UBND_DIVISIONS,
)


def _rng(purpose: str, seed: int | str) -> random.Random:
    """A private generator for one purpose; string seeds hash the same in every process."""
    return random.Random(f"congso.samples.{purpose}:{seed}")  # noqa: S311 -- test data


def _vn_date(day: datetime.date) -> str:
    """Format a date as Nghị định 30 writes it: "ngày 03 tháng 02 năm 2025", "tháng 6"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _money(rng: random.Random) -> str:
    """An amount in đồng with Vietnamese thousands separators: "1.250.000.000"."""
    amount = rng.randint(12, 9_800) * 1_000_000
    return f"{amount:,}".replace(",", ".")


def _person(rng: random.Random) -> str:
    """A plausible Vietnamese full name."""
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE_NAMES)} {rng.choice(_GIVEN_NAMES)}"


def _fresh(rng: random.Random, options: Sequence[str], used: set[str]) -> str:
    """A choice from ``options``, preferring one not in ``used``; it is then marked used."""
    unused = [option for option in options if option not in used]
    choice = rng.choice(unused or options)
    used.add(choice)
    return choice


def _sentence(rng: random.Random, context: dict[str, str], used: set[str]) -> str:
    """One administrative sentence: a fixed fact or subject + predicate + object + modifier.

    ``used`` holds what the document already said; facts, objects and modifiers are not
    repeated until their list runs out.
    """
    if rng.random() < 0.35:
        template = _fresh(rng, _FACTS, used)
    else:
        template = " ".join(
            (
                rng.choice(_SENTENCE_SUBJECTS),
                rng.choice(_PREDICATES),
                _fresh(rng, _OBJECTS, used) + ",",
                _fresh(rng, _MODIFIERS, used) + ".",
            )
        )
    return template.format(**context)


def _decision_lines(rng: random.Random, paragraphs: int) -> list[str]:
    """The lines of one Quyết định, header to signer, drawn from the word lists."""
    province, kind, place = rng.choice(_PROVINCES)
    area = f"{kind} {province}"
    area_upper = area.upper()
    dept, dept_abbr = rng.choice(_DEPARTMENTS)
    # After the 2025 reform (provinces merged, no more districts), so every basis is older.
    issued = datetime.date(2025, 7, 1) + datetime.timedelta(days=rng.randrange(548))
    proposal_date = issued - datetime.timedelta(days=rng.randint(3, 40))
    deadline = issued + datetime.timedelta(days=rng.randint(30, 300))
    by_province = rng.random() < 0.6
    deputy = rng.random() < 0.6
    context = {
        "year": str(issued.year),
        "kind": kind,
        "area": area,
        "dept": dept,
        "body": f"Ủy ban nhân dân {area}" if by_province else dept,
        "count": str(rng.randint(5, 180)),
        "percent": str(rng.randrange(60, 101, 5)),
        "money": _money(rng),
        "field": rng.choice(_FIELDS),
        "deadline": _vn_date(deadline),
        "report_day": f"{rng.choice((5, 10, 15, 20, 25)):02d}",
        "party": "Tỉnh ủy" if kind == "tỉnh" else "Thành ủy",
    }
    bases = rng.sample(_LEGAL_BASES, k=rng.randint(2, 4))
    if by_province:
        issuer = ["ỦY BAN NHÂN DÂN", area_upper]
        if rng.random() < 0.15:
            number = f"{rng.randint(1, 60):02d}/{issued.year}/QĐ-UBND"
        else:
            number = f"{rng.randint(1, 3200)}/QĐ-UBND"
        collective = rng.random() < 0.3
        authority = ("" if collective else "CHỦ TỊCH ") + f"ỦY BAN NHÂN DÂN {area_upper}"
        signer = ["TM. ỦY BAN NHÂN DÂN"] if collective else []
        signer += ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if deputy else ["CHỦ TỊCH"]
        bases.insert(0, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
        proposal = (
            f"Theo đề nghị của Giám đốc {dept} tại Tờ trình số {rng.randint(10, 900)}"
            f"/TTr-{dept_abbr} {_vn_date(proposal_date)}."
        )
        executors = (
            f"Chánh Văn phòng Ủy ban nhân dân {kind}, Giám đốc {dept}, Thủ trưởng các sở, ban,"
            f" ngành {kind}; Chủ tịch Ủy ban nhân dân các xã, phường và các cơ quan, tổ chức,"
            " cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."
        )
        archive_line = f"- Lưu: VT, {rng.choice(_UBND_DIVISIONS)}."
    else:
        issuer = [f"UBND {area_upper}", dept.upper()]
        number = f"{rng.randint(1, 900)}/QĐ-{dept_abbr}"
        authority = f"GIÁM ĐỐC {dept.upper()}"
        signer = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if deputy else ["GIÁM ĐỐC"]
        bases.append(
            f"Căn cứ Quyết định số {rng.randint(10, 3000)}/QĐ-UBND"
            f" {_vn_date(issued - datetime.timedelta(days=rng.randint(60, 400)))} của Ủy ban"
            f" nhân dân {area} quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của"
            f" {dept};"
        )
        proposal = f"Theo đề nghị của Chánh Văn phòng {dept}."
        executors = (
            f"Chánh Văn phòng, Trưởng các phòng chuyên môn, Thủ trưởng các đơn vị trực thuộc"
            f" {dept} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"
            " Quyết định này./."
        )
        archive_line = f"- Lưu: VT, {rng.choice(('VP', 'KHTC', 'TCCB', 'NV'))}."

    subject, first_article = rng.choice(_SUBJECTS)
    lines = [
        *issuer,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {number}",
        f"{place}, {_vn_date(issued)}",
        "QUYẾT ĐỊNH",
        "Về việc " + subject.format(**context),
        authority,
        *bases,
        proposal,
        "QUYẾT ĐỊNH:",
    ]

    body = [f"Điều 1. {first_article.format(**context)}"]
    article, clause, clause_target = 1, 0, rng.randint(1, 3)
    used: set[str] = set()
    headings = list(_ARTICLE_HEADINGS)
    rng.shuffle(headings)
    while len(body) < paragraphs:
        remaining = paragraphs - len(body)
        if clause >= clause_target and remaining >= 2 and headings:
            article += 1
            body.append(f"Điều {article}. {headings.pop()}")
            clause, clause_target = 0, rng.randint(2, 4)
            continue
        clause += 1
        if remaining >= 3 and rng.random() < 0.25:
            body.append(f"{clause}. {rng.choice(_CLAUSE_HEADINGS)}:")
            items = min(remaining - 1, rng.randint(2, 3))
            for index in range(items):
                end = ";" if index < items - 1 else "."
                item = _sentence(rng, context, used).rstrip(".")
                body.append(f"{'abcd'[index]}) {item}{end}")
        else:
            count = rng.randint(1, 3)
            sentences = " ".join(_sentence(rng, context, used) for _ in range(count))
            body.append(f"{clause}. {sentences}")
    if rng.random() < 0.7:
        effect = "Quyết định này có hiệu lực kể từ ngày ký."
    else:
        effect = f"Quyết định này có hiệu lực kể từ {_vn_date(issued + datetime.timedelta(10))}."
    body.append(f"Điều {article + 1}. {effect}")
    body.append(f"Điều {article + 2}. {executors}")

    recipients = ["Nơi nhận:", f"- Như Điều {article + 2};"]
    recipients += [r.format(**context) for r in rng.sample(_RECIPIENTS, k=rng.randint(3, 6))]
    recipients.append(archive_line)
    closing = [*signer, *(["(Đã ký)"] if rng.random() < 0.3 else []), _person(rng)]
    return lines + body + recipients + closing


def sample_text(seed: int, *, paragraphs: int = 12, corpus_dir: Path | None = None) -> str:
    """A realistic Vietnamese administrative document (a Quyết định), NFC, lines joined by "\\n".

    The document has the issuing body, the national motto, "Số: 123/QĐ-UBND", the place and
    date, "QUYẾT ĐỊNH" with its abstract, "Căn cứ ..." lines, ``paragraphs`` body paragraphs
    starting with "Điều 1. ..." (articles, numbered clauses and lettered items), the articles
    on entry into force and execution, "Nơi nhận:" and the signer. Everything (body, numbers,
    dates, names, sentences) varies with ``seed``.

    If ``corpus_dir`` is given and :func:`sample_text_from_corpus` finds a document there,
    that real text is returned instead, exactly as stored (it may not be NFC).
    """
    if corpus_dir is not None:
        text = sample_text_from_corpus(corpus_dir, seed)
        if text is not None:
            return text
    if paragraphs < 1:
        raise ValueError(f"paragraphs must be at least 1, not {paragraphs}")
    rng = _rng("text", seed)
    return unicodedata.normalize("NFC", "\n".join(_decision_lines(rng, paragraphs)))


def sample_text_from_corpus(corpus_dir: Path, seed: int) -> str | None:
    """The full text of one real document of the vbpl1000 corpus, picked by ``seed``.

    ``corpus_dir`` is the corpus directory (or its ``documents.jsonl``): one JSON object per
    line, ``page_kind`` "fulltext" documents carry their body in ``text`` (see SOURCE.md).
    Only documents with a full text are picked. The text is returned exactly as stored:
    some documents are not NFC and contain soft hyphens or zero-width spaces. Returns None
    when the file is missing or holds no full-text document.
    """
    path = Path(corpus_dir)
    if path.is_dir():
        path = path / "documents.jsonl"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Cheap pre-filter on the raw line; the chosen line is then parsed and checked.
    candidates = [line for line in data.splitlines() if b'"fulltext"' in line]
    rng = _rng("corpus", seed)
    while candidates:
        line = candidates.pop(rng.randrange(len(candidates)))
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("page_kind") == "fulltext":
            text = record.get("text")
            if isinstance(text, str) and text.strip():
                return text
    return None
