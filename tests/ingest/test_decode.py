"""Bytes to text: encodings are detected, binary and empty input are rejected with a reason."""

from __future__ import annotations

import pytest

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import check_size, decode_bytes

SENTENCE = "Chinese Foreign Minister Wang Yi says allegations of genocide are preposterous. Café société."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_decode_detects_encoding(encoding: str) -> None:
    assert decode_bytes(SENTENCE.encode(encoding)) == SENTENCE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"%PDF-1.7 binary stuff", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (b"text with a \x00 NUL byte inside", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_decode_rejects_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data)
    assert reason in info.value.message


def test_decode_size_limit_names_the_limit() -> None:
    with pytest.raises(InputRejected, match="over the 20 MiB limit"):
        check_size(21 * 1024 * 1024)
    check_size(1024)
