"""Bytes to text, or a clear reason why not (binary, empty, undecodable, too large)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from dyadwatch.errors import InputRejected

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Magic numbers of common binary formats that are never articles.
BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"MZ",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"ID3",
    b"OggS",
    b"\x00\x00\x01\x00",
    b"SQLite format 3",
)


def check_size(size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    if size > max_bytes:
        raise InputRejected(
            f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:g} MiB limit",
            hint="raise it with --max-size or DYADWATCH_MAX_SIZE",
        )


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected.

    >>> decode_bytes("caf\\u00e9".encode("cp1252"))
    'café'
    """
    text = _decode(data)
    if not text.strip():  # a byte-order mark alone decodes to "" (found by fuzzing)
        raise InputRejected("file is empty")
    return text


def _decode(data: bytes) -> str:
    if not data.strip():
        raise InputRejected("file is empty")
    if data.startswith(BINARY_MAGIC):
        raise InputRejected("file is binary (its first bytes are a known binary format)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A UTF-16 byte-order mark does not make the rest valid UTF-16: an odd byte count or a
        # lone surrogate raised UnicodeDecodeError out of here (found by fuzzing).
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputRejected(
                f"file starts with a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason} at byte {exc.start})"
            ) from None
    if b"\x00" in data[:4096]:
        raise InputRejected("file is binary (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data[:65536] if b >= 0x80)
    if high <= 0.3 * min(len(data), 65536):
        # Mostly ASCII with a few high bytes: a Western single-byte encoding. Detectors guess
        # wildly on short inputs like this (cp1252 "café" comes back as CJK).
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    best = from_bytes(data).best()
    if best is None:
        raise InputRejected("bytes are not text in any encoding that could be detected")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputRejected("file is binary (too many control characters)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)
