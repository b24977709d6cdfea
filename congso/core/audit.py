"""The append-only, hash-chained audit log.

Every state-changing service calls `record()` inside its transaction.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from congso.core.models import GENESIS_HASH, AuditChainHead, AuditEntry

JsonDict = dict[str, Any]


def _plain(values: JsonDict | None) -> JsonDict | None:
    """Turn values into what a JSONField gives back, so the hash survives a reload."""
    if values is None:
        return None
    plain: JsonDict = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return plain


def entry_hash(entry: AuditEntry) -> str:
    payload = {
        "seq": entry.seq,
        "created_at": entry.created_at.astimezone(datetime.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "verb": entry.verb,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_repr": entry.target_repr,
        "agency_id": entry.agency_id,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def snapshot(obj: models.Model, fields: list[str]) -> JsonDict:
    """The named fields of obj as a dict, for before/after values."""
    return {name: getattr(obj, name) for name in fields}


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "hệ thống"
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", actor))


def _agency_of(target: models.Model, actor: Any) -> int | None:
    # A model may name its agency with `audit_agency_id` (an Agency names itself).
    for attribute in ("audit_agency_id", "agency_id"):
        value = getattr(target, attribute, None)
        if value is not None:
            return int(value)
    post = getattr(actor, "active_post", None)
    return post.agency_id if post is not None else None


@transaction.atomic
def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    before: JsonDict | None = None,
    after: JsonDict | None = None,
    agency_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Call inside the service's transaction.

    `actor` is the User acting (None for the system). The agency defaults to the
    target's `audit_agency_id` or `agency_id`, else the actor's active agency.
    """
    head = AuditChainHead.objects.select_for_update().get_or_create(pk=1)[0]
    entry = AuditEntry(
        seq=head.seq + 1,
        created_at=timezone.now(),
        actor=actor,
        actor_label=_actor_label(actor),
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        agency_id=agency_id if agency_id is not None else _agency_of(target, actor),
        before=_plain(before),
        after=_plain(after),
        prev_hash=head.hash,
    )
    entry.hash = entry_hash(entry)
    entry.save(force_insert=True)
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry


@dataclass
class ChainReport:
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify_chain() -> ChainReport:
    """Walk the whole chain and report the first entry that does not hold."""
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return ChainReport(checked, expected_seq, "entry missing (deleted)")
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.seq, "previous-hash link broken")
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, entry.seq, "content altered")
        expected_seq, expected_prev, checked = entry.seq + 1, entry.hash, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.seq if head else 0
    if head_seq != checked or (head is not None and head.hash != expected_prev):
        return ChainReport(checked, checked + 1, "entries after this point deleted")
    return ChainReport(checked)


@dataclass
class ChainProblem:
    seq: int
    reason: str  # in Vietnamese, for operators
    target: str = ""  # the record the entry was about ("Document 12: Quyết định …")


def chain_problems() -> tuple[int, list[ChainProblem]]:
    """Walk the whole chain; every entry that does not hold, not only the first.

    After a broken entry the walk goes on from the hash that entry stores, so that one
    altered entry is reported once, not with all that follow it."""
    problems: list[ChainProblem] = []
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        target = f"{entry.target_type} {entry.target_id}: {entry.target_repr}"
        if entry.seq != expected_seq:
            problems.append(
                ChainProblem(expected_seq, f"mất bản ghi #{expected_seq}–#{entry.seq - 1}")
            )
        elif entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.seq, "đứt liên kết với bản ghi trước", target))
        if entry_hash(entry) != entry.hash:
            problems.append(ChainProblem(entry.seq, "nội dung bị sửa", target))
        expected_seq, expected_prev, checked = entry.seq + 1, entry.hash, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq >= expected_seq or head.hash != expected_prev):
        problems.append(ChainProblem(expected_seq, f"mất các bản ghi cuối (đến #{head.seq})"))
    return checked, problems
