"""Ingest: files on disk → :class:`kg.model.Article` records.

Takes paths (files or folders) and gives one ``Article`` per news article, or a
:class:`kg.model.Failure` per file or record that cannot be read. Nothing downstream of
ingest (spaCy, rdflib) is imported here.

Formats, chosen by the file suffix (see ``SUFFIXES``):

``.txt``
    Two shapes, both starting with ``date YYYY-MM-DD`` (leading whitespace allowed; an article
    without this line is an error):

    * agency feed, all on the first line:
      ``date 2024-03-01 Washington, DC [US], March 1 : The India-US ...`` — the title is
      derived from the first sentence;
    * corpus: ``date YYYY-MM-DD`` alone on the first line, the next non-empty line is the
      title, the rest is the body.
``.json`` / ``.jsonl``
    One object or a list of objects; one object per line. Fields ``id``, ``title``,
    ``date`` (ISO date or datetime), ``url``, ``text``; ``text`` and ``date`` are required.
``.html`` / ``.htm``
    The main text, title, date and canonical URL as found by trafilatura (no network).

``Article.text`` is what every later character offset refers to: it starts with the title
(so mentions in headlines are found), then the body exactly as written, only stripped of
leading and trailing whitespace.

Size limits keep one huge input from taking the machine's memory: at most ``max_chars``
characters of one article's text are kept (``MAX_ARTICLE_CHARS`` by default; cut at a
paragraph, sentence or word end), at most ``max_html_bytes`` bytes of one HTML page are handed
to trafilatura (``MAX_HTML_BYTES``; cut after a tag), and only as much of a ``.txt`` file is
read as the limit can use. Whatever is cut is said in ``Article.notes``, which the build
report shows. JSON files are parsed whole (a cut JSON document cannot be parsed); the limit
then applies to each record's text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from kg.breaks import last_break
from kg.errors import InputError
from kg.model import Article, Failure

__all__ = ["SUFFIXES", "MAX_ARTICLE_CHARS", "MAX_HTML_BYTES", "read_articles", "read_file", "parse_dateline", "dateline_end"]

log = logging.getLogger(__name__)

SUFFIXES: tuple[str, ...] = (".txt", ".json", ".jsonl", ".html", ".htm")

MAX_ARTICLE_CHARS = 1_000_000
"""The most characters of one article's text (title included) that are read by default.

