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
from typing import TYPE_CHECKING, Any

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


def _doc_from_object(obj: Any, path: Path, label: str) -> RawDocument:
    if not isinstance(obj, dict):
        raise InputRejected("a JSON record must be an object with 'text' or 'html'")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputRejected("a JSON record needs a 'text' or 'html' string")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    return RawDocument(
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        url=obj.get("url"),
        source_path=str(path),
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        title_given="title" in obj,
        published=str(obj["published"]) if obj.get("published") else None,
        authors=[str(a) for a in authors],
        outlet=obj.get("outlet"),
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


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    with path.open("rb") as handle:
        for lineno, line in enumerate(handle, start=1):
            label = f"{path}:{lineno}"
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
