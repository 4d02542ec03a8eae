"""The rules, checked against values written out here, never against the code that applies them: the data
fingerprint (trustreport.data.tables)."""

from __future__ import annotations

from trustreport.data.tables import fingerprint


def test_fingerprint_is_sha256_of_named_digests():
    import hashlib

    digests = {"gala": "ab" * 32, "sources": "cd" * 32}
    expected = hashlib.sha256(f"gala {'ab' * 32}\nsources {'cd' * 32}".encode()).hexdigest()[:12]
    assert fingerprint(digests) == expected == fingerprint(dict(reversed(list(digests.items()))))
