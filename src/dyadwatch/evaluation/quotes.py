"""Quote attribution scored on PolNeAR (brat standoff), see ``../shared/eval/README.md``.

Each gold attribution is a content (one or more character spans) with an optional source. We run
the real pipeline over the gold texts, unchanged so that offsets agree, and score:

- ``exact_*``: a predicted content whose pieces equal a gold content's pieces (outer whitespace
  ignored), matched one-to-one;
- ``overlap_*``: contents matched one-to-one when they share at least one word token (the PARC /
  Citron "overlap" measure), greedy by largest overlap;
- ``token_*``: word-token precision and recall of the overlap-matched pairs (how much of each
  content is right), a stricter view of the same matching;
- ``speaker_acc``: among overlap-matched pairs whose gold has a source, the share whose predicted
  speaker mention overlaps the gold source span or names the same person (a shared capitalised
  word: "Mr. Ban" vs "Ban Ki-moon").

Articles with several annotators' files are scored against each file and the counts summed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.model import Article, Quote, Span

DEFAULT_GOLD = "quotes/polnear/dev"
_WORD = re.compile(r"\w+")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass
class GoldAttribution:
    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)


@dataclass
class Counts:
    n_gold: int = 0
    n_pred: int = 0
    exact: int = 0
    overlap: int = 0
    tok_pred: int = 0
    tok_gold: int = 0
    tok_overlap_p: int = 0
    tok_overlap_g: int = 0
    spk_total: int = 0
    spk_correct: int = 0


def _strip(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file (``E`` lines tying ``Content`` and ``Source``).

    >>> ann = "T1\\tSource 0 2\\tHe\\nT2\\tCue 3 7\\tsaid\\nT3\\tContent 8 12\\tyes.\\nE1\\tCue:T2 Source:T1 Content:T3"
    >>> parse_ann(ann)
    [GoldAttribution(content=[(8, 12)], source=[(0, 2)], cue=[(3, 7)])]
    """
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _typ, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content:
            source = sorted(spans.get(ev.get("Source", ""), []))
            out.append(GoldAttribution(sorted(content), source, sorted(spans.get(ev.get("Cue", ""), []))))
    return out


def _tokens(text: str, parts: Iterable[Span]) -> set[int]:
    """Start offsets of the word tokens inside ``parts``."""
    return {m.start() + s for s, e in parts for m in _WORD.finditer(text[s:e])}


def _same_speaker(text: str, quote: Quote, source: list[Span]) -> bool:
    if quote.speaker_span and any(s < quote.speaker_span[1] and quote.speaker_span[0] < e for s, e in source):
        return True
    gold_names = {w for s, e in source for w in _WORD.findall(text[s:e]) if w[:1].isupper() and len(w) > 2}
    pred_names = {w for w in _WORD.findall(quote.speaker_name or "") if w[:1].isupper() and len(w) > 2}
    return bool(gold_names & pred_names)


