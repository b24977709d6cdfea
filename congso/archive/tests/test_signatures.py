"""Signed PDFs: their signatures validated at capture with pyHanko (signer, organisation,
time, integrity, trust against configured roots), shown on the document and in the API;
the signed original is kept byte for byte."""

import datetime
import json
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import override_settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from congso.archive import storage
from congso.archive.tests.test_pipeline import PipelineCase
from congso.org import services as org_services

_DAY = datetime.timedelta(days=1)


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )


def _usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(
    subject: x509.Name, issuer: x509.Name, key: rsa.RSAPrivateKey, signing_key: rsa.RSAPrivateKey
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    is_ca = subject == issuer
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _DAY)
        .not_valid_after(now + 365 * _DAY)
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(_usage(signer=not is_ca), critical=True)
        .sign(signing_key, hashes.SHA256())
    )


class SignedPdfTests(PipelineCase):
    def setUp(self) -> None:
        super().setUp()
        ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ca_name = _name("CA thử nghiệm", "Ban Cơ yếu Chính phủ")
        self.ca = _certificate(ca_name, ca_name, ca_key, ca_key)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        certificate = _certificate(_name("Nguyễn Văn An", "Sở Nội vụ"), ca_name, key, ca_key)
        self.signer = signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(
                certificate.public_bytes(serialization.Encoding.DER)
            ),
            signing_key=asn1_keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            cert_registry=None,  # type: ignore[arg-type]  # none needed: the root is given
        )

    def signed_pdf(self, name: str) -> Path:
        unsigned = self.sample("write_text_pdf", f"chua-ky-{name}", pages=1, seed=4)
        with unsigned.open("rb") as handle:
            signed = signers.sign_pdf(
                IncrementalPdfFileWriter(handle),
                signers.PdfSignatureMetadata(field_name="ChuKySo"),
                signer=self.signer,
            )
        path = self.folder / name
        path.write_bytes(signed.getvalue())
        return path

    def trust_the_ca(self) -> override_settings:
        roots = self.folder / "goc-tin-cay"
        roots.mkdir()
        (roots / "ca.pem").write_bytes(self.ca.public_bytes(serialization.Encoding.PEM))
        return override_settings(CONGSO_TRUST_ROOTS=str(roots))

    def test_a_signature_from_a_trusted_root_is_valid_and_the_original_is_kept(self) -> None:
        path = self.signed_pdf("da-ky.pdf")
        with self.trust_the_ca():
            document = self.ingest(path)
        self.assertEqual(document.signature_status, "valid")
        [signature] = document.signatures
        self.assertEqual(signature["signer"], "Nguyễn Văn An")
        self.assertEqual(signature["organisation"], "Sở Nội vụ")
        self.assertTrue(signature["intact"] and signature["trusted"] and signature["whole_file"])
        self.assertIsNotNone(signature["signed_at"])
        kept = storage.absolute(document.original.name).read_bytes()
        self.assertEqual(kept, path.read_bytes())  # never altered
        self.client.force_login(self.an)
        page = self.client.get(document.get_absolute_url())
        self.assertContains(page, "Chữ ký số")
        self.assertContains(page, "badge--valid")
        key = org_services.create_api_token(user=self.an, name="thử")[1]
        body = json.loads(
            self.client.get(
                f"/api/v1/documents/{document.uuid}", headers={"authorization": f"Bearer {key}"}
            ).content
        )
        self.assertEqual(body["signature_status"], "valid")
        self.assertEqual(body["signatures"][0]["signer"], "Nguyễn Văn An")

    def test_without_the_root_the_signature_is_intact_but_untrusted(self) -> None:
        document = self.ingest(self.signed_pdf("chua-tin-cay.pdf"))
        self.assertEqual(document.signature_status, "untrusted")
        self.assertTrue(document.signatures[0]["intact"])

    def test_a_signed_file_changed_afterwards_is_invalid(self) -> None:
        path = self.signed_pdf("bi-sua.pdf")
        data = bytearray(path.read_bytes())
        at = data.index(b"/MediaBox") + 12
        data[at] = ord("9") if data[at] != ord("9") else ord("8")
        path.write_bytes(bytes(data))
        with self.trust_the_ca():
            document = self.ingest(path)
        self.assertEqual(document.signature_status, "invalid")
        self.assertFalse(document.signatures[0]["intact"])

    def test_an_unsigned_pdf_has_no_signature_status(self) -> None:
        document = self.ingest(self.sample("write_text_pdf", "khong-ky.pdf", pages=1, seed=5))
        self.assertEqual((document.signature_status, document.signatures), ("", []))
