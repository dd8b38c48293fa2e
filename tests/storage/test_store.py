"""The DuckDB store: migrations, one transaction per batch, no duplicates, nothing lost."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyadwatch.model import Analysis
from dyadwatch.storage import queries
from dyadwatch.storage.schema import MIGRATIONS, migrate
from dyadwatch.storage.store import Store, connect


def test_store_migrations_recorded_once(db_file: Path) -> None:
    con = connect(db_file)
    assert migrate(con) == []  # already applied by connect
    versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert versions == [m[0] for m in MIGRATIONS]
    con.close()


def test_store_roundtrip_is_the_export_record(db_file: Path, example_analyses: dict[str, Analysis]) -> None:
    analysis = example_analyses["002_01e853f86da0fe41.txt"]
    with Store(db_file) as store:
        assert store.write_batch([analysis]) == 1
        assert store.write_batch([analysis]) == 0  # a re-run stores nothing new
        stored = queries.analysis_dict(store.con, analysis.article.id)
    expected = analysis.to_dict()
    assert stored["article"] == expected["article"]
    assert sorted(a["id"] for a in stored["actors"]) == sorted(a["id"] for a in expected["actors"])
    assert stored["quotes"] == expected["quotes"]
    assert stored["events"] == expected["events"]


def test_store_text_is_what_spans_index(db_file: Path, example_analyses: dict[str, Analysis]) -> None:
    analysis = example_analyses["000_3726996d2c31f0b6.txt"]
    with Store(db_file) as store:
        store.write_batch([analysis])
        rows = store.con.execute(
            'SELECT m.text, substring(a.text, m.start + 1, m."end" - m.start) FROM mentions m '
            "JOIN articles a ON a.id = m.article_id"
        ).fetchall()
    assert rows and all(stored == sliced for stored, sliced in rows)


def test_store_failed_batch_leaves_nothing_half_written(
    db_file: Path, example_analyses: dict[str, Analysis]
) -> None:
    good = example_analyses["000_3726996d2c31f0b6.txt"]
    other = example_analyses["002_01e853f86da0fe41.txt"]

    def batch():  # type: ignore[no-untyped-def]
        yield other
        raise RuntimeError("killed mid-batch")

    with Store(db_file) as store:
        store.write_batch([good])
        with pytest.raises(RuntimeError):
            store.write_batch(batch())
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]
        orphan = store.con.execute(
            "SELECT count(*) FROM actors WHERE article_id = ?", [other.article.id]
        ).fetchall()
    assert ids == [good.article.id]
    assert orphan[0][0] == 0


def test_store_read_only_query_cannot_write(db_file: Path) -> None:
    Store(db_file).close()
    con = connect(db_file, read_only=True)
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM articles")
    con.close()
