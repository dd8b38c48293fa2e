"""Coverage-guided fuzzing of the ingest path with atheris (libFuzzer for Python).

Bytes go through ``decode_bytes``, then ``prepare_article`` as text and as HTML, then the text
is searched for time expressions and each is resolved against a date taken from the input.
Any exception other than ``InputRejected`` is a crash: atheris prints the input and stops.
The NLP stages are left to the hypothesis tests (tests/hardening/): a model call per input
would make coverage-guided search too slow to be useful.

Install with ``pip install -e '.[fuzz]'``. Usage (``-runs`` bounds the work; a corpus folder
keeps what was learnt between runs):

    .venv/bin/python bench/fuzz_atheris.py -runs=20000 -max_len=4096 /tmp/dyadwatch-fuzz-corpus
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from dyadwatch.errors import InputRejected
    from dyadwatch.ingest.clean import clean_text
    from dyadwatch.ingest.decode import decode_bytes
    from dyadwatch.ingest.documents import RawDocument, prepare_article
    from dyadwatch.ingest.metadata import extract_text_metadata
    from dyadwatch.nlp.dates import resolve, resolve_time_expressions

BASES = ["2023-01-31", "0001-01-01", "9999-12-31", "2020-02-29"]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    base = BASES[fdp.ConsumeIntInRange(0, len(BASES) - 1)]
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        text = decode_bytes(raw)
    except InputRejected:
        text = raw.decode("utf-8", "surrogateescape")  # the string paths get odd text as well
    cleaned = clean_text(text)
    extract_text_metadata(cleaned.paragraphs, text)
    for raw_doc in (RawDocument(text=text), RawDocument(html=text)):
        try:
            article = prepare_article(raw_doc)
        except InputRejected as exc:
            assert exc.message
        else:
            article.text.encode("utf-8")
    for tex in resolve_time_expressions(text, base):
        assert text[tex.span[0] : tex.span[1]] == tex.text
    for piece in text.split("\n")[:20]:
        resolve(piece[:80], base)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
