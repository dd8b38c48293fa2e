"""Size, memory and time limits of ``dyadwatch ingest`` on hostile inputs, measured.

Each case runs the real CLI in a subprocess and reports wall time, the child's peak RSS
(``os.wait4``), the exit code and the rejection message:

- ``jsonl``: a JSONL stream of N GB written to /tmp (streamed, deleted after). To stream the
  whole file through the ingest in minutes rather than hours, its bytes are mostly over-limit
  records (21 MiB lines, which the reader skips in 1 MiB reads and rejects) interleaved with
  many small records: 40 distinct corpus articles (analysed by the model) and thousands of
  duplicates of them (read, decoded, cleaned and hashed, then found stored, with no NLP).
  Run at 1/10 of the size too: a flat peak RSS means memory does not grow with the stream.
- ``file200``: a 200 MB .txt and .html file (sparse): rejected from its size alone.
- ``nested``: an HTML page with a million nested tags (11 MB): rejected at the parser's depth.
- ``flat``: a 10 MB HTML page of 200,000 paragraphs: over the element limit; and one of 45,000
  paragraphs, just under it: the slowest page still extracted (whose text is then too long).
- ``longtext``: a 1 MB plain-text article (one unclosed quotation): rejected by length.

Usage (about 6 minutes on 2 cores):

    .venv/bin/python bench/hardening_limits.py                 # all cases, 2 GB JSONL
    .venv/bin/python bench/hardening_limits.py --cases jsonl --size-gb 0.5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
DYADWATCH = ROOT / ".venv" / "bin" / "dyadwatch"
MiB = 2**20


def run_cli(inputs: list[Path], db: Path) -> dict[str, Any]:
    """Run ``dyadwatch ingest``; wall time, peak RSS of that child, exit code, last lines."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [str(DYADWATCH), "ingest", *map(str, inputs), "--db", str(db), "--quiet"],
            stdout=subprocess.PIPE,
            stderr=err,
        )
        assert proc.stdout is not None
        out = proc.stdout.read().decode()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        messages = err.read().decode().strip().splitlines()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),  # Linux: kilobytes
        "exit": proc.returncode,
        "summary": out.strip().splitlines()[-1] if out.strip() else "",
        "messages": messages,
    }


def write_jsonl(path: Path, size_bytes: int, small_records: int, big_line: int = 21 * MiB) -> dict[str, int]:
    """Stream a JSONL file of about ``size_bytes``: over-limit lines between small records."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:40]]
    n_big = max(1, size_bytes // big_line)
    every = max(1, small_records // n_big)
    written = big = 0
    chunk = b"x" * MiB
    with path.open("wb") as out:
        for i in range(small_records):
            record = {"text": texts[i % len(texts)], "url": f"https://example.com/a/{i}"}
            written += out.write(json.dumps(record).encode() + b"\n")
            if i % every == every - 1 and big < n_big:
                written += out.write(b'{"text": "')
                for _ in range(big_line // MiB):
                    written += out.write(chunk)
                written += out.write(b'"}\n')
                big += 1
    return {"bytes": written, "small_records": small_records, "big_lines": big}


def case_jsonl(tmp: Path, size_gb: float, small_records: int) -> None:
    for scale in (0.1, 1.0):
        path = tmp / f"stream_{scale}.jsonl"
        made = write_jsonl(path, int(size_gb * scale * 2**30), int(small_records * scale))
        try:
            result = run_cli([path], tmp / f"stream_{scale}.duckdb")
        finally:
            path.unlink()
        rejected = sum(1 for m in result["messages"] if "over the 20 MiB limit" in m)
        print(
            f"jsonl {made['bytes'] / 2**30:.2f} GiB ({made['small_records']} small records, "
            f"{made['big_lines']} lines of 21 MiB): {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB, "
            f"exit {result['exit']}, '{result['summary']}', {rejected} over-limit lines rejected",
            flush=True,
        )


def case_file200(tmp: Path) -> None:
    for name in ("big.txt", "big.html"):
        path = tmp / name
        with path.open("wb") as handle:
            handle.truncate(200 * 10**6)
        result = run_cli([path], tmp / "file200.duckdb")
        path.unlink()
        print(
            f"file200 {name}: {result['seconds']} s, exit {result['exit']}: {result['messages'][-1]}",
            flush=True,
        )


def _html_case(tmp: Path, label: str, page: str) -> None:
    path = tmp / f"{label}.html"
    path.write_text(page, encoding="utf-8")
    result = run_cli([path], tmp / f"{label}.duckdb")
    path.unlink()
    print(
        f"{label} ({len(page) / 1e6:.1f} MB): {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB, "
        f"exit {result['exit']}: {result['messages'][-1] if result['messages'] else result['summary']}",
        flush=True,
    )


def case_nested(tmp: Path) -> None:
    words = "Words of the article here, said the minister. " * 40
    _html_case(tmp, "nested", "<html><body>" + "<div>" * 10**6 + f"<p>{words}</p>" + "</div>" * 10**6)


def case_flat(tmp: Path) -> None:
    para = "<p>Words of the article here, said the minister.</p>"
    _html_case(tmp, "flat", "<html><body><article>" + para * 200_000 + "</article></body></html>")
    # just under the element limit: the slowest page that is still extracted (its text is then
    # over the article length limit)
    _html_case(tmp, "flat-45k", "<html><body><article>" + para * 45_000 + "</article></body></html>")


def case_longtext(tmp: Path) -> None:
    path = tmp / "long.txt"
    path.write_text("A headline\n\nHe said: \u201c" + "the talks went well and more will follow " * 25_000)
    result = run_cli([path], tmp / "long.duckdb")
    path.unlink()
    print(
        f"longtext (1.0 MB): {result['seconds']} s, exit {result['exit']}: {result['messages'][-1]}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="file200,nested,flat,longtext,jsonl")
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--small-records", type=int, default=20_000)
    parser.add_argument("--tmp", default="/tmp", help="where the generated inputs go (deleted after)")
    args = parser.parse_args()
    cases = args.cases.split(",")
    with tempfile.TemporaryDirectory(prefix="dyadwatch-limits-", dir=args.tmp) as tmp_name:
        tmp = Path(tmp_name)
        if "file200" in cases:
            case_file200(tmp)
        if "nested" in cases:
            case_nested(tmp)
        if "flat" in cases:
            case_flat(tmp)
        if "longtext" in cases:
            case_longtext(tmp)
        if "jsonl" in cases:
            case_jsonl(tmp, args.size_gb, args.small_records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
