"""Inputs to raw documents: files, directories (recursive), globs; .txt, .html, .json, .jsonl.

URLs, feeds, OPML files and URL lists (.txt) are handed to ``ingest.web``; WARC archives to
``ingest.warc``.

Every problem becomes a ``Rejection`` naming the input and the reason; the batch goes on.
JSONL is streamed line by line so that a large file stays within bounded memory.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from dyadwatch.ingest.documents import RawDocument

if TYPE_CHECKING:
    from dyadwatch.ingest.web import WebSession

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | {".warc"}


@dataclass
class Rejection:
    label: str
    reason: str


@dataclass
class Unchanged:
    """An input known already (stored from this URL, or HTTP 304): nothing to do, not an error."""

    label: str
    reason: str


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | Rejection]:
    """Paths, directories (recursively, supported suffixes only) and globs, in a stable order."""
    for item in inputs:
        path = Path(item)
        if any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Rejection(item, "no file matches this pattern")
            for match in matches:
                yield from expand_inputs([match])
        elif path.is_dir():
            for root, _dirs, files in sorted(os.walk(path)):
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in SUPPORTED or name.lower().endswith(".warc.gz"):
                        yield candidate
        elif path.exists():
            yield path
        else:
            yield Rejection(item, "no such file or directory")


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    """``obj[key]`` when it is a string (or missing/null); any other type is a malformed record.

    A number or object here used to pass through: ``urlparse`` and DuckDB then raised on it
    deep in the batch (found by fuzzing).
    """
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputRejected(f"a JSON record's '{key}' must be a string, not {type(value).__name__}")


def _doc_from_object(obj: Any, path: Path, label: str) -> RawDocument:
    if not isinstance(obj, dict):
        raise InputRejected("a JSON record must be an object with 'text' or 'html'")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputRejected("a JSON record needs a 'text' or 'html' string")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        # ``"authors": 5`` raised TypeError out of the JSONL reader and stopped the whole ingest
        raise InputRejected("a JSON record's 'authors' must be a string or a list of strings")
    published = obj.get("published")
    if isinstance(published, dict | list):
        raise InputRejected(
            f"a JSON record's 'published' must be a date string, not {type(published).__name__}"
        )
    return RawDocument(
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=_optional_str(obj, "url"),
        source_path=str(path),
        title=_optional_str(obj, "title"),
        title_given="title" in obj,
        published=str(published) if published else None,
        authors=authors,
        outlet=_optional_str(obj, "outlet"),
        label=label,
    )


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Rejection]:
    """Raw documents of one file (several for JSON arrays, JSONL and WARC), or rejections."""
    from dyadwatch.ingest.warc import is_warc_path, read_warc  # late: ingest.warc builds on this module

    if is_warc_path(path):
        yield from read_warc(path, max_bytes)
        return
    label = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            # a JSONL file is a stream of articles: the size limit applies to each record
            yield from _read_jsonl(path, max_bytes)
            return
        check_size(path.stat().st_size, max_bytes)
        content = decode_bytes(path.read_bytes())
    except InputRejected as exc:
        yield Rejection(label, exc.message)
        return
    except OSError as exc:
        yield Rejection(label, f"cannot read the file ({exc.strerror or exc})")
        return
    if suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            yield Rejection(label, f"invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        records = data if isinstance(data, list) else [data]
        for i, obj in enumerate(records):
            sub = f"{label}[{i}]" if isinstance(data, list) else label
            try:
                yield _doc_from_object(obj, path, sub)
            except InputRejected as exc:
                yield Rejection(sub, exc.message)
    elif suffix in HTML_SUFFIXES:
        yield RawDocument(html=content, source_path=str(path), label=label)
    else:
        doc = RawDocument.from_string(content, label=label)
        doc.source_path = str(path)
        yield doc


def _skip_rest_of_line(handle: BinaryIO, chunk: int = 2**20) -> int:
    """Read past the end of the current line in bounded chunks; return the bytes skipped."""
    skipped = 0
    while piece := handle.readline(chunk):
        skipped += len(piece)
        if piece.endswith(b"\n"):
            break
    return skipped


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    with path.open("rb") as handle:
        lineno = 0
        # ``readline`` with a limit: iterating the file read a whole line first, so one 2 GB
        # line (or a file with no newline) sat in memory before its size was checked.
        while line := handle.readline(max_bytes + 1):
            lineno += 1
            label = f"{path}:{lineno}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                line_size = len(line) + _skip_rest_of_line(handle)
                try:
                    check_size(line_size, max_bytes)
                except InputRejected as exc:
                    yield Rejection(label, exc.message)
                continue
            if not line.strip():
                continue
            try:
                check_size(len(line), max_bytes)
                obj = json.loads(decode_bytes(line))
                yield _doc_from_object(obj, path, label)
            except json.JSONDecodeError as exc:
                yield Rejection(label, f"invalid JSON ({exc.msg})")
            except InputRejected as exc:
                yield Rejection(label, exc.message)


def iter_raw_documents(
    inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, web: WebSession | None = None
) -> Iterator[RawDocument | Rejection | Unchanged]:
    """Documents of every input; ``web`` (fetch session with store state) serves URL inputs."""
    from dyadwatch.ingest.web import is_url, read_input

    for entry in inputs:
        if is_url(entry):
            yield from read_input(web, entry, None, max_bytes) or ()
            continue
        for item in expand_inputs([entry]):
            if isinstance(item, Rejection):
                yield item
                continue
            listed = read_input(web, None, item, max_bytes)  # OPML, URL lists: fetched
            yield from listed if listed is not None else read_path(item, max_bytes)