About 160,000 words, longer than any news article. Every character read becomes work and
memory for the later stages (the parse, then about one quad per three characters of dense
prose): an article of this size built into the in-memory store peaked at 830–860 MB with the
model (``benchmarks/big_inputs.py``); one of three million characters, uncut, at 2.1 GB."""

MAX_HTML_BYTES = 8_000_000
"""The most bytes of one HTML page handed to trafilatura by default. Its memory grows with
the page (about 600 MB for 20 MB); 8 MB of page holds far more text than ``MAX_ARTICLE_CHARS``."""

_UTF8_MAX_BYTES = 4  # the most bytes one character takes in UTF-8
_TXT_HEAD_BYTES = 65_536  # room for the date line and blank lines before the text of a .txt

_NO_DATE = "no date line: the first line must be 'date YYYY-MM-DD'"
_TITLE_WORDS = 12
_TITLE_CHARS = 100
_LONGEST_TITLE_LINE = 400  # a longer "title" line is a paragraph: keep it as body text
_HEAD = 1000  # only the start of a text is scanned for a dateline or a first sentence

# --- datelines -----------------------------------------------------------------------------
# A dateline is a place, then optional decorations, then a separator, at the very start of
# the body:  "Washington, DC [US], March 1 :"   "ADDIS ABABA, Ethiopia, July 19, 2025/APO
# Group/ --"   "NEW YORK, 5 May (UN News) -"   "BEIJING -"   "Washington, DC (STL.News)".
# The place is one to three comma-separated names of Capitalised or UPPERCASE words
# ("Rio de Janeiro", "D.C."). A place alone on its line, followed by a line holding a full
# date ("Bern, Switzerland" / "11 September 2012"), is a dateline too.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
_DAY_MONTH = rf"(?:{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH})"
_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'’&-]*"
_LINK = r"(?:de|da|do|dos|del|der|di|du|la|le|el|al|of|on|upon|am|sur)"
_NAME = rf"{_WORD}(?:[ ](?:{_LINK}[ ])?{_WORD}){{0,4}}"
_PLACE = rf"(?P<place>{_NAME}(?:,[ ]{_NAME}){{0,2}})"
_DATELINE = re.compile(
    rf"{_PLACE}"
    r"(?P<bracket>[ \t]*\[[^\]\n]{1,40}\])?"  # [US]
    rf"(?P<date>,?[ \t]+{_WEEKDAY}{_DAY_MONTH}(?:,?[ \t]+\d{{4}})?)?"  # , March 1 / , 5 May 2024
    r"(?P<agency>[ \t]*\([^)\n]{1,40}\))?"  # (UN News)
    r"(?P<wire>[ \t]*/[^/\n]{1,40}/)?"  # /APO Group/
    r"(?:(?P<sep>[ \t]*(?::|-{1,2}|[–—]))(?=\s)|(?(agency)(?=[ \t])|(?!)))"
)
_PLACE_LINE = re.compile(
    rf"{_PLACE}[ \t]*\r?\n\s*{_WEEKDAY}{_DAY_MONTH},?[ \t]+\d{{4}}[ \t]*(?:\r?\n|$)"
)

# Words that make a "place" a heading ("Press Release", "Office of the Spokesperson").
_NOT_PLACE_WORDS = frozenset(
    "briefing communique news note office press readout release remarks speech spokesperson "
    "statement transcript update".split()
)

_DATE_LINE = re.compile(r"\s*date[ \t]+(?P<value>[^\s]+)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A full stop after an initial or a short title ("U.S.", "J. Trump", "Mr. Lamamra") ends no sentence.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
    r"[.!?](?=[\s\"”’)]|$)|[。！？]|\n"
)
_WEAK_LAST_WORDS = frozenset(
    "a an and at between by for from in into of on or the to with".split()
)


# --- public ----------------------------------------------------------------------------------


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    max_html_bytes: int | None = MAX_HTML_BYTES,
) -> Iterator[Article | Failure]:
    """Read every article under ``paths``, yielding a ``Failure`` for each bad input.

    Folders are walked recursively in sorted order; in a folder, files whose suffix is not in
    ``SUFFIXES`` and hidden files are skipped (logged at debug level), while a file named
    explicitly with another suffix is a ``Failure``. Never raises for bad input, so one bad
    file does not stop a batch. An article whose id was already read in this batch is a
    ``Failure`` naming both files.

    ``max_chars`` caps the text kept of one article and ``max_html_bytes`` the part of an HTML
    page that is parsed (``None``: no limit); an article cut short lands with a note in
    ``Article.notes`` saying what was left out.

    >>> [type(x).__name__ for x in read_articles(["no/such/file.txt"])]
    ['Failure']
    """
    seen: dict[str, str] = {}
    for path, failure in _expand(paths):
        if failure is not None:
            yield failure
            continue
        try:
            records = _read_records(path, limits=_Limits(max_chars, max_html_bytes))
        except InputError as e:
            yield Failure(e.source, e.message, e.line)
            continue
        for record in records:
            if isinstance(record, Article):
                duplicate = _duplicate(record, seen)
                if duplicate is not None:
                    record = duplicate
            if isinstance(record, Failure):
                log.debug("cannot read %s", record)
            yield record


def read_file(
    path: str | os.PathLike[str],
    *,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    max_html_bytes: int | None = MAX_HTML_BYTES,
) -> list[Article]:
    """Read the articles of one file, raising on the first problem.

    ``max_chars`` and ``max_html_bytes`` are the size limits of :func:`read_articles`.

    Raises
    ------
    InputError
        The file is missing, empty, binary, not UTF-8, has an unknown suffix, or one of its
        articles or records is malformed; the error names the file and, where known, the line.
    """
    records = _read_records(str(path), limits=_Limits(max_chars, max_html_bytes), explicit=True)
    seen: dict[str, str] = {}
    articles = []
    for record in records:
        if isinstance(record, Article):
            record = _duplicate(record, seen) or record
        if isinstance(record, Failure):
            raise InputError(record.source, record.message, line=record.line)
        articles.append(record)
    return articles


def parse_dateline(text: str) -> str | None:
    """The place of the dateline ``text`` starts with, or ``None``.

    Used on the body of an article (after its title): later stages skip the dateline place,
    which names where the story was filed, not where anything happened.

    >>> parse_dateline("Washington, DC [US], March 1 : The India-US Homeland Security Dialogue")
    'Washington, DC'
    >>> parse_dateline("NEW YORK, 5 May (UN News) - The Secretary-General said")
    'NEW YORK'
    >>> parse_dateline("The ministers met in Tokyo.") is None
    True
    """
    match = _dateline_match(text)
    return match["place"] if match is not None else None


def dateline_end(text: str) -> int:
    """Where the dateline ``text`` starts with ends (after its separator), or 0 if it has none:
    the story's own first sentence begins there.

    >>> text = "RIGA, March 1 (Reuters) - Latvia and Estonia signed a treaty."
    >>> text[dateline_end(text):]
    'Latvia and Estonia signed a treaty.'
    """
    match = _dateline_match(text)
    if match is None:
        return 0
    end = len(text) - len(text.lstrip()) + match.end()
    return end + len(text[end:]) - len(text[end:].lstrip())


def _dateline_match(text: str) -> re.Match | None:
    head = text[:_HEAD].lstrip()
    match = _PLACE_LINE.match(head) or _DATELINE.match(head)
    if match is None:
        return None
    place = match["place"]
    if _NOT_PLACE_WORDS.intersection(re.findall(r"\w+", place.lower())):
        return None
    if match.re is _PLACE_LINE:
        return match
    decorated = match["bracket"] or match["date"] or match["agency"] or match["wire"]
    # "Note:" or "Update:" is a label, not a place: a lone mixed-case word before a colon
    # counts only with some other sign of a dateline.
    if not decorated and "," not in place and not place.isupper() and match["sep"].strip() == ":":
        return None
    return match


# --- walking paths ----------------------------------------------------------------------------


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Failure | None]]:
    """Turn the given paths into readable file paths (as strings), or failures."""
    for given in paths:
        source = os.fspath(given)
        path = Path(source)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = found.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    log.debug("skipping hidden file %s", found)
                elif found.suffix.lower() not in SUFFIXES:
                    log.debug("skipping %s: suffix not in %s", found, ", ".join(SUFFIXES))
                else:
                    yield str(found), None
        elif not path.exists():
            yield source, Failure(source, "no such file or folder; check the path")
        elif path.suffix.lower() not in SUFFIXES:
            yield source, Failure(source, _unknown_suffix(path))
        else:
            yield source, None


def _unknown_suffix(path: Path) -> str:
    return (
        f"unknown file type {path.suffix or '(no suffix)'!r}: "
        f"name the file with one of {', '.join(SUFFIXES)}"
    )


def _duplicate(article: Article, seen: dict[str, str]) -> Failure | None:
    """A failure if ``article.id`` was read before, else remember where it came from."""
    first = seen.get(article.id)
    if first is None:
        seen[article.id] = article.source
        return None
    return Failure(
        article.source,
        f"duplicate article id {article.id!r}, already read from {first}; "
        "rename the file or give the record its own id",
    )


# --- reading one file -------------------------------------------------------------------------


class _Limits(NamedTuple):
    """The size limits of one read (``None``: no limit)."""

    max_chars: int | None
    max_html_bytes: int | None

    def txt_bytes(self) -> int | None:
        """How much of a .txt file can matter: the limit's characters at four bytes each."""
        return None if self.max_chars is None else self.max_chars * _UTF8_MAX_BYTES + _TXT_HEAD_BYTES


