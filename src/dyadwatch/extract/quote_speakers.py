"""Speaker resolution for quotes: names, pronouns, roles and groups, and the commentary author.

Pronouns are resolved against the speakers of earlier quotes, not the nearest name: in
"“...,” Swaine said, citing a memo by Minihan. “...,” he added." *he* is Swaine. Only when no
earlier speaker fits do we fall back to the actor stage's own resolution of the pronoun, then to
the nearest preceding person mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dyadwatch.model import Actor, Analysis, Span

SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Relative pronouns stand for the noun their clause hangs on ("Davidson, who previously said").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Nouns by which a commentary refers to its own author ("..., says a foreign affairs commentator").
AUTHOR_NOUNS = frozenset({"commentator", "columnist", "author", "writer", "contributor"})
_NP_LEFT_DEPS = frozenset({"compound", "det", "amod", "poss", "nmod", "flat", "nummod", "quantmod", "case"})
_PERSON_KINDS = frozenset({"person"})


@dataclass
class SpeakerRef:
    """A resolved speaker: actor id (or None), display name and the mention in this sentence."""

    actor: str | None
    name: str | None
    span: Span | None
    plural: bool = False
    person: bool = False


@dataclass
class SpeakerResolver:
    """Resolve speaker tokens of one article, remembering earlier speakers for pronouns.

    >>> from dyadwatch.model import Article
    >>> r = SpeakerResolver(Analysis(article=Article(id="x", text="")))
    >>> r.history
    []
    """

    analysis: Analysis
    history: list[tuple[int, SpeakerRef]] = field(default_factory=list)

    def author(self, span: Span | None) -> SpeakerRef:
        art = self.analysis.article
        name = ", ".join(art.authors) if art.authors else "author"
        return SpeakerRef(actor=None, name=name, span=span, person=True)

    def resolve(self, head: Token) -> SpeakerRef:
        """The speaker for the subject token ``head`` of a cue (remembered for later pronouns)."""
        mention = None
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ in ("relcl", "acl"):
            # "X, who warned ..." -> the noun the relative clause modifies; "who" stays the mention.
            mention = np_span(head)
            head = head.head.head
        ref = self._resolve(head)
        if mention is not None:
            ref = SpeakerRef(ref.actor, ref.name, mention, ref.plural, ref.person)
        if ref.actor is not None or ref.name:
            self.history.append((head.idx, ref))
        return ref

    def _resolve(self, head: Token) -> SpeakerRef:
        span = np_span(head)
        low = head.lower_
        text = self.analysis.article.text
        if low in FIRST_PERSON and self.analysis.article.kind == "commentary":
            return self.author(span)
        if head.lemma_.lower() in AUTHOR_NOUNS and self.analysis.article.kind == "commentary":
            return self.author(span)
        if low in ("it", "its"):
            # "Australia ... after it called for": a state, organisation or document, never a person.
            actor = self.analysis.actor_at(*span) or self._nearest(head.idx, person=False)
            if actor is not None:
                return SpeakerRef(actor.id, actor.name, span, plural=False, person=False)
            return SpeakerRef(None, None, span)
        if low in SINGULAR_PRONOUNS or low in PLURAL_PRONOUNS:
            plural = low in PLURAL_PRONOUNS
            local = None if plural else self._same_sentence(head)
            if local is not None:
                return local
            prev = self._previous(head.idx, plural)
            if prev is not None:
                return SpeakerRef(prev.actor, prev.name, span, plural=plural, person=prev.person)
            actor = self.analysis.actor_at(*span)
            if actor is None and not plural:
                actor = self._nearest(head.idx, person=True)
            if actor is not None:
                return SpeakerRef(actor.id, actor.name, span, plural, actor.kind in _PERSON_KINDS)
            return SpeakerRef(None, None, span, plural=plural)
        actor = self._actor_in(span, head)
        if actor is not None and _related_to(head, actor):
            actor = None  # "Clinton supporters", "Gary Johnson’s doctor": not Clinton, not Johnson
        plural = head.tag_ in ("NNS", "NNPS") or (
            head.pos_ != "PROPN" and actor is not None and actor.kind != "person"
        )
        if actor is not None:
            return SpeakerRef(actor.id, actor.name, span, plural, actor.kind in _PERSON_KINDS)
        person = head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and not plural and head.ent_type_ == "")
        name = text[span[0] : span[1]].removesuffix("’s").removesuffix("'s")
        return SpeakerRef(None, name, span, plural, person)

    def _same_sentence(self, pron: Token) -> SpeakerRef | None:
        """A person named earlier in the pronoun's own sentence as subject or possessor
        ("Biden's exchange with Xi, where he communicated ...") beats earlier speakers."""
        text = self.analysis.article.text
        # '"... Mr Trump doesn't want us to be there," she said': a name inside the quotation the
        # pronoun's cue closes is someone the speaker talks about; the search stops at its mark.
        closed_at = max(text.rfind(mark, pron.sent.start_char, pron.idx) for mark in _CLOSING_QUOTES)
        for tok in reversed(pron.sent[: pron.i - pron.sent.start]):
            if tok.idx <= closed_at:
                return None
            if tok.dep_ not in ("nsubj", "poss") or tok.pos_ != "PROPN":
                continue
            span = np_span(tok)
            actor = self._actor_in(span, tok)
            if actor is not None:
                if actor.kind not in _PERSON_KINDS:
                    return None
                return SpeakerRef(actor.id, actor.name, np_span(pron), person=True)
            if tok.ent_type_ == "PERSON":
                name = self.analysis.article.text[span[0] : span[1]]
                return SpeakerRef(
                    None, name.removesuffix("’s").removesuffix("'s"), np_span(pron), person=True
                )
            return None
        return None

    def _actor_in(self, span: Span, head: Token) -> Actor | None:
        """The actor named in the speaker phrase: a person before a state ("Chinese Foreign
        Minister Wang Yi" is Wang Yi, not China), then the one on the head word, then the longest."""
        best: tuple[tuple[bool, bool, int], Actor] | None = None
        for actor in self.analysis.actors:
            for ms, me in actor.mentions:
                if ms < span[1] and span[0] < me:
                    key = (actor.kind in _PERSON_KINDS, _on_token((ms, me), head), me - ms)
                    if best is None or key > best[0]:
                        best = (key, actor)
        return best[1] if best else None

    def _nearest(self, before: int, person: bool) -> Actor | None:
        best: tuple[int, Actor] | None = None
        for actor in self.analysis.actors:
            if (actor.kind in _PERSON_KINDS) != person:
                continue
            for start, _end in actor.mentions:
                if start < before and (best is None or start > best[0]):
                    best = (start, actor)
        return best[1] if best else None

    def _previous(self, before: int, plural: bool) -> SpeakerRef | None:
        for idx, ref in reversed(self.history):
            if idx >= before:
                continue
            if plural == ref.plural and (plural or ref.person):
                return ref
        return None


# People named by their tie to an actor, who speak for themselves, not for it. Those who speak on
# an actor's behalf ("a Clinton spokesman", "a State Department official", "the Trump campaign")
# keep the actor, as event coders do.
_RELATED_PERSON_NOUNS = frozenset(
    """supporter fan critic opponent rival detractor voter donor doctor physician lawyer attorney
    friend biographer wife husband son daughter brother sister mother father neighbor neighbour
    classmate victim accuser""".split()  # noqa: SIM905
)


def _related_to(head: Token, actor: Actor) -> bool:
    """True when the speaker phrase's head is a person tied to ``actor`` and the actor is named
    only in a modifier of it ("Clinton supporters", "Gary Johnson’s doctor")."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in _RELATED_PERSON_NOUNS:
        return False
    return not any(_on_token(mention, head) for mention in actor.mentions)


def _on_token(mention: Span, tok: Token) -> bool:
    """True when the mention's characters overlap the token's."""
    return mention[0] < tok.idx + len(tok.text) and tok.idx < mention[1]


_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_CLOSING_QUOTES = ("”", '"', "’’", "''")


def np_span(head: Token) -> Span:
    """Character span of the noun phrase headed by ``head`` without clauses and appositions.

    "US analysts" -> both words; "Michael Swaine, a senior fellow" -> "Michael Swaine".
    """
    left = head
    for child in head.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    right = head
    for child in head.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "case" and child.i == right.i + 1):
            right = child
        elif child.dep_ == "appos" and child.left_edge.i == right.i + 1 and child.pos_ == "PROPN":
            # "chief economist Anne Krueger": a title with the name right after it, no comma.
            right = child
        else:
            break
    # "(=(PICTURE+VIDEO)=) African nations": page markup the parse hung on the phrase stays out.
    if left.text[:1] in "([{=":
        closers = [t for t in left.doc[left.i : head.i] if any(ch in t.text for ch in ")]}")]
        left = closers[-1].nbor() if closers else left
    while left.i < head.i and not any(ch.isalnum() for ch in left.text):
        left = left.nbor()
    # "On Sunday Çavuşoğlu said": a date the parse compounded onto a name is no part of it ("this
    # year", "Monday's poll" and the film "13 Hours" keep theirs).
    if head.ent_type_ in _NAMED or (head.pos_ == "PROPN" and not head.ent_type_):
        start = left
        while left.i < head.i and left.ent_type_ in ("DATE", "TIME"):
            left = left.nbor()
        if any(t.tag_ == "POS" for t in left.doc[start.i : left.i + 1]):
            left = start  # "Monday's Morning Email": the date owns it
    return left.idx, right.idx + len(right.text)
