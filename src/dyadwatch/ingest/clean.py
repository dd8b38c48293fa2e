"""Clean scraped text: drop site chrome, cross-links and prompts; set captions and footers apart.

Scraped pages keep menus ("Skip to main content"), cross-links ("READ: ..."), newsletter
prompts ("SIGN UP: ..."), source footers ("Source: CNA/cr") and photo captions. The body keeps
paragraphs separated by a blank line; captions are returned apart so that they can be stored
after the body and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHROME_LINES = re.compile(
    r"^(?:skip to (?:main )?content|hamburger menu(?: close)?|menu|close|search|top of page|"
    r"bottom of page|advertisement|share(?: this)?(?: article)?|print|email|facebook|twitter|"
    r"whatsapp|linkedin|telegram|subscribe|log ?in|sign in|back to top|scroll to top|"
    r"related (?:stories|articles|topics)|most popular|trending|listen to this article|"
    r"(?:commentary|opinion|analysis|news|world|asia)(?: (?:commentary|opinion|analysis|news))?)$",
    re.I,
)
CROSS_LINK = re.compile(r"^(?:READ|READ MORE|ALSO READ|WATCH|LISTEN|RELATED|MORE|SEE ALSO)\s*:\s+\S", re.I)
PROMPT = re.compile(r"^(?:SIGN UP|SUBSCRIBE|DOWNLOAD|FOLLOW US|JOIN US|GET THE)\b.*:", re.I)
SOURCE_FOOTER = re.compile(r"^Source\s*:\s*(?P<credit>[^\n]{1,60})$")
# A caption names its photographer or agency: "(Photo: AFP/SAUL LOEB)", "Photo: EPA-EFE",
# "(VNA via AP)", "(AP Photo/...)", "(Reuters)" at the end of a short paragraph.
CAPTION_CREDIT = re.compile(
    r"\((?:Photo|File photo|Picture|Image)s?\s*:[^)]*\)"
    # an agency credit only marks a caption at the end: "(Xinhua) --" after a dateline is wire copy
    r"|\((?:[A-Z][\w.-]* via )?(?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Bloomberg)(?: Photo)?[^)]{0,40}\)\s*$"
    r"|\bPhotos?\s*:\s*[\w./ -]{2,40}$",
)
BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa*\-]\s+")


@dataclass
class CleanText:
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    source_credit: str | None = None


# Hard-wrapped text (e-mail, wire copy, plain-text archives) breaks lines at a fixed width.
WRAP_MAX_WIDTH = 100
SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")


def hard_wrap_width(lines: list[str]) -> int | None:
    """The width a text is hard-wrapped at, or None when its lines are its paragraphs.

    Wrapped text has many lines close to one width that end in the middle of a sentence; a
    scraped page's lines are whole paragraphs of any length, ending in punctuation.
    """
    filled = [line for line in lines if line]
    if len(filled) < 6:
        return None
    width = max(len(line) for line in filled)
    full = [line for line in filled if len(line) >= 0.7 * width]
    if width > WRAP_MAX_WIDTH or len(full) < 0.4 * len(filled):
        return None
    running_on = sum(1 for line in full if not SENTENCE_END.search(line))
    return width if running_on >= 0.3 * len(full) else None


def unwrap(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped paragraphs; other text comes back as it was.

    A line near the wrap width continues on the next line unless that one is blank or a bullet;
    a short line (a heading, a byline, a paragraph's last line) ends its paragraph.
    """
    width = hard_wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line and not BULLET.match(line):
            # a line broken after a hyphen ("self-" / "governed") joins without a space
            glue = "" if re.search(r"[^\W\d_]-$", out[-1]) else " "
            out[-1] = f"{out[-1]}{glue}{line}"
        else:
            out.append(line)
        joining = len(line) >= 0.7 * width
    return out


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: its lines, or its wrapped paragraphs joined (see :func:`unwrap`).

    >>> split_paragraphs("A heading\n\nFirst line of a paragraph that was\nwrapped by a mail client.")
    ['A heading', 'First line of a paragraph that was', 'wrapped by a mail client.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return [line for line in unwrap(lines) if line]


def is_caption(paragraph: str) -> bool:
    """A short paragraph ending in (or containing) a photo credit.

    >>> is_caption("Top US diplomat Antony Blinken will meet with Chinese officials. (Photo: AFP/SAUL LOEB)")
    True
    """
    return len(paragraph) < 600 and CAPTION_CREDIT.search(paragraph) is not None


def clean_text(text: str) -> CleanText:
    """Split into body paragraphs and captions, dropping chrome, cross-links and prompts.

    >>> c = clean_text("Skip to main content\\nBody text here.\\nREAD: Other story\\nSource: CNA/cr")
    >>> c.paragraphs, c.source_credit
    (['Body text here.'], 'CNA/cr')
    """
    out = CleanText()
    for para in split_paragraphs(text):
        footer = SOURCE_FOOTER.match(para)
        if footer:
            out.source_credit = footer.group("credit").strip()
            out.removed.append(para)
        elif CHROME_LINES.match(para) or CROSS_LINK.match(para) or PROMPT.match(para):
            out.removed.append(para)
        elif is_caption(para):
            out.captions.append(para)
        else:
            out.paragraphs.append(BULLET.sub("", para))
    return out
