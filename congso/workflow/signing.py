"""The digital-signature hook: how a leader's signature gets onto an approved draft.

Signing happens outside the platform in most agencies (a USB token or a remote-signing
service such as the ones the national CA network offers). The platform either keeps a
file the signer uploads, already signed, byte for byte; or asks the configured
`Signer` to sign the draft. The default signer applies no cryptographic signature: it
records the signer's approval in the platform, as the audit log shows.
"""

from importlib import import_module
from typing import Protocol

from django.conf import settings

from congso.org.models import User


class Signer(Protocol):
    def sign(self, *, content: bytes, name: str, by: User) -> bytes | None:
        """The signed file, or None when the signature is not applied to the file."""


class ApprovalOnly:
    """No digital signature: the approval recorded in the platform stands for it."""

    def sign(self, *, content: bytes, name: str, by: User) -> bytes | None:
        return None


def get_signer() -> Signer:
    """The signer named by CONGSO_SIGNER ("module.path:ClassName"), else ApprovalOnly."""
    path: str = settings.CONGSO_SIGNER
    if not path:
        return ApprovalOnly()
    module, _, name = path.partition(":")
    signer: Signer = getattr(import_module(module), name)()
    return signer
