"""Exports of the export contract (DESIGN §2): JSON, JSONL, and flat tables as CSV or Parquet.

JSON/JSONL carry one object per article exactly as ``Analysis.to_dict()``; CSV and Parquet
flatten each record list into its own table keyed by ``article_id`` (spans as start/end).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("articles", "actors", "mentions", "quotes", "events", "issues", "forecasts")


def write_json(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array, streamed one article at a time."""
    n = 0
    out.write("[")
    for record in records:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def table_rows(records: Iterable[dict[str, Any]], table: str) -> Iterator[dict[str, Any]]:
    """Flat rows of one table; nested values become JSON strings, spans become start/end."""
    for record in records:
        aid = record["article"]["id"]
        if table == "articles":
            yield {k: _flat(v) for k, v in record["article"].items()}
        elif table == "mentions":
            text = record["article"]["text"]
            for actor in record["actors"]:
                for start, end in actor["mentions"]:
                    yield {
                        "article_id": aid,
                        "actor_id": actor["id"],
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                    }
        else:
            for i, item in enumerate(record[table]):
                row: dict[str, Any] = {"article_id": aid, "idx": i}
                for key, value in item.items():
                    if (
                        key in ("span", "trigger", "sentence_span")
                        and isinstance(value, list)
                        and len(value) == 2
                    ):
                        row[f"{key}_start"], row[f"{key}_end"] = value
                    else:
                        row[key] = _flat(value)
                yield row


def write_csv(records: Iterable[dict[str, Any]], table: str, out: TextIO) -> int:
    """One table as CSV (columns: the union of the rows' keys)."""
    rows = list(table_rows(records, table))
    _write_rows_csv(rows, out)
    return len(rows)


def write_tables(records: list[dict[str, Any]], directory: Path, fmt: str) -> dict[str, int]:
    """One file per table (``articles.parquet``, ``events.csv``, ...) in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        rows = list(table_rows(records, table))
        path = directory / f"{table}.{fmt}"
        if fmt == "parquet":
            pq.write_table(
                pa.Table.from_pylist(rows) if rows else pa.table({"article_id": pa.array([], pa.string())}),
                path,
            )
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                _write_rows_csv(rows, handle)
        counts[table] = len(rows)
    return counts


def _write_rows_csv(rows: list[dict[str, Any]], handle: TextIO) -> None:
    fields: list[str] = []
    for row in rows:
        fields.extend(k for k in row if k not in fields)
    writer = csv.DictWriter(handle, fieldnames=fields or ["article_id"])
    writer.writeheader()
    writer.writerows(rows)
