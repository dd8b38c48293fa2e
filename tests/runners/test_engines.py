"""Same records whichever engine and worker count ran them; shards load once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.runners.dask_runner import run_dask
from dyadwatch.runners.local import ingest
from dyadwatch.storage import queries
from dyadwatch.storage.shards import load_shards, register_shard_views
from dyadwatch.storage.store import Store

EXTRA = [
    "Japan has stepped up criticism of Beijing's coast guard vessels near the Senkaku islands, officials said.",
    "UN Secretary-General Antonio Guterres urged both sides to reset relations and cooperate on climate change.",
    "Australia was punished with a slew of retaliatory trade measures after it called for an investigation.",
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday, the Kremlin said.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    examples = Path(__file__).parents[2] / "examples" / "articles"
    for path in examples.glob("*.txt"):
        shutil.copy(path, root / path.name)
    for i, sentence in enumerate(EXTRA):
        (root / f"extra-{i}.txt").write_text(sentence + " " + sentence, encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def _records(db: Path) -> list[dict[str, Any]]:
    with Store(db) as store:
        return sorted(queries.iter_analyses(store.con), key=lambda r: r["article"]["id"])


def _local(corpus: Path, db: Path, workers: int) -> list[dict[str, Any]]:
    with Store(db) as store:
        report = ingest([str(corpus)], store, workers=workers, batch_size=2)
    assert (len(report.new), len(report.rejected)) == (6, 1)
    return _records(db)


@pytest.mark.slow
def test_engines_local_workers_give_identical_records(corpus: Path, tmp_path: Path) -> None:
    one = _local(corpus, tmp_path / "one.duckdb", workers=1)
    two = _local(corpus, tmp_path / "two.duckdb", workers=2)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


@pytest.mark.slow
def test_engines_dask_shards_match_local_and_load_once(corpus: Path, tmp_path: Path) -> None:
    local = _local(corpus, tmp_path / "local.duckdb", workers=1)
    shards = tmp_path / "shards"
    results, missing = run_dask([str(corpus)], shards, workers=2, partition_size=3)
    assert not missing and sum(r.articles for r in results) == 6
    assert [r.rejected for r in results if r.rejected] == [[(str(corpus / "empty.txt"), "file is empty")]]
    db = tmp_path / "dask.duckdb"
    with Store(db) as store:
        assert load_shards(store.con, [shards]) == (6, 0)
        assert load_shards(store.con, [shards]) == (0, 6)  # loading twice changes nothing
    assert json.dumps(_records(db), sort_keys=True) == json.dumps(local, sort_keys=True)
    import duckdb

    con = duckdb.connect()
    register_shard_views(con, shards)
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 6
    assert not list(shards.glob(".*.tmp"))  # shards are renamed into place whole
