"""What a user typed, as the parts both engines search with.

- Words match without tones (`terms`, on the folded column); their exact forms, when
  typed with tones, rank documents spelling them so first ("bán" before "bạn").
- Adjacent words rank documents holding them side by side first (`pairs`).
- "Quoted phrases" must appear as such (`phrases`).
- A document number in any form ("749/QĐ-TTg", "749 qd ttg", "QĐ-TTg 749") is matched on
  the symbols column and ranks first (`symbols`).
- With `prefix` (search as you type) the last word may be the start of a word.
- A query of many words (a question) matches documents holding any of them, best first;
  a short one, documents holding all (`require_all`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from congso.archive.reading import identifiers
from congso.archive.search import analysis

_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]")
# How many matches of a query are ranked: the newest (and as many more whose head holds
# every word; a question's are those holding its rarest words, see rarity.py). Ranking
# reads each candidate's positions, too slow for tens of thousands. Results count their
# matches only this far (the facets count them all, after the results are shown).
CANDIDATES = 500
# More words than this and the query is read as a question: any word may match.
ALL_WORDS_UP_TO = 5
# Function words that say nothing of a document, dropped from long queries only.
_QUESTION_WORDS = frozenset(
    [
        "dung",
        "hay",
        "sai",
        "nao",
        "sau",
        "day",
        "la",
        "cua",
        "va",
        "cac",
        "duoc",
        "co",
        "khi",
        "thi",
        "theo",
        "nhung",
        "mot",
        "nay",
        "do",
        "voi",
        "cho",
        "tai",
        "trong",
        "ve",
        "neu",
        "hoac",
        "phai",
        "bao",
        "gom",
    ]
)


@dataclass
class Query:
    text: str
    terms: list[str] = field(default_factory=list)  # folded syllables
    exact: list[str] = field(default_factory=list)  # syllables typed with tones or đ
    pairs: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)  # folded syllables of each
    symbols: list[str] = field(default_factory=list)
    prefix: str | None = None  # a folded start of word
    require_all: bool = True

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.symbols or self.prefix)

    def relaxed(self) -> Query:
        """The same words, any of which may match (when all of them find nothing)."""
        return Query(
            self.text,
            self.terms,
            self.exact,
            self.pairs,
            [],
            self.symbols,
            None,
            require_all=False,
        )


def parse(text: str, *, prefix: bool = False) -> Query:
    """Parse a query as typed in the search box."""
    query = Query(text)
    rest = text
    for quoted in _QUOTED.findall(text):
        syllables = analysis.words(quoted)
        if syllables:
            query.phrases.append([analysis.fold_word(s) for s in syllables])
        rest = rest.replace(quoted, " ")
    rest = _take_symbols(rest, query)
    syllables = analysis.words(rest)
    if prefix and syllables and not re.search(r"\s$", text):
        query.prefix = analysis.fold_word(syllables.pop())
    query.require_all = len(syllables) + len(query.phrases) <= ALL_WORDS_UP_TO
    if not query.require_all:
        syllables = [s for s in syllables if analysis.fold_word(s) not in _QUESTION_WORDS]
    query.terms = list(dict.fromkeys(analysis.fold_word(s) for s in syllables))
    query.exact = list(dict.fromkeys(s for s in syllables if analysis.fold_word(s) != s))
    query.pairs = list(dict.fromkeys(analysis.pair_tokens(syllables)))
    return query


def _take_symbols(text: str, query: Query) -> str:
    """Move document numbers out of the text into `query.symbols`."""
    found = identifiers.find_number_symbols(text)
    for start, end, parsed in reversed(found):
        query.symbols.append(analysis.symbol_token(parsed.text))
        text = text[:start] + " " + text[end:]
    if found:
        return text
    loose = identifiers.parse_loose(text) if re.search(r"\d", text) else None
    if loose is not None and loose.type_abbr is not None and len(text.split()) <= 5:
        # "749 qd ttg": a number typed loosely, or maybe words; both are searched.
        query.symbols.append(analysis.symbol_token(loose.text))
    return text