class _Read(NamedTuple):
    """A file's text; ``file_bytes`` is the size of the file when only its start was read."""

    text: str
    file_bytes: int | None = None


def _read_records(source: str, *, limits: _Limits, explicit: bool = False) -> list[Article | Failure]:
    """Articles and per-record failures of one file; whole-file problems raise InputError."""
    path = Path(source)
    suffix = path.suffix.lower()
    if explicit and not path.exists():
        raise InputError(source, "no such file; check the path")
    if explicit and path.is_dir():
        raise InputError(source, "this is a folder, not a file: read folders with read_articles")
    if suffix not in SUFFIXES:
        raise InputError(source, _unknown_suffix(path))
    if suffix == ".txt":
        return [_read_txt(source, path, _decode(source, path, limit=limits.txt_bytes()), limits)]
    if suffix in (".json", ".jsonl"):
        text = _decode(source, path).text
        read = _read_json if suffix == ".json" else _read_jsonl
        return read(source, path, text, limits)
    return [_read_html(source, path, _decode(source, path, limit=limits.max_html_bytes), limits)]


def _decode(source: str, path: Path, *, limit: int | None = None) -> _Read:
    """The file as text: UTF-8 (a byte-order mark is dropped), refusing empty or binary files.

    With a ``limit``, at most that many bytes are read, ending on a whole character."""
    try:
        with path.open("rb") as stream:
            data = stream.read() if limit is None else stream.read(limit + 1)
            file_bytes = None
            if limit is not None and len(data) > limit:
                file_bytes = os.fstat(stream.fileno()).st_size
                data = data[:_char_boundary(data, limit)]
    except OSError as e:
        raise InputError(source, f"cannot read the file ({e.strerror or e}); check its permissions") from e
    if not data.strip():
        raise InputError(source, "empty file: write the article into it or remove it")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            source,
            f"binary file (NUL byte at byte offset {nul}); give a UTF-8 text, JSON or HTML file",
            line=data.count(b"\n", 0, nul) + 1,
        )
    try:
        return _Read(data.decode("utf-8-sig"), file_bytes)
    except UnicodeDecodeError as e:
        raise InputError(
            source,
            f"not UTF-8: byte 0x{data[e.start]:02X} at byte offset {e.start} cannot be decoded; "
            "re-save the file as UTF-8",
            line=data.count(b"\n", 0, e.start) + 1,
        ) from e


