"""Dependency-parse helpers: how far apart two words are, and what scopes over a word.

Issue and stance cues are tied together through the parse, not the word order: an evaluative
word is about the issue it governs ("suspend cooperation ... on climate change") or, failing
that, the nearest issue in the tree, where coordination costs nothing ("Tariffs, human rights and
climate change among contentious items" puts all three at the same distance). Negation that
scopes over a cue ("I don't think it will be a hostile conversation") flips it; a concessive
clause ("While some have expected progress ...") weakens it.

>>> from dyadwatch.nlp.loader import load_nlp
>>> doc = load_nlp()("I don't think it will be a hostile conversation.")
>>> negated(doc[7])
True
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

# Edges that join parts of one phrase or list: crossing them does not move away from the topic.
FREE_EDGES = {"conj", "cc", "appos", "compound", "flat", "punct", "preconj"}
SUBJECT_EDGES = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
NEGATION_WORDS = {"no", "never", "without", "neither", "nor", "hardly", "little"}
CONCESSIVE_MARKS = {"while", "although", "though", "whereas", "despite", "notwithstanding"}
# How far up the tree a negation or a concession may sit above the cue.
MAX_SCOPE = 6


def _up(token: Token) -> list[tuple[Token, int]]:
    """The token and its ancestors with the cost of reaching each."""
    out = [(token, 0)]
    cost = 0
    while token.head.i != token.i:
        cost += 0 if token.dep_ in FREE_EDGES else 1
        token = token.head
        out.append((token, cost))
    return out


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens through their lowest common ancestor, coordination free.

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> doc = load_nlp()("Tariffs, human rights and climate change are contentious.")
    >>> tree_distance(doc[0], doc[5]), tree_distance(doc[8], doc[0])
    (0, 2)
    """
    if a.doc is not b.doc:
        raise ValueError("tokens of different docs")
    up_a = {t.i: c for t, c in _up(a)}
    for t, cost_b in _up(b):
        if t.i in up_a:
            return up_a[t.i] + cost_b
    return 99  # different sentences


def span_distance(a: Span, b: Span) -> int:
    """Smallest tree distance between any two tokens of two spans (0 when they overlap)."""
    if a.start < b.end and b.start < a.end:
        return 0
    return min(tree_distance(x, y) for x in (a.root, *a) for y in (b.root,))


def in_subtree(token: Token, head: Token) -> bool:
    """Whether ``token`` lies below ``head`` (or is it)."""
    return head.left_edge.i <= token.i <= head.right_edge.i and any(t.i == head.i for t, _ in _up(token))


def negated(token: Token) -> bool:
    """A negation scoping over the token from its own phrase or a predicate above it.

    The path may not climb out of a subject: in "climate cooperation would not serve as a
    trade-off" the negation belongs to the predicate, not to "cooperation".
    """
    for steps, (node, _) in enumerate(_up(token)):
        if steps > MAX_SCOPE:
            break
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in NEGATION_WORDS):
                return True
            if child.dep_ == "prep" and child.lower_ == "without" and child.i < token.i and node.i != token.i:
                return True
        if node.dep_ in SUBJECT_EDGES or node.dep_ == "relcl":
            break
    return False


def concessive(token: Token) -> bool:
    """Whether the token sits in a concessive clause or phrase ("while ...", "despite ...")."""
    for steps, (node, _) in enumerate(_up(token)):
        if steps > MAX_SCOPE:
            break
        if node.dep_ == "prep" and node.lower_ in CONCESSIVE_MARKS:
            return True
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in node.children
        ):
            return True
    return False


def clause_head(token: Token) -> Token:
    """The verb (or sentence root) of the clause a token belongs to."""
    node = token
    while node.head.i != node.i and node.pos_ not in {"VERB", "AUX"}:
        node = node.head
    return node


ABOUT_PREPS = {"on", "over", "about", "regarding", "concerning", "towards", "toward"}
# "interests in X", "progress in X": about-ness, but weaker ("optimism in the coming talks").
WEAK_ABOUT_PREPS = {"in", "with", "for"}
PREDICATE_EDGES = {"acomp", "attr", "advmod", "oprd"}


def about_argument(anchor: Span, weak: bool = False) -> list[Token]:
    """Objects of the prepositions that say what a cue is about ("far apart *on* most issues",
    "differences *over* Taiwan"): the most direct statement of its topic. A predicate cue ("are
    too far apart on ...") takes the prepositions of its verb. ``weak`` adds "in"/"with"/"for".
    """
    preps = ABOUT_PREPS | (WEAK_ABOUT_PREPS if weak else set())
    root = anchor.root
    heads = [root] + ([root.head] if root.dep_ in PREDICATE_EDGES and root.head.i != root.i else [])
    out: list[Token] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps and not (anchor.start <= child.i < anchor.end):
                out.extend(t for t in child.subtree)
    return out


def coordinated(token: Token) -> list[Token]:
    """The conjuncts of the list a token belongs to, itself included."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    out = [first]
    todo = [first]
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ == "conj":
                out.append(child)
                todo.append(child)
    return out


def nearest(anchor: Span, candidates: Iterable[Span], slack: int = 1) -> list[int]:
    """Indexes of the candidates the anchor is about.

    In order: candidates in the anchor's "about" argument; else the closest of those inside its
    subtree; else those within ``slack`` edges of the closest one. Candidates coordinated with a
    chosen one come along ("openings on climate action and maritime leadership").
    """
    cands = list(candidates)
    if not cands:
        return []
    about = {t.i for t in about_argument(anchor)}
    chosen = [i for i, c in enumerate(cands) if any(t.i in about for t in c)]
    if not chosen:
        root = anchor.root
        dists = [span_distance(anchor, c) for c in cands]
        inside = [i for i, c in enumerate(cands) if any(in_subtree(t, root) for t in c)]
        pool = inside or list(range(len(cands)))
        best = min(dists[i] for i in pool)
        chosen = [i for i in pool if dists[i] <= best + (0 if inside else slack)]
    # Conjuncts of a chosen candidate, and what hangs below them, are chosen as well.
    heads = {m.i: m for i in chosen for t in cands[i] for m in coordinated(t)}
    for i, c in enumerate(cands):
        if i not in chosen and any(in_subtree(t, h) for h in heads.values() for t in c):
            chosen.append(i)
    return sorted(chosen)
