"""Each agency's lexicon: the words it writes, learned from its own born-digital text,
used to correct what OCR reads in its scans (see `archive.lexicon`).

What it learns: the text of the agency's documents that came with a text layer
(born-digital PDFs, office files, plain text), the fields people checked, the names of
the agency, its units and its staff, and what every install ships (`seed_texts`,
`seed_words`: the administrative units, the words of administrative writing, a word
list of the language). OCR output is never learned: it would teach the lexicon its own errors. One
file per agency in `$CONGSO_DATA_DIR/lexicon/`, rebuilt daily (`congso learn_lexicon`,
Celery beat) and on first use, and after an upgrade that changed the shipped seed texts;
agencies never share one, so no agency's words reach another's scans.
"""

import functools
import hashlib
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from congso.archive.lexicon import Lexicon
from congso.archive.models import Document, Page
from congso.org.models import Agency, User
from congso.org.services import UNIT_SCHEMES, shipped_units

# Fields whose checked values are trusted text.
_CHECKED_FIELDS = ("abstract", "issuer", "issuer_parent", "signer", "signer_position", "place")


def lexicon_path(agency_id: int) -> Path:
    """Where the agency's lexicon is stored, named after the version of the seed texts it
    holds: after an upgrade that changes them, each agency's is learned again on first
    use instead of waiting for the nightly rebuild."""
    folder = Path(settings.DATA_DIR) / "lexicon"
    return folder / f"agency-{agency_id}-{_seed_version()}.lex"


@functools.cache
def _seed_version() -> str:
    seed = "\x00".join([*seed_texts(), *seed_words()])
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


def _discard_stale(agency_id: int) -> None:
    """Lexicons of the agency learned with other seed texts (and the unversioned name)."""
    current = lexicon_path(agency_id)
    folder = current.parent
    for path in [folder / f"agency-{agency_id}.lex", *folder.glob(f"agency-{agency_id}-*.lex")]:
        if path != current:
            path.unlink(missing_ok=True)


def learn_lexicon(*, agency_id: int) -> Lexicon:
    """Build the agency's lexicon from what it holds now and store it (atomically)."""
    lexicon = seeded_lexicon()
    for text in _agency_texts(agency_id):
        lexicon.learn(text)
    path = lexicon_path(agency_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(lexicon.to_bytes())
    os.replace(partial, path)
    _discard_stale(agency_id)
    return lexicon


def agency_lexicon(agency_id: int) -> Lexicon:
    """The agency's lexicon as last learned (learned now if it never was)."""
    path = lexicon_path(agency_id)
    if not path.exists():
        learn_lexicon(agency_id=agency_id)
    return _load(path, path.stat().st_mtime_ns)


@functools.cache
def shipped_lexicon() -> Lexicon:
    """What an agency with no documents yet corrects its scans with: the seed texts
    and words alone. `congso extract` reads with it when no agency is named."""
    return seeded_lexicon()


def seeded_lexicon() -> Lexicon:
    """A new lexicon that knows what every install ships, ready to learn an agency's own
    texts."""
    lexicon = Lexicon()
    for text in seed_texts():
        lexicon.learn(text)
    lexicon.learn_words(seed_words())
    return lexicon


@functools.lru_cache(maxsize=8)
def _load(path: Path, modified: int) -> Lexicon:
    """One loaded copy per file version and process (a worker reads many documents)."""
    return Lexicon.from_bytes(path.read_bytes())


@functools.cache
def seed_texts() -> tuple[str, ...]:
    """What every install knows: the administrative units of both maps shipped with the
    project (provinces, districts, communes), one per line, and the words of Vietnamese
    administrative writing (`data/administrative_vi.txt`: the national motto, the
    bodies, positions and types of documents, the phrases of abstracts, legal bases and
    footers, the fields of work). The latter counts as one text, not more: a correction
    wants a pair seen twice, so what it says once ("khoản chi") never changes a real word
    ("khoán chi") of an agency that has no documents of its own yet."""
    names = [str(unit["name"]) for scheme in UNIT_SCHEMES for unit in shipped_units(scheme)]
    base = resources.files("congso.archive").joinpath("data/administrative_vi.txt")
    return ("\n".join(names), base.read_text("utf-8"))


@functools.cache
def seed_words() -> tuple[str, ...]:
    """A Vietnamese word list (`data/words_vi.txt`, see `data/README.md`), one witness of
    each word: beside a single sighting in the administrative words or an agency's text
    it supports a correction ("LỤC LƯỢNG" → "LỰC LƯỢNG", "kiến - nghị" → "kiến nghị");
    alone it never does: the list says a word exists, not how often it is written."""
    words = resources.files("congso.archive").joinpath("data/words_vi.txt")
    return tuple(words.read_text("utf-8").splitlines())


def _agency_texts(agency_id: int) -> Iterator[str]:
    agency = Agency.objects.get(pk=agency_id)
    yield "\n".join([agency.name, *agency.units.values_list("name", flat=True)])
    # Its staff's names, one a line: the signers, whose names OCR gets a mark wrong in.
    # Twice: a name's correction wants its pairs seen twice, and the staff list is sure.
    staff = User.objects.filter(posts__agency_id=agency_id).distinct()
    names = "\n".join(staff.values_list("full_name", flat=True))
    yield from (names, names)
    documents = Document.objects.filter(agency_id=agency_id, state=Document.State.DONE)
    layer = Page.objects.filter(
        document__in=documents, text_source=Page.TextSource.TEXT_LAYER
    ).values_list("text", flat=True)
    yield from layer.iterator(chunk_size=200)
    checked = documents.filter(~Q(fields_checked_at=None)).values_list(*_CHECKED_FIELDS)
    for values in checked.iterator(chunk_size=500):
        yield "\n".join(value for value in values if value)