def _read_txt(source: str, path: Path, read: _Read, limits: _Limits) -> Article:
    raw = read.text
    match = _DATE_LINE.match(raw)
    if match is None:
        raise InputError(source, _NO_DATE, line=_first_content_line(raw))
    line = raw.count("\n", 0, match.start("value")) + 1
    date = _parse_date(source, match["value"], line=line)
    rest = raw[match.end():]
    first_line, _, after = rest.partition("\n")
    if first_line.strip():
        # Agency-feed shape: the article starts on the date line itself.
        text = rest.strip()
        dateline = parse_dateline(text)
        title = _derive_title(_after_dateline(text, dateline))
    else:
        text = after.strip()
        if not text:
            raise InputError(source, "a date line but no article text: add the title and the body", line=line)
        title_line, _, body = text.partition("\n")
        title = title_line.strip()
        if len(title) > _LONGEST_TITLE_LINE:
            body = text
            title = _derive_title(_after_dateline(text, parse_dateline(text)))
        elif not body.strip():
            title_line_no = line + 1 + after[: len(after) - len(after.lstrip())].count("\n")
            raise InputError(
                source, "a title but no article text: add the body after the title line", line=title_line_no
            )
        dateline = parse_dateline(body)
    return _article(source, article_id=_slug(path.stem), title=title, text=text, date=date, dateline=dateline,
                    limits=limits, file_bytes=read.file_bytes)


def _read_json(source: str, path: Path, raw: str, limits: _Limits) -> list[Article | Failure]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise InputError(
            source, f"invalid JSON ({e.msg}, column {e.colno}); fix the file", line=e.lineno
        ) from e
    if isinstance(data, dict):
        record = _record_article(source, path, data, index=None, line=None, limits=limits)
        if isinstance(record, Failure):
            raise InputError(record.source, record.message, line=record.line)
        return [record]
    if not isinstance(data, list):
        raise InputError(
            source, f"the JSON holds a {type(data).__name__}: expected an object or a list of objects"
        )
    if not data:
        raise InputError(source, "the JSON list is empty: no article to read")
    return [_record_article(source, path, item, index=i, line=None, limits=limits) for i, item in enumerate(data, 1)]


