"""The CLI in-process: exit codes, summary lines, show, query, export against the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyadwatch.cli.main import app

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "src/dyadwatch/schemas/export.schema.json").read_text(encoding="utf-8")
)
runner = CliRunner()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    examples = Path(__file__).parents[2] / "examples" / "articles"
    result = runner.invoke(app, ["ingest", "--db", str(db), "--quiet", str(examples)])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 already stored, 0 rejected" in result.output
    return db


def test_cli_ingest_rerun_stores_nothing(stored: Path, examples_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(stored), "-q", str(examples_dir / "*.txt")])
    assert result.exit_code == 0
    assert "0 new, 2 already stored, 0 rejected" in result.output


def test_cli_ingest_rejects_bad_inputs_and_goes_on(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "broken.json").write_text("{oops", encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text((examples_dir / "002_01e853f86da0fe41.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "bad.duckdb"
    result = runner.invoke(
        app, ["ingest", "--db", str(db), "-q", str(tmp_path), str(tmp_path / "missing.html")]
    )
    assert result.exit_code == 1
    assert "1 new, 0 already stored, 4 rejected" in result.output
    for name, reason in [
        ("empty.txt", "file is empty"),
        ("binary.txt", "binary"),
        ("broken.json", "invalid JSON"),
        ("missing.html", "no such file"),
    ]:
        assert any(name in line and reason in line for line in result.output.splitlines()), (
            name,
            result.output,
        )
    query = runner.invoke(app, ["query", "--db", str(db), "SELECT count(*) AS n FROM skipped"])
    assert "4" in query.output


def test_cli_show_highlights_mentions(stored: Path) -> None:
    result = runner.invoke(app, ["show", "--db", str(stored), "002_01e853f86da0fe41.txt"])
    assert result.exit_code == 0, result.output
    assert "Blanchette[person:jude-blanchette]" in result.output.replace("\n", "")
    assert "Freeman Chair in China Studies" in result.output


def test_cli_quotes_by_speaker_issue_and_reader(stored: Path) -> None:
    wide = {"COLUMNS": "250"}
    swaine = runner.invoke(
        app, ["quotes", "--db", str(stored), "--speaker", "Swaine", "--issue", "taiwan"], env=wide
    )
    assert swaine.exit_code == 0, swaine.output
    out = " ".join(swaine.output.split())
    # Both Taiwan statements of the 2023 article, with their speaker, and nothing by anyone else.
    assert "differences over Taiwan present the sharpest areas of disagreement" in out
    assert "Taiwan by far is the most important" in out
    assert out.count("Michael Swaine") == 2 and out.endswith("2 quote(s)")
    # The learned tagger's quotes alone, each with its confidence.
    tagged = runner.invoke(app, ["quotes", "--db", str(stored), "--found-by", "tagger"], env=wide)
    assert tagged.exit_code == 0, tagged.output
    out = " ".join(tagged.output.split())
    assert "tagger 0." in out and "John Kerry" in out and " rules " not in out
    bad = runner.invoke(app, ["quotes", "--db", str(stored), "--found-by", "guess"])
    assert bad.exit_code == 2 and "expected one of rules, tagger" in bad.output


def test_cli_quotes_without_a_store_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no database at" in result.output


def test_cli_show_unknown_article_exit_code(stored: Path) -> None:
    result = runner.invoke(app, ["show", "--db", str(stored), "ffffffffffff"])
    assert result.exit_code == 2
    assert "no stored article matches" in result.output


def test_cli_query_prints_table_and_reports_bad_sql(stored: Path) -> None:
    ok = runner.invoke(
        app, ["query", "--db", str(stored), "SELECT actor_id FROM actors WHERE actor_id = 'USA:LEG'"]
    )
    assert ok.exit_code == 0 and "USA:LEG" in ok.output
    bad = runner.invoke(app, ["query", "--db", str(stored), "SELECT nope FROM nowhere"])
    assert bad.exit_code == 2 and "tables:" in bad.output


def test_cli_export_json_matches_schema(stored: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(stored), "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 2
    for record in records:
        jsonschema.validate(record, SCHEMA)
        text = record["article"]["text"]
        for actor in record["actors"]:
            assert all(0 <= s < e <= len(text) for s, e in actor["mentions"])


def test_cli_export_jsonl_csv_parquet(stored: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "out.jsonl"
    assert (
        runner.invoke(app, ["export", "--db", str(stored), "-f", "jsonl", "--out", str(jsonl)]).exit_code == 0
    )
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 2
    csv_out = runner.invoke(app, ["export", "--db", str(stored), "-f", "csv", "--table", "mentions"])
    assert csv_out.stdout.splitlines()[0] == "article_id,actor_id,start,end,text"
    folder = tmp_path / "parquet"
    assert (
        runner.invoke(app, ["export", "--db", str(stored), "-f", "parquet", "--out", str(folder)]).exit_code
        == 0
    )
    assert pq.read_table(folder / "articles.parquet").num_rows == 2
    assert pq.read_table(folder / "actors.parquet").num_rows > 40


def test_cli_db_defaults_to_environment(stored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADWATCH_DB", str(stored))
    result = runner.invoke(app, ["query", "SELECT count(*) FROM articles"])
    assert result.exit_code == 0 and "2" in result.output


def test_cli_demo_prints_summaries(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert result.exit_code == 0, result.output
    assert "Blinken visit unlikely to fix US-China differences" in result.output
    assert "Hannan Hussain" in result.output and "COLLEGE PARK, Maryland" in result.output
