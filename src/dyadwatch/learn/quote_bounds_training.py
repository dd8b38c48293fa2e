"""Train the content-bounds model (``extract.quote_bounds``) on brat attributions (PolNeAR's format).

Each text is parsed and read exactly as the pipeline reads it, up to the quotes the rules find
(:func:`dyadwatch.extract.quotes.find_quotes`). Every rule-found indirect content that overlaps a
content of the text's first annotator (matched one-to-one, as ``dyadwatch eval quotes`` matches
them) gives one training item per candidate start and end: ``Y`` where the annotator's content
starts or ends there, else ``N``. Contents that match nothing teach nothing: whether a statement
is one at all is the rules' and the tagger's question, not this model's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dyadwatch.evaluation.quotes import gold_articles, overlap_matches
from dyadwatch.extract.actors import extract_actors
from dyadwatch.extract.quote_bounds import boundary_features, candidates, refinable
from dyadwatch.extract.quotes import find_quotes
from dyadwatch.learn.crf_trainer import ProgressTrainer, fit_and_record
from dyadwatch.model import Analysis
from dyadwatch.nlp.doc_cache import remember_text
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.mentions import truecase_shouted_lines


@dataclass(frozen=True)
class BoundsSettings:
    """CRFsuite settings, chosen on PolNeAR train (fitted on the even-numbered texts, the rules
    scored on the odd ones): exact F1 0.5818 without the model, 0.5855 at c1 0.1, 0.5865 at c1 0.5,
    0.5857 at c1 2 (150 iterations, margin 0.2)."""

    c1: float = 0.5
    c2: float = 0.01
    max_iterations: int = 150
    min_feature_freq: float = 1.0


# One training item: the side ("s" start, "e" end), the candidate's features, its label.
Item = tuple[str, list[str], str]


def training_items(gold: Path, limit: int | None = None) -> Iterator[list[Item]]:
    """Per text of a brat split (``text/`` + ``attributions/``), its candidate boundaries' items."""
    nlp = load_nlp()
    items = [(article, anns) for article, anns in gold_articles(gold, limit) if anns]
    texts = ((truecase_shouted_lines(article.text), (article, anns)) for article, anns in items)
    for doc, (article, anns) in nlp.pipe(texts, as_tuples=True, batch_size=16):
        remember_text(doc, doc.text)
        quotes = find_quotes(extract_actors(Analysis(article=article), doc), doc)
        out: list[Item] = []
        for k, gold_parts in overlap_matches(article.text, anns[0], quotes).items():
            quote = quotes[k]
            cands = candidates(doc, quote) if refinable(quote) else None
            if cands is None:
                continue
            start, end = gold_parts[0][0], gold_parts[-1][1]
            for side, at_start, positions in (("s", True, cands.starts), ("e", False, cands.ends)):
                features = boundary_features(doc, quote, cands, at_start)
                for pos, f in zip(positions, features, strict=True):
                    char = doc[pos].idx if at_start else doc[pos - 1].idx + len(doc[pos - 1].text)
                    out.append((side, f, "Y" if char == (start if at_start else end) else "N"))
        yield out


def train_bounds(
    gold: Path,
    out: Path,
    settings: BoundsSettings = BoundsSettings(),
    limit: int | None = None,
    on_text: Callable[[], None] | None = None,
    on_iteration: Callable[[int, float], None] | None = None,
) -> dict[str, Any]:
    """Fit a bounds model on the split ``gold``; write ``out`` and its provenance (``.json``).

    Returns the provenance written next to the model.
    """
    began = time.perf_counter()
    trainer = ProgressTrainer(on_iteration or (lambda _n, _loss: None))
    n_texts = n_items = n_positive = 0
    for text_items in training_items(gold, limit):
        for side, features, label in text_items:
            trainer.append([[f"{side}:{name}" for name in features]], [label])
            n_items += 1
            n_positive += label == "Y"
        n_texts += 1
        if on_text is not None:
            on_text()
    if n_positive == 0:
        raise ValueError(f"no rule-found content in {gold} overlaps an annotated one: nothing to learn")
    params = {
        "c1": settings.c1,
        "c2": settings.c2,
        "max_iterations": settings.max_iterations,
        "feature.minfreq": settings.min_feature_freq,
    }
    info = {
        "trained_on": str(gold),
        "texts": n_texts,
        "candidates": n_items,
        "annotated_bounds": n_positive,
        "settings": asdict(settings),
    }
    return fit_and_record(trainer, out, params, info, began)