def _read_jsonl(source: str, path: Path, raw: str, limits: _Limits) -> list[Article | Failure]:
    records: list[Article | Failure] = []
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            message = f"invalid JSON ({e.msg}, column {e.colno}); fix this line"
            records.append(Failure(source, message, number))
            continue
        records.append(_record_article(source, path, item, index=len(records) + 1, line=number, limits=limits))
    if not records:
        raise InputError(source, "no JSON records: write one article object per line")
    return records


def _record_article(
    source: str, path: Path, item: Any, *, index: int | None, line: int | None, limits: _Limits
) -> Article | Failure:
    """One JSON object → Article, or a Failure naming the record and what is wrong with it."""
    where = f"record {index}: " if index is not None and line is None else ""

    def fail(message: str) -> Failure:
        return Failure(source, where + message, line)

    if not isinstance(item, dict):
        return fail(f"expected a JSON object with 'date' and 'text', found a {type(item).__name__}")
    for name in ("id", "title", "url", "date", "text"):
        value = item.get(name)
        if value is not None and not isinstance(value, str) and not (name == "id" and isinstance(value, int)):
            return fail(f"field {name!r} must be a string, found {type(value).__name__}")
    text = (item.get("text") or "").strip()
    if not text:
        return fail("no 'text' field (or it is empty): every record needs the article text")
    if not (item.get("date") or "").strip():
        return fail("no 'date' field: every record needs a date, as YYYY-MM-DD or an ISO datetime")
    try:
        date = _parse_date(source, item["date"], line=line, datetime_ok=True)
    except InputError as e:
        return fail(e.message)
    if item.get("id") is not None and _slug(str(item["id"]), fallback=False):
        article_id = _slug(str(item["id"]))
    elif index is None:
        article_id = _slug(path.stem)
    else:
        article_id = f"{_slug(path.stem)}-{index}"
    title = (item.get("title") or "").strip()
    dateline = parse_dateline(text)
    if title:
        text = f"{title}\n\n{text}"
    else:
        title = _derive_title(_after_dateline(text, dateline))
    url = (item.get("url") or "").strip() or None
    return _article(
        source, article_id=article_id, title=title, text=text, date=date, dateline=dateline, url=url,
        limits=limits,
    )


def _read_html(source: str, path: Path, read: _Read, limits: _Limits) -> Article:
    import trafilatura

    raw, notes, cut = read.text, [], ""
    if read.file_bytes is not None:
        raw = raw[: raw.rfind(">") + 1] or raw  # end on a whole tag; the parser closes what is open
        cut = (f"only about the first {limits.max_html_bytes:,} bytes of this {read.file_bytes:,}-byte page "
               f"were read (the limit for one HTML page)")
        notes.append(f"{source}: {cut}; text further down the page is not in the graph")
        log.info("%s", notes[-1])
    # favor_precision keeps a page made only of navigation from passing as an article.
    doc = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, favor_precision=True
    )
    del raw
    body = (doc.text or "").strip() if doc is not None else ""
    title = ((doc.title or "") if doc is not None else "").strip()
    if title and body.startswith(title):
        body = body[len(title):].strip()  # trafilatura repeats the <h1> at the start
    if not body:
        hint = f" ({cut})" if cut else ""
        raise InputError(source, f"no article text found in the HTML page{hint}; give the article page itself")
    if doc is None or not doc.date:
        raise InputError(
            source, "no date found in the HTML page (no published-date meta tag or <time>); add one"
        )
    date = _parse_date(source, doc.date, line=None, datetime_ok=True)
    dateline = parse_dateline(body)
    if title:
        text = f"{title}\n\n{body}"
    else:
        text = body
        title = _derive_title(_after_dateline(body, dateline))
    url = (doc.url or "").strip() or None
    return _article(
        source, article_id=_slug(path.stem), title=title, text=text, date=date, dateline=dateline, url=url,
        limits=limits, notes=tuple(notes),
    )


# --- small helpers -----------------------------------------------------------------------------


