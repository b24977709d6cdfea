"""Services of the archive, by subdomain: capture and processing (`capture`), the fields
read from documents, their corrections and citations (`fields`), the words each agency
writes (`lexicon`), saved searches (`searches`), the integrity of stored files
(`integrity`), records: file plans, dossiers and handovers (`records`)."""

from congso.archive.services.capture import (
    Capture,
    add_version,
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
    set_readers,
    store_reading,
    suggest_classification,
    unresolved_citations,
)
from congso.archive.services.integrity import check_integrity, last_check
from congso.archive.services.packages import export_dossiers, import_dossiers
from congso.archive.services.records import (
    add_heading,
    close_dossier,
    create_file_plan,
    decide_disposal,
    file_document,
    hand_over,
    open_dossier,
    open_unplanned_dossier,
    plan_dossier,
    propose_disposal,
    reopen_dossier,
)
from congso.archive.services.searches import delete_search, save_search

__all__ = [
    "Capture",
    "add_heading",
    "add_version",
    "apply_rules",
    "capture",
    "capture_path",
    "check_integrity",
    "citation_marks",
    "close_dossier",
    "correct_fields",
    "create_file_plan",
    "decide_disposal",
    "delete_rule",
    "delete_search",
    "export_dossiers",
    "file_document",
    "hand_over",
    "import_dossiers",
    "last_check",
    "open_dossier",
    "open_unplanned_dossier",
    "plan_dossier",
    "process_document",
    "propose_disposal",
    "reopen_dossier",
    "requeue_stale",
    "reread_document",
    "rerun_ocr",
    "resolve_citations",
    "retry_document",
    "save_rule",
    "save_search",
    "set_readers",
    "store_reading",
    "suggest_classification",
    "unresolved_citations",
]
