"""Where a long text may be cut: after a paragraph end, else a sentence end, else white space.

Shared by ``kg.ingest`` (which keeps at most so many characters of one article) and
``kg.extract`` (which reads a long article in pieces), so both cut text the same way, also
text without a single line break. Plain string work: imports nothing of the project.
"""

from __future__ import annotations

import re

__all__ = ["last_break"]

_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# . ! ? (and closing quotes or brackets) before white space, or a full-width end (Chinese,
# Japanese), which needs no space after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s|[。！？][」』”’)）]*")
_SPACE = re.compile(r"\s")


def last_break(window: str, *, paragraph_from: int, sentence_from: int, space_from: int) -> int:
    """Where to end a piece taken from ``window``: the end of its last paragraph end that
    starts at or after ``paragraph_from``, else of its last sentence end at or after
    ``sentence_from``, else of its last white space at or after ``space_from``; 0 if none.

    >>> text = "One two. Three four.\\n\\nFive six seven"
    >>> last_break(text, paragraph_from=10, sentence_from=10, space_from=1)  # after the blank line
    22
    >>> last_break(text[:18], paragraph_from=9, sentence_from=5, space_from=1)  # after "two. "
    9
    >>> last_break("no-break-here", paragraph_from=0, sentence_from=0, space_from=0)
    0
    """
    for pattern, begin in ((_PARAGRAPH_END, paragraph_from), (_SENTENCE_END, sentence_from), (_SPACE, space_from)):
        end = 0
        for match in pattern.finditer(window, begin):
            end = match.end()
        if end:
            return end
    return 0
