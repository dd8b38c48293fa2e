"""Per-document values that spaCy recomputes on every access, computed once.

``Doc.text`` joins every token's text on each call (a Token object per token): the stages asked
for it about six times per article, ~15% of their time. A doc's text never changes (the
retokenizer keeps it), so it is kept in ``doc.user_data``; :func:`dyadwatch.pipeline.analyze_articles`
stores the string it parsed there before the stages run.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "dyadwatch.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed at most once per doc.

    >>> from dyadwatch.nlp.loader import load_nlp
    >>> doc_text(load_nlp().make_doc("Wang Yi met Blinken."))
    'Wang Yi met Blinken.'
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def remember_text(doc: Doc, text: str) -> None:
    """Record the string ``doc`` was made from (the same as ``doc.text``, without the join)."""
    last = doc[-1] if len(doc) else None
    if last is None or last.idx + len(last.text_with_ws) == len(text):
        doc.user_data[TEXT_KEY] = text
