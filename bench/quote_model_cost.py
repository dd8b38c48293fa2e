"""What one of the quote stage's learned models costs: the stage with it and without it.

``--model tagger`` is the attribution tagger (``extract/quote_tagger.py``), ``--model bounds`` the
content-bounds model (``extract/quote_bounds.py``). The news texts are parsed once (spaCy and the
actor stage, timed for scale); then the quote stage runs over all of them with the model on and
off, alternating, and each side's median is reported in ms per article, with the ratio and the
extra share of the whole analysis (parse + every stage, measured on the same texts). Quotes found
on each side, and for the bounds model the quotes whose bounds it moved, are counted, so the cost
comes with what it buys.

    .venv/bin/python bench/quote_model_cost.py --model tagger   # 300 news texts, 3 runs a side
    .venv/bin/python bench/quote_model_cost.py --model bounds --n 1210 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from dyadwatch.extract import quote_bounds, quote_tagger
from dyadwatch.extract.quotes import extract_quotes
from dyadwatch.model import Analysis, Article
from dyadwatch.nlp.doc_cache import remember_text
from dyadwatch.nlp.loader import load_nlp
from dyadwatch.nlp.mentions import truecase_shouted_lines
from dyadwatch.pipeline import DEFAULT_STAGES, run_stages

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
ENV_VARS = {"tagger": quote_tagger.ENV_VAR, "bounds": quote_bounds.ENV_VAR}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side, alternating")
    parser.add_argument("--model", choices=sorted(ENV_VARS), default="tagger", help="the model to time")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))[: args.n]
    if not files:
        raise SystemExit(f"no .txt files in {args.corpus}")
    articles = [Article(id=p.stem, text=p.read_text(encoding="utf-8"), kind="news") for p in files]
    nlp = load_nlp()
    began = time.perf_counter()
    texts = [truecase_shouted_lines(a.text) for a in articles]
    docs = list(nlp.pipe(texts, batch_size=16))
    for doc, text in zip(docs, texts, strict=True):
        remember_text(doc, text)
    parse_s = time.perf_counter() - began
    began = time.perf_counter()
    actors = [
        run_stages(Analysis(article=a), d, DEFAULT_STAGES[:1]) for a, d in zip(articles, docs, strict=True)
    ]
    stages_s = time.perf_counter() - began
    began = time.perf_counter()
    for a, d in zip(articles, docs, strict=True):
        run_stages(Analysis(article=a), d, DEFAULT_STAGES[1:])
    stages_s += time.perf_counter() - began

    env_var = ENV_VARS[args.model]

    def side(model_on: bool) -> tuple[float, list[tuple[int, int]]]:
        if model_on:
            os.environ.pop(env_var, None)
        else:
            os.environ[env_var] = "off"
        began = time.perf_counter()
        spans = []
        for base, doc in zip(actors, docs, strict=True):
            analysis = Analysis(article=base.article, actors=base.actors)
            spans += [q.span for q in extract_quotes(analysis, doc).quotes]
        return time.perf_counter() - began, spans

    side(True)  # load the model and warm the caches outside the timings
    times: dict[bool, list[float]] = {True: [], False: []}
    found: dict[bool, list[tuple[int, int]]] = {}
    for _ in range(args.repeat):
        for on in (False, True):
            seconds, found[on] = side(on)
            times[on].append(seconds)
    off, on = (statistics.median(times[k]) * 1000 / len(docs) for k in (False, True))
    whole = (parse_s + stages_s) * 1000 / len(docs)
    print(f"{len(docs)} articles, {args.repeat} runs a side; whole analysis {whole:.1f} ms/article")
    print(f"quote stage, {args.model} off: {off:.2f} ms/article, {len(found[False])} quotes")
    print(f"quote stage, {args.model} on:  {on:.2f} ms/article, {len(found[True])} quotes")
    if args.model == "bounds":
        moved = len(found[True]) - len(set(found[True]) & set(found[False]))
        print(f"bounds moved for {moved} quotes")
    print(
        f"ratio on/off {on / off:.2f}; the {args.model} adds {on - off:.2f} ms/article, "
        f"{(on - off) / whole:.1%} of the whole analysis"
    )


if __name__ == "__main__":
    main()
