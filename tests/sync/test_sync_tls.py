"""HTTPS update sources are checked against the operating system's trust store (truststore): a
root the system trusts works even when requests' own list (certifi) lacks it, as CFCA's roots on
Windows. Here the system store is OpenSSL's, pointed at a test CA with SSL_CERT_FILE."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ipdesk.services.sync.errors import DownloadError
from tests.sync.conftest import Folder, LoopbackServer, Repos, snapshot_state

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the system store is set by env on Linux")


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name | None = None,
                 issuer_key: ec.EllipticCurvePrivateKey | None = None, ca: bool = False) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer or name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                      key_encipherment=False, data_encipherment=False,
                                                      key_agreement=False, key_cert_sign=True, crl_sign=True,
                                                      encipher_only=False, decipher_only=False), critical=True)
    else:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                        critical=False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                                        critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


@pytest.fixture
def https_server(repos: Repos, tmp_path: Path):  # type: ignore[no-untyped-def]
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("ipdesk test root CA (synthetic)", ca_key, ca=True)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate("127.0.0.1", leaf_key, issuer=ca.subject, issuer_key=ca_key)
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "leaf.key").write_bytes(leaf_key.private_bytes(serialization.Encoding.PEM,
                                                               serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "leaf.key")
    server = LoopbackServer(repos.v2, tls=tls)
    yield server, tmp_path / "ca.pem"
    server.close()


def test_a_root_the_system_trusts_is_trusted(at_v1: Folder, repos: Repos, https_server, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                             new_state: tuple[str, str, str]) -> None:
    server, ca = https_server
    assert server.url.startswith("https://")
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # the system's store now holds the test root
    result = at_v1.client(repos).sync(server.url)
    assert result.applied is not None and result.applied.manifest_version == 2
    assert snapshot_state(at_v1.db_file)[1] == new_state[1]


def test_an_untrusted_certificate_is_explained(at_v1: Folder, repos: Repos, https_server,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server, _ = https_server
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    before = snapshot_state(at_v1.db_file)
    with pytest.raises(DownloadError) as caught:
        at_v1.client(repos).sync(server.url)
    assert "证书不受这台电脑信任" in caught.value.zh and "not trusted by this computer" in caught.value.en
    assert snapshot_state(at_v1.db_file) == before
