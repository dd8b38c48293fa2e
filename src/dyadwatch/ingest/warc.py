"""Web archives: the HTML pages inside ``.warc`` / ``.warc.gz`` files, read with warcio.

Only ``response`` records with status 200 and an HTML (or plain text) payload become documents;
requests, metadata, redirects, images and scripts are passed over silently because an archive
is mostly those. Each page's ``source_path`` is ``file.warc.gz#<record id>``: the exact
record it came from. A page over the size limit or that cannot be decoded is a ``Rejection``
under that name and the rest of the archive goes on. The archive is streamed, so
its own size is not limited.

>>> is_warc_path(Path("crawl-00001.warc.gz")), is_warc_path(Path("page.html"))
(True, False)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from dyadwatch.ingest.documents import RawDocument
from dyadwatch.ingest.sources import Rejection

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc_path(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def _status(record: object) -> int | None:
    headers = getattr(record, "http_headers", None)
    if headers is None:
        return None
    code = (headers.get_statuscode() or "").strip()
    return int(code) if code.isdigit() else None


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None


def _decode(payload: bytes, content_type: str) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declared charset is common: detect instead
    return decode_bytes(payload)


def read_warc(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Rejection]:
    """Documents of the HTML/text responses in a WARC file, each with its target URI as URL."""
    label = str(path)
    count = records = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.format != "warc":
                    # warcio falls back to the old ARC format and reads any text as ARC records.
                    continue
                records += 1
                if record.rec_type != "response" or _status(record) != 200:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                media = content_type.split(";")[0].strip().lower()
                if media not in PAGE_TYPES:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                record_id = (record.rec_headers.get_header("WARC-Record-ID") or f"record-{count}").strip("<>")
                sub = f"{label}#{record_id}"
                count += 1
                # Read one byte past the limit: enough to know it is too big without loading it all.
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) > max_bytes:
                    yield Rejection(sub, f"archived page is over the {max_bytes / 2**20:g} MiB limit")
                    continue
                try:
                    content = _decode(payload, content_type)
                except InputRejected as exc:
                    yield Rejection(sub, exc.message.replace("file is", "archived page is"))
                    continue
                if media == "text/plain":
                    doc = RawDocument(text=content, url=url, source_path=sub, label=sub)
                else:
                    doc = RawDocument(html=content, url=url, source_path=sub, label=sub)
                yield doc
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        yield Rejection(label, f"not a readable WARC file ({str(exc).strip() or type(exc).__name__})")
        return
    except OSError as exc:
        yield Rejection(label, f"cannot read the WARC file ({exc.strerror or exc})")
        return
    if records == 0:
        # warcio yields nothing (rather than failing) for bytes that are no WARC at all.
        yield Rejection(label, "not a readable WARC file (no WARC record found)")
    elif count == 0:
        yield Rejection(label, "the WARC file holds no HTML or text response with status 200")