def _overlap_pairs(g_tok: list[set[int]], p_tok: list[set[int]]) -> list[tuple[int, int, int]]:
    """(shared tokens, gold index, predicted index), one-to-one, greedy by largest overlap."""
    pairs = sorted(
        ((len(gt & pt), gi, pi) for gi, gt in enumerate(g_tok) for pi, pt in enumerate(p_tok) if gt & pt),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for n, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((n, gi, pi))
    return out


def overlap_matches(
    text: str, gold: list[GoldAttribution], quotes: list[Quote]
) -> dict[int, tuple[Span, ...]]:
    """For each predicted quote that overlap-matches a gold content (as scored), that content's
    pieces, outer whitespace stripped: what a model of content bounds learns from."""
    g_parts = [tuple(_strip(text, p) for p in g.content) for g in gold]
    g_tok = [_tokens(text, p) for p in g_parts]
    p_tok = [_tokens(text, [_strip(text, p) for p in (q.parts or [q.span])]) for q in quotes]
    return {pi: g_parts[gi] for _n, gi, pi in _overlap_pairs(g_tok, p_tok)}


def score_article(text: str, gold: list[GoldAttribution], quotes: list[Quote], counts: Counts) -> None:
    """Add one article's figures to ``counts`` (one-to-one matching, exact then by overlap)."""
    g_parts = [tuple(_strip(text, p) for p in g.content) for g in gold]
    p_parts = [tuple(_strip(text, p) for p in (q.parts or [q.span])) for q in quotes]
    counts.n_gold += len(gold)
    counts.n_pred += len(quotes)
    free = set(range(len(gold)))
    for pp in p_parts:
        hit = next((i for i in sorted(free) if g_parts[i] == pp), None)
        if hit is not None:
            free.discard(hit)
            counts.exact += 1
    g_tok = [_tokens(text, p) for p in g_parts]
    p_tok = [_tokens(text, p) for p in p_parts]
    counts.tok_gold += sum(len(t) for t in g_tok)
    counts.tok_pred += sum(len(t) for t in p_tok)
    for n, gi, pi in _overlap_pairs(g_tok, p_tok):
        counts.overlap += 1
        counts.tok_overlap_g += n
        counts.tok_overlap_p += n
        if gold[gi].source:
            counts.spk_total += 1
            counts.spk_correct += _same_speaker(text, quotes[pi], gold[gi].source)


def _prf(hit_p: int, n_p: int, hit_r: int, n_r: int) -> tuple[float, float, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(c: Counts) -> dict[str, float]:
    """Figures from summed counts; the headline metrics come first.

    >>> metrics(Counts(n_gold=2, n_pred=2, exact=1, overlap=2, spk_total=2, spk_correct=2))["exact_f1"]
    0.5
    """
    ep, er, ef = _prf(c.exact, c.n_pred, c.exact, c.n_gold)
    op, or_, of = _prf(c.overlap, c.n_pred, c.overlap, c.n_gold)
    tp, tr, tf = _prf(c.tok_overlap_p, c.tok_pred, c.tok_overlap_g, c.tok_gold)
    return {
        "overlap_f1": of,
        "exact_f1": ef,
        "speaker_acc": c.spk_correct / c.spk_total if c.spk_total else 0.0,
        "overlap_p": op,
        "overlap_r": or_,
        "exact_p": ep,
        "exact_r": er,
        "token_p": tp,
        "token_r": tr,
        "token_f1": tf,
        "n_gold": c.n_gold,
        "n_pred": c.n_pred,
    }


def gold_articles(gold: Path, limit: int | None = None) -> list[tuple[Article, list[list[GoldAttribution]]]]:
    """Texts of a PolNeAR split with, per text, the attributions of each annotator's file."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((gold / "attributions").glob("*.ann")):
        m = _ANN_NAME.match(ann.name)
        if m:
            by_name.setdefault(m["name"], []).append(ann)
    out = []
    for name in sorted(by_name)[: limit if limit is not None else None]:
        text_path = gold / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        # newline="" keeps "\r\n" as is: offsets count every character of the file.
        with text_path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        anns = [parse_ann(p.read_text(encoding="utf-8")) for p in by_name[name]]
        out.append((Article(id=name, text=text, kind="news"), anns))
    return out


def evaluate(gold: Path, limit: int | None = None) -> dict[str, float]:
    """Run the pipeline over PolNeAR texts in ``gold`` and score its quotes.

    ``limit`` takes the first N texts (sorted by name) for a quicker run.
    """
    from dyadwatch.pipeline import analyze_articles

    items = gold_articles(Path(gold), limit)
    counts = Counts()
    analyses = analyze_articles(article for article, _ in items)
    for (article, anns), analysis in zip(items, analyses, strict=True):
        for attributions in anns:
            score_article(article.text, attributions, analysis.quotes, counts)
    return metrics(counts)


def _as_quotes(text: str, attributions: list[GoldAttribution]) -> list[Quote]:
    """One annotator's attributions in the shape of predictions, to score against another's."""
    out = []
    for g in attributions:
        speaker_span = (g.source[0][0], g.source[-1][1]) if g.source else None
        out.append(
            Quote(
                speaker=None,
                speaker_name=" ".join(text[s:e] for s, e in g.source) or None,
                text=" ".join(text[s:e] for s, e in g.content),
                span=(g.content[0][0], g.content[-1][1]),
                cue=None,
                direct=False,
                speaker_span=speaker_span,
                parts=list(g.content),
            )
        )
    return out


def agreement(gold: Path, limit: int | None = None) -> tuple[dict[str, float], dict[str, float], int]:
    """How far PolNeAR's annotators agree with each other, and the pipeline on the same texts.

    For every text with two or more annotators' files, the first file is scored as if it were a
    prediction against each of the others (the same measures as :func:`evaluate`); the pipeline is
    scored against all of them. Returns (annotators, pipeline, number of texts): the first is the
    ceiling that the exact-span goal should be read against.
    """
    from dyadwatch.pipeline import analyze_articles

    items = [item for item in gold_articles(Path(gold), limit) if len(item[1]) >= 2]
    human, system = Counts(), Counts()
    for article, anns in items:
        first = _as_quotes(article.text, anns[0])
        for other in anns[1:]:
            score_article(article.text, other, first, human)
    analyses = analyze_articles(article for article, _ in items)
    for (article, anns), analysis in zip(items, analyses, strict=True):
        for other in anns[1:]:
            score_article(article.text, other, analysis.quotes, system)
    return metrics(human), metrics(system), len(items)
