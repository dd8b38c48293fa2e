"""Keep one article's failing repair from stopping its whole batch.

dyadwatch's own pipeline components run inside ``nlp.pipe``: an exception there would end the
stream, and with it every other article of the batch (spaCy's per-component error handlers drop
the article instead, which loses it silently). A repair is an improvement on the model's
reading, not a requirement, so a failing one leaves the doc as the model and the components
before it made it, and says so: the error goes to the log and to ``doc.user_data``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from spacy.tokens import Doc

log = logging.getLogger(__name__)
ERRORS_KEY = "dyadwatch_component_errors"


def never_fails(name: str) -> Callable[[Callable[[Doc], Doc]], Callable[[Doc], Doc]]:
    """Decorate a component ``doc -> doc`` so that an exception leaves the doc unchanged.

    >>> import spacy
    >>> @never_fails("broken")
    ... def broken(doc):
    ...     raise ValueError("no")
    >>> doc = broken(spacy.blank("en")("text"))
    >>> doc.user_data[ERRORS_KEY]
    ['broken: ValueError: no']
    """

    def decorate(component: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @functools.wraps(component)
        def guarded(doc: Doc) -> Doc:
            try:
                return component(doc)
            except Exception as exc:  # a repair must never cost the batch: see the module docstring
                message = f"{name}: {type(exc).__name__}: {exc}"
                log.warning("component %s skipped on a document (%s chars): %s", name, len(doc.text), exc)
                doc.user_data.setdefault(ERRORS_KEY, []).append(message)
                return doc

        return guarded

    return decorate
