"""Event linking across articles: one real-world meeting reported twice is counted once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dyadwatch.analysis.event_links import _interval, _Report, cluster_events, link_events
from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.pipeline import analyze_articles
from dyadwatch.storage.queries import dyad_index_months
from dyadwatch.storage.schema import MIGRATIONS
from dyadwatch.storage.store import Store, connect

# The Bali meeting reported the day it happened, the day after, and recalled ten weeks later.
ON_THE_DAY = RawDocument(
    title="Biden and Xi meet in Bali",
    published="2022-11-14",
    text="Biden and Xi meet in Bali\n\n"
    "US President Joe Biden met Chinese President Xi Jinping in Bali on Monday, on the eve of the G20 summit. "
    "The two leaders talked for more than three hours in their first in-person meeting since Biden took office.",
)
NEXT_DAY = RawDocument(
    title="Biden, Xi hold talks",
    published="2022-11-15",
    text="Biden, Xi hold talks\n\n"
    "Chinese President Xi Jinping met US President Joe Biden on Monday in Bali, Indonesia. "
    "Xi told Biden that Taiwan was the first red line that must not be crossed.",
)
RECALLED = RawDocument(
    title="Blinken to visit Beijing",
    published="2023-01-31",
    text="Blinken to visit Beijing\n\n"
    "Secretary of State Antony Blinken will travel to Beijing next week. "
    "Biden met Xi in Bali in November, and the two leaders agreed to keep channels of communication open.",
)


def _meeting_clusters(db_file: Path) -> tuple[dict[str, str], dict[str, int]]:
    articles = [prepare_article(raw) for raw in (ON_THE_DAY, NEXT_DAY, RECALLED)]
    with Store(db_file) as store:
        store.write_batch(analyze_articles(articles))
        counts = link_events(store.con)
        rows = store.con.execute("""
            SELECT a.title, c.cluster_id FROM events e JOIN articles a ON a.id = e.article_id
            JOIN event_clusters c USING (article_id, idx)
            WHERE e.type = 'CONSULT' AND e.modality = 'asserted'
              AND e.source_country IN ('USA', 'CHN') AND e.target_country IN ('USA', 'CHN')""").fetchall()
    return dict(rows), counts


def test_event_clusters_is_a_new_migration() -> None:
    versions = [v for v, _, _ in MIGRATIONS]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert any("event_clusters" in name for _, name, _ in MIGRATIONS)


@pytest.mark.slow
def test_bali_meeting_is_one_cluster_counted_once(db_file: Path) -> None:
    clusters, counts = _meeting_clusters(db_file)
    assert set(clusters) == {"Biden and Xi meet in Bali", "Biden, Xi hold talks", "Blinken to visit Beijing"}
    assert len(set(clusters.values())) == 1, clusters
    assert counts["linked"] >= 3 and counts["clusters"] < counts["events"]
    con = connect(db_file, read_only=True)
    (nov,) = [p for p in dyad_index_months(con, "CHN-USA") if p["month"] == "2022-11"]
    con.close()
    assert nov["n_events"] == 1 and nov["n_reports"] == 3  # three reports, one meeting
    assert nov["verbal_cooperation"] == 1


def _r(aid: str, day: str, precision: str = "day", modality: str = "asserted", **kw: object) -> _Report:
    fields: dict = {"type": "CONSULT", "countries": ("CHN", "USA"), "place": None, "people": {}} | kw
    return _Report(aid, 0, modality=modality, span=_interval(day, precision, False), **fields)


def test_dates_link_by_precision_and_window() -> None:
    got = cluster_events([_r("a", "2022-11-14"), _r("b", "2022-11", "month"), _r("c", "2022-11-16")])
    assert len(set(got.values())) == 1  # a month holds the day; two days apart is within the window
    got = cluster_events([_r("a", "2022-11-14"), _r("b", "2022-11-20")])
    assert len(set(got.values())) == 2  # six days apart: two meetings
    got = cluster_events([_r("a", "2022-11-14"), _r("b", "2022", "year")])
    assert len(set(got.values())) == 2  # "last year" is too vague to call it the same event
    got = cluster_events([_r("a", "2022-10-31"), _r("b", "2022-11", "month")])
    assert len(set(got.values())) == 1  # a window of a few days crosses the month boundary
    assert _interval("2022-11-14", "day", True) == (date(2022, 11, 11), date(2022, 11, 14))


def test_modality_place_people_and_article_keep_events_apart() -> None:
    assert (
        len(set(cluster_events([_r("a", "2023-02", "month", "planned"), _r("b", "2023-02-05")]).values()))
        == 2
    )
    assert (
        len(set(cluster_events([_r("a", "2023-02-05", modality="negated"), _r("b", "2023-02-05")]).values()))
        == 2
    )
    assert (
        len(
            set(
                cluster_events(
                    [_r("a", "2023-02", "month", "planned"), _r("b", "2023-02", "month", "planned")]
                ).values()
            )
        )
        == 1
    )
    bali, hanoi = _r("a", "2022-11-14", place="bali"), _r("b", "2022-11-14", place="hanoi")
    assert len(set(cluster_events([bali, hanoi]).values())) == 2
    same = _r("b", "2022-11-14", place="bali, indonesia")
    assert len(set(cluster_events([bali, same]).values())) == 1
    xi = _r("a", "2022-11-14", people={"CHN": "person:xi-jinping"})
    wang = _r("b", "2022-11-14", people={"CHN": "person:wang-yi"})
    assert len(set(cluster_events([xi, wang]).values())) == 2
    one_article = [
        _r("a", "2022-11-14"),
        _Report(
            "a", 1, "CONSULT", ("CHN", "USA"), "asserted", _interval("2022-11-14", "day", False), None, {}
        ),
    ]
    assert len(set(cluster_events(one_article).values())) == 2
    assert (
        len(set(cluster_events([_r("a", "2022-11-14"), _r("b", "2022-11-14", type="ACCUSE")]).values())) == 2
    )


@pytest.mark.slow
def test_ingest_links_and_link_command_relinks(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dyadwatch.cli.main import app

    for name, raw in (("a.txt", ON_THE_DAY), ("b.txt", NEXT_DAY)):
        date = raw.published or ""
        (tmp_path / name).write_text(
            f"{raw.title}\n{date}\n{(raw.text or '').split(chr(10), 2)[2]}\n", encoding="utf-8"
        )
    db = tmp_path / "x.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        app, ["ingest", "--db", str(db), "-q", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    )
    assert result.exit_code == 0, result.output
    con = connect(db, read_only=True)
    row = con.execute("SELECT count(*) - count(DISTINCT cluster_id) FROM event_clusters").fetchone()
    assert row is not None
    linked = row[0]
    con.close()
    assert linked >= 1  # ingest linked the two reports of the Bali meeting at its end
    result = runner.invoke(app, ["link", "--db", str(db)])
    assert result.exit_code == 0 and "share a cluster" in result.output, result.output
