"""Ingest in this process: read inputs, clean, skip what is stored, analyse in batches, write.

Each batch is analysed and written in one transaction, so an interrupted run leaves whole
articles only; a re-run skips what is stored (identity = hash of the text) before any NLP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dyadwatch.analysis.event_links import link_events
from dyadwatch.errors import InputRejected
from dyadwatch.ingest.decode import DEFAULT_MAX_BYTES
from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.ingest.sources import Rejection, Unchanged, iter_raw_documents
from dyadwatch.ingest.web import WebSession
from dyadwatch.model import Analysis, Article
from dyadwatch.runners.pool import BatchAnalyzer
from dyadwatch.storage.fetch_state import FetchState
from dyadwatch.storage.store import Store

BATCH = 32


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.already)} already stored, {len(self.rejected)} rejected"


def _prepared(
    raw_docs: Iterable[RawDocument | Rejection | Unchanged], report: IngestReport
) -> Iterator[Article | Rejection | Unchanged]:
    for raw in raw_docs:
        if isinstance(raw, Rejection | Unchanged):
            yield raw
            continue
        try:
            yield prepare_article(raw)
        except InputRejected as exc:
            yield Rejection(raw.label, exc.message)
        except Exception as exc:  # a bug on one input must not stop the batch: report it
            yield Rejection(raw.label, f"internal error while cleaning: {type(exc).__name__}: {exc}")


def ingest(
    inputs: Iterable[str],
    store: Store,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: Callable[[str, str], None] | None = None,
    batch_size: int = BATCH,
    workers: int = 1,
    web: WebSession | None = None,
) -> IngestReport:
    """Ingest files, directories and globs into ``store``; report new, known and rejected inputs.

    ``on_item(label, outcome)`` is called once per input (for progress bars and messages).
    With ``workers > 1`` batches are analysed in that many processes; this process stays the
    only writer. URLs, feeds and URL lists are fetched through ``web`` (by default a session
    whose state lives in ``store``); what it fetched is remembered only after the last batch
    is written, so an interrupted run fetches that work again next time.
    """
    report = IngestReport()
    analyzer = BatchAnalyzer(workers)
    session = web or WebSession(FetchState(store.con))
    try:
        _ingest_into(inputs, store, max_bytes, on_item, batch_size, analyzer, report, session)
        for analyses in analyzer.drain():
            _store(store, analyses, report)
        if report.new:  # link reports of one real-world event across articles (event_clusters)
            link_events(store.con)
        session.commit()
    finally:
        analyzer.close()
        if web is None:
            session.close()
    return report


def _store(store: Store, analyses: list[Analysis], report: IngestReport) -> None:
    """Write a batch; an article a stage failed on becomes a rejection with its reason."""
    failed = [a for a in analyses if a.error]
    store.write_batch([a for a in analyses if not a.error])
    for analysis in failed:
        label = analysis.article.source_path or analysis.article.url or analysis.article.id
        store.record_rejection(label, str(analysis.error))
        report.rejected.append(Rejection(label, str(analysis.error)))
        if analysis.article.id in report.new:
            report.new.remove(analysis.article.id)


def _ingest_into(
    inputs: Iterable[str],
    store: Store,
    max_bytes: int,
    on_item: Callable[[str, str], None] | None,
    batch_size: int,
    analyzer: BatchAnalyzer,
    report: IngestReport,
    web: WebSession,
) -> None:
    # Candidates wait here until a batch is full; the store is asked once per batch which are
    # known, so that the writer opens the file once per batch, not once per article (a server
    # reading the same file gets it back in between).
    pending: list[Article] = []
    seen: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        known = store.known_ids([a.id for a in pending])
        store.record_sources((a.id, a.source_path or a.url) for a in pending if a.id in known)
        store.yield_to_readers()  # the analysis takes a while: a waiting reader can have the file
        fresh = []
        for article in pending:
            label = article.source_path or article.url or article.id
            if article.id in known:
                report.already.append(label)
            else:
                fresh.append(article)
                report.new.append(article.id)
            if on_item:
                on_item(label, "already" if article.id in known else "new")
        pending.clear()
        if fresh:
            analyzer.submit(fresh, lambda analyses: _store(store, analyses, report))

    for item in _prepared(iter_raw_documents(inputs, max_bytes, web), report):
        if isinstance(item, Unchanged):
            report.already.append(item.label)
            if on_item:
                on_item(item.label, "already")
            continue
        if isinstance(item, Rejection):
            report.rejected.append(item)
            store.record_rejection(item.label, item.reason)
            if on_item:
                on_item(item.label, "rejected")
            continue
        if item.id in seen:  # the same text twice in this run
            label = item.source_path or item.url or item.id
            report.already.append(label)
            store.record_source(item.id, item.source_path or item.url)
            if on_item:
                on_item(label, "already")
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