def _article(
    source: str,
    *,
    article_id: str,
    title: str,
    text: str,
    date: dt.date,
    dateline: str | None,
    url: str | None = None,
    limits: _Limits,
    file_bytes: int | None = None,
    notes: tuple[str, ...] = (),
) -> Article:
    """The Article record, its text cut to ``limits.max_chars`` (with a note) when longer.

    ``file_bytes`` is the size of a file of which only the start was read."""
    if limits.max_chars is not None and len(text) > limits.max_chars or file_bytes is not None:
        whole = f"{len(text):,} characters" if file_bytes is None else f"a file of {file_bytes:,} bytes"
        if limits.max_chars is not None and len(text) > limits.max_chars:
            text = text[:_cut_point(text, limits.max_chars)].rstrip()
        note = (f"{source}: article {article_id!r} cut to its first {len(text):,} characters, of {whole} "
                f"(at most {limits.max_chars:,} characters of one article are read); the rest is not in "
                "the graph: split the article into several files to read it all")
        log.info("%s", note)
        notes = (*notes, note)
    digest = hashlib.sha256(f"{title}\n{text}".encode("utf-8")).hexdigest()
    log.debug("read article %s from %s", article_id, source)
    return Article(
        id=article_id, title=title, text=text, source=source, sha256=digest,
        date=date, url=url, dateline=dateline, notes=notes,
    )


def _cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to keep at most ``limit`` characters: after a paragraph end in the
    last tenth of them, else after a sentence end or white space in their second half; at
    ``limit`` in a text with none of them (see :func:`kg.breaks.last_break`)."""
    half = limit // 2
    return last_break(text[:limit], paragraph_from=limit - limit // 10, sentence_from=half, space_from=half) or limit


def _char_boundary(data: bytes, limit: int) -> int:
    """The largest index ``<= limit`` where a UTF-8 character starts (not a continuation byte)."""
    cut = limit
    while cut > 0 and data[cut] & 0xC0 == 0x80:
        cut -= 1
    return cut


def _parse_date(source: str, value: str, *, line: int | None, datetime_ok: bool = False) -> dt.date:
    """``YYYY-MM-DD`` (or, where allowed, an ISO datetime) → date; InputError otherwise."""
    value = value.strip()
    shape = _ISO_DATE.match(value)
    if shape is None or (not datetime_ok and shape.end() != len(value)):
        raise InputError(source, f"invalid date {value!r}: write it as YYYY-MM-DD", line=line)
    try:
        if shape.end() == len(value):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value).date()
    except ValueError as e:
        message = f"invalid date {value!r} ({e}); write a real date as YYYY-MM-DD"
        raise InputError(source, message, line=line) from e


def _first_content_line(raw: str) -> int:
    stripped = raw.lstrip()
    return raw.count("\n", 0, len(raw) - len(stripped)) + 1


def _after_dateline(text: str, dateline: str | None) -> str:
    """The text after its dateline and separator, for deriving a title from the first sentence."""
    if dateline is None:
        return text
    head = text[:_HEAD].lstrip()
    match = _PLACE_LINE.match(head) or _DATELINE.match(head)
    return head[match.end():].lstrip() if match else text


def _derive_title(text: str) -> str:
    """A short title from the first sentence: at most ~12 words, ending in "…" when cut."""
    head = text[:_HEAD].strip()
    end = _SENTENCE_END.search(head)
    sentence = (head[: end.start()] if end else head).strip()
    words = sentence.split()
    cut = len(words) > _TITLE_WORDS
    if cut:
        words = words[:_TITLE_WORDS]
        while len(words) > 1 and words[-1].lower().strip(",;:") in _WEAK_LAST_WORDS:
            words.pop()
    title = " ".join(words).rstrip(",;:")
    if len(title) > _TITLE_CHARS:  # scripts without spaces, or very long words
        title = title[:_TITLE_CHARS]
        cut = True
    return f"{title}…" if cut else title or "(untitled)"


def _slug(value: str, *, fallback: bool = True) -> str:
    """A URL-safe id: ASCII lower case, runs of other characters become one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug or not fallback:
        return slug
    # A name with no Latin letters or digits still needs a stable id.
    return "article-" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
