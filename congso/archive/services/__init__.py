"""Services of the archive, by subdomain: capture and processing (`capture`), the fields
read from documents, their corrections and citations (`fields`), the words each agency
writes (`lexicon`), saved searches (`searches`), the integrity of stored files
(`integrity`)."""

from congso.archive.services.capture import (
    Capture,
    capture,
    capture_path,
    process_document,
    requeue_stale,
    rerun_ocr,
    retry_document,
)
from congso.archive.services.fields import (
    apply_rules,
    citation_marks,
    correct_fields,
    delete_rule,
    reread_document,
    resolve_citations,
    save_rule,
    store_reading,
    suggest_classification,
    unresolved_citations,
)
from congso.archive.services.integrity import check_integrity, last_check
from congso.archive.services.searches import delete_search, save_search

__all__ = [
    "Capture",
    "apply_rules",
    "capture",
    "capture_path",
    "check_integrity",
    "citation_marks",
    "correct_fields",
    "delete_rule",
    "delete_search",
    "last_check",
    "process_document",
    "requeue_stale",
    "reread_document",
    "rerun_ocr",
    "resolve_citations",
    "retry_document",
    "save_rule",
    "save_search",
    "store_reading",
    "suggest_classification",
    "unresolved_citations",
]
