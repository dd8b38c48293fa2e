"""The pipeline: cleaned articles in, ``Analysis`` records out.

Stages are registered under versioned names (``dyadwatch.actors.v1``) and run in the order of
``DEFAULT_STAGES``. Each is a function ``(Analysis, Doc) -> Analysis`` living in its own module
under ``dyadwatch.extract``; they never import each other and meet only through the records.
The spaCy model is loaded once per process and documents flow through ``nlp.pipe`` in batches.
"""

from __future__ import annotations

import atexit
import gc
import importlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from dyadwatch.errors import DyadwatchError
from dyadwatch.ingest.documents import RawDocument, prepare_article
from dyadwatch.model import Analysis, Article
from dyadwatch.nlp.doc_cache import remember_text
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.mentions import truecase_shouted_lines

Stage = Callable[[Analysis, Doc], Analysis]

# name -> "module:function". A new stage is one line here plus its module.
STAGE_FACTORIES: dict[str, str] = {
    "dyadwatch.actors.v1": "dyadwatch.extract.actors:extract_actors",
    "dyadwatch.quotes.v1": "dyadwatch.extract.quotes:extract_quotes",
    "dyadwatch.events.v1": "dyadwatch.extract.events:extract_events",
    "dyadwatch.issues.v1": "dyadwatch.extract.issues:tag_issues",
    "dyadwatch.forecasts.v1": "dyadwatch.extract.forecasts:extract_forecasts",
}

DEFAULT_STAGES: list[str] = list(STAGE_FACTORIES)

BATCH_SIZE = 16


class UnknownStage(DyadwatchError):
    code = "E010"


@cache
def get_stage(name: str) -> Stage:
    """Resolve a registered stage name to its function.

    >>> get_stage("dyadwatch.actors.v1").__name__
    'extract_actors'
    """
    target = STAGE_FACTORIES.get(name)
    if target is None:
        raise UnknownStage(
            f"Can't find stage '{name}'",
            hint=f"registered stages are: {', '.join(sorted(STAGE_FACTORIES))}",
        )
    module_name, func_name = target.split(":")
    func: Stage = getattr(importlib.import_module(module_name), func_name)
    return func


def run_stages(analysis: Analysis, doc: Doc, stages: Iterable[str] | None = None) -> Analysis:
    for name in stages if stages is not None else DEFAULT_STAGES:
        analysis = get_stage(name)(analysis, doc)
    return analysis


def analyze_articles(
    articles: Iterable[Article], stages: Iterable[str] | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Analysis]:
    """Run the NLP model and every stage over cleaned articles, streaming.

    The whole stored text (body and captions) is parsed so that every span indexes
    ``article.text`` directly. ALL-CAPS lines (headlines, wire datelines) are parsed in the
    document's own casing: the model is trained on mixed case, and every offset is kept.
    """
    nlp = load_nlp()
    stage_list = list(stages) if stages is not None else DEFAULT_STAGES
    texts = ((truecase_shouted_lines(a.text), a) for a in articles)
    pairs = ((text, (article, text)) for text, article in texts)
    for doc, (article, text) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        remember_text(doc, text)  # the stages read doc.text often; spaCy rebuilds it each time
        try:
            yield run_stages(Analysis(article=article), doc, stage_list)
        except Exception as exc:  # one article's fault must not stop its batch: reject it, go on
            yield Analysis(article=article, error=f"internal error in analysis: {type(exc).__name__}: {exc}")


# One sentence that reaches every stage's data: an actor, a quote, an event, an issue, a date.
WARM_UP_TEXT = (
    "US Secretary of State Antony Blinken said on Monday that Washington would impose new "
    "sanctions on Chinese chip makers next year, warning that trade talks with Beijing may fail."
)


@cache
def warm_up() -> None:
    """Load the model and every stage's data once in this process, then freeze the heap.

    For processes that analyse many batches (ingest workers). The model, dictionaries and
    indexes are millions of long-lived objects; without ``gc.freeze`` every full collection
    walks them all again (about 4% of ingest time on news). Objects made later are collected
    as usual. The heap is unfrozen at exit so that shutdown still frees it (else DuckDB's
    bindings report leaked objects).
    """
    raw = RawDocument.from_string(WARM_UP_TEXT)
    list(analyze_articles([prepare_article(raw)]))
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)


def analyze(text_or_html: str, url: str | None = None) -> Analysis:
    """Analyse one article given as plain text or HTML; nothing is stored.

    >>> import dyadwatch
    >>> a = dyadwatch.analyze("Chinese Foreign Minister Wang Yi met Antony Blinken in Beijing.")
    >>> sorted(x.id for x in a.actors)[:2]
    ['CHN:GOV', 'person:antony-blinken']
    """
    raw = RawDocument.from_string(text_or_html, url=url)
    article = prepare_article(raw)
    return next(analyze_articles([article]))
