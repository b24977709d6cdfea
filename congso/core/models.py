from collections.abc import Collection

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.core.text import nfc

GENESIS_HASH = "0" * 64


class NormalizedTextModel(models.Model):
    """Text fields are validated and stored in NFC.

    Some keyboards send decomposed Vietnamese, which does not compare equal to the
    composed form; every ModelForm (and the admin) goes through clean_fields().
    """

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
                setattr(self, field.attname, nfc(value.strip()))
        super().clean_fields(exclude)


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")

    def for_agency(self, agency_id: int | None) -> "AuditEntryQuerySet":
        return self.filter(agency_id=agency_id)


class AuditEntry(models.Model):
    """One state change: who did what to which object, with before/after values.

    Entries form a hash chain (each stores the hash of the previous one), so an
    altered, inserted or deleted entry is detected by `congso verify`. Database
    triggers refuse UPDATE and DELETE on this table.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField(_("thời điểm"))
    # Plain columns instead of foreign keys: the audit trail outlives what it speaks of.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=200)
    verb = models.CharField(_("hành động"), max_length=100)
    target_type = models.CharField(_("loại đối tượng"), max_length=100)
    target_id = models.CharField(_("mã đối tượng"), max_length=64)
    target_repr = models.CharField(_("đối tượng"), max_length=300)
    agency_id = models.BigIntegerField(_("cơ quan"), null=True, db_index=True)
    before = models.JSONField(_("trước"), null=True)
    after = models.JSONField(_("sau"), null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("bản ghi nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_label} {self.verb} {self.target_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]  # passes Django's own kwargs

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditChainHead(models.Model):
    """The single row that holds the chain's last seq and hash.

    Writers lock it (SELECT … FOR UPDATE) so that concurrent entries never fork the
    chain, and `verify` compares it with the last entry to catch a cut-off tail.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
