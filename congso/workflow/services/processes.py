"""The processes an agency configures: approval chains of outgoing documents and who
directs the handling of incoming ones, per kind of document. Edited in the UI or loaded
from a declarative TOML file; a running item keeps the route it started with."""

import tomllib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congso.core import audit
from congso.core.text import nfc
from congso.org.models import Agency, Role, User
from congso.workflow.models import Direction, Process

# Used when an agency has configured nothing for a kind of document.
DEFAULT_APPROVAL = [Role.Code.UNIT_HEAD.value, Role.Code.LEADER.value]
DEFAULT_DIRECTOR = Role.Code.LEADER.value


@dataclass(frozen=True)
class Route:
    """What a new item copies from its process."""

    approval_roles: list[str]
    director_role: str
    handling_days: int | None


def route_for(*, agency: Agency, direction: str, doc_type: str) -> Route:
    """The active process for this kind of document, else the agency's general one
    (no type), else the defaults: unit head then leader approve; the leader directs."""
    processes = Process.objects.filter(agency=agency, direction=direction, is_active=True)
    process = processes.filter(doc_type=doc_type).first() or processes.filter(doc_type="").first()
    if process is None:
        return Route(list(DEFAULT_APPROVAL), DEFAULT_DIRECTOR, None)
    return Route(
        list(process.approval_roles) or list(DEFAULT_APPROVAL),
        process.director_role_id or DEFAULT_DIRECTOR,
        process.handling_days,
    )


def validate_roles(codes: list[str]) -> list[str]:
    """Role codes in order, each one known; raises ValidationError naming the unknown."""
    known = set(Role.objects.values_list("code", flat=True))
    cleaned = [nfc(code).strip() for code in codes if code.strip()]
    unknown = [code for code in cleaned if code not in known]
    if unknown:
        raise ValidationError(
            _("Vai trò không có trên hệ thống: %(codes)s.") % {"codes": ", ".join(unknown)},
            code="unknown_role",
        )
    return cleaned


@transaction.atomic
def save_process(*, process: Process, by: User) -> Process:
    """Save a process (new or changed). The agency's earlier active process for the
    same kind is retired, so only new items follow the change. Audited."""
    process.approval_roles = validate_roles(list(process.approval_roles))
    if process.is_active:
        earlier = Process.objects.filter(
            agency=process.agency,
            direction=process.direction,
            doc_type=process.doc_type,
            is_active=True,
        ).exclude(pk=process.pk)
        earlier.update(is_active=False)
    process.full_clean()
    verb = "create_process" if process.pk is None else "change_process"
    process.save()
    audit.record(
        actor=by,
        verb=verb,
        target=process,
        after=audit.snapshot(
            process, ["name", "direction", "doc_type", "approval_roles", "handling_days"]
        ),
    )
    return process


@transaction.atomic
def load_processes(*, agency: Agency, text: str, by: User | None) -> list[Process]:
    """Load processes from a TOML text: one `[[process]]` table each, with `name`,
    `direction` ("incoming"/"outgoing"), optional `doc_type`, and `approval` (role codes,
    in order) or `director` and `handling_days`. All or nothing."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(
            _("Tệp quy trình không đúng cú pháp TOML: %(error)s") % {"error": error}
        ) from error
    loaded = []
    for index, entry in enumerate(data.get("process", []), start=1):
        try:
            process = _process_from(agency, entry)
            loaded.append(save_process(process=process, by=by))  # type: ignore[arg-type]
        except (ValidationError, KeyError, TypeError, ValueError) as error:
            raise ValidationError(
                _("Quy trình thứ %(index)s không hợp lệ: %(error)s")
                % {"index": index, "error": _message(error)}
            ) from error
    return loaded


def _process_from(agency: Agency, entry: dict[str, object]) -> Process:
    direction = str(entry["direction"])
    if direction not in Direction.values:
        raise ValueError(_("“direction” phải là incoming hoặc outgoing."))
    director = entry.get("director")
    days = entry.get("handling_days")
    return Process(
        agency=agency,
        name=nfc(str(entry["name"])),
        direction=direction,
        doc_type=nfc(str(entry.get("doc_type", ""))),
        approval_roles=[str(code) for code in entry.get("approval", [])],  # type: ignore[attr-defined]
        director_role_id=str(director) if director else None,
        handling_days=int(days) if days is not None else None,  # type: ignore[call-overload]
    )


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, KeyError):
        return _("thiếu trường %(name)s") % {"name": error.args[0]}
    return str(error)
