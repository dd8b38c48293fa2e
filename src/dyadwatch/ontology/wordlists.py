"""Reading the YAML word lists that ship as data and that users extend (cues, stance and
forecast cues, role words).

YAML 1.1 reads a bare ``on``, ``off``, ``yes`` or ``no`` as a boolean, so ``call: [for, on]``
would silently become ``[for, True]`` and the cue would never match. In these files such words
are words: only ``true`` and ``false`` stay booleans.

>>> load_word_yaml("call: [for, on]\\nreplace: true")
{'call': ['for', 'on'], 'replace': True}
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): several times faster on the
# shipped dictionaries, which every ingest worker reads at start. Same safe constructor.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with the C parser when there is one."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


class WordLoader(SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader for which on/off/yes/no are strings."""


WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_word_yaml(text: str) -> Any:
    """``yaml.safe_load`` with on/off/yes/no read as words."""
    return yaml.load(text, Loader=WordLoader)  # noqa: S506 - a SafeLoader subclass
