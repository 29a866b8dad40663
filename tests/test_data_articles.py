"""Checks on the sample articles in data/articles: their format, their size, and that they are our own text.

The readers in ``kg.ingest`` rely on the agency-feed first line (`` date YYYY-MM-DD PLACE [CC], Month D : ``);
a malformed sample would only show up later as a missing date or dateline, so the shape is held here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ARTICLES = DATA / "articles"
FEED = ARTICLES / "feeds" / "sample-feed.jsonl"
PAGE = ARTICLES / "pages" / "sample-page.html"
SEED_NAME = "seed-india-us-hsd.txt"
SHARED_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles"  # shared/ lies beside the repo

RUN_LENGTH = 12
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
HEADER = re.compile(
    r"^ date (?P<date>\d{4}-\d{2}-\d{2}) "
    r"(?P<place>[^\[\]\n]+?) \[(?P<country>[^\[\]\n]+)\], "
    r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}) : (?P<first>\S)"
)
DATELINE = re.compile(r"^(?P<place>[^\[\]\n]+?) \[(?P<country>[^\[\]\n]+)\], (?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}) : \S")
FEED_FIELDS = ("id", "title", "date", "url", "text")

TXT_FILES = sorted(ARTICLES.glob("*.txt"))


def _words(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and typographic quotes do not break a run."""
    return re.findall(r"\w+", text.lower().replace("\u2019", "'"))


def _runs(text: str, n: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _dateline_date(published: dt.date, month: str, day: int) -> dt.date:
    """The dateline has no year: it is the latest such day on or before the publication date."""
    number = MONTHS.index(month) + 1
    candidate = dt.date(published.year, number, day)
    return candidate if candidate <= published else dt.date(published.year - 1, number, day)


class _PageReader(HTMLParser):
    """Collects what a news-page reader needs: title, published time, canonical URL, article paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.published = None
        self.canonical = None
        self.paragraphs: list[str] = []
        self._in_title = False
        self._article_depth = 0
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and a.get("property") == "article:published_time":
            self.published = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "article":
            self._article_depth += 1
        elif tag == "p" and self._article_depth:
            self._in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "article":
            self._article_depth -= 1
        elif tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_p:
            self.paragraphs[-1] += data


def _feed_records() -> list[dict]:
    return [json.loads(line) for line in FEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _page() -> _PageReader:
    reader = _PageReader()
    reader.feed(PAGE.read_text(encoding="utf-8"))
    return reader


def _our_texts() -> dict[str, str]:
    """Every article text in data/articles, keyed by where it comes from."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in TXT_FILES}
    texts.update({f"{FEED.name}#{r['id']}": r["text"] for r in _feed_records()})
    texts[PAGE.name] = "\n\n".join(_page().paragraphs)
    return texts


def test_there_are_enough_sample_articles() -> None:
    assert len(TXT_FILES) >= 11
    assert (ARTICLES / SEED_NAME) in TXT_FILES


@pytest.mark.parametrize("path", TXT_FILES, ids=lambda p: p.name)
def test_txt_article_starts_with_date_and_dateline(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    match = HEADER.match(text)
    assert match, f"{path.name}: first line is not ' date YYYY-MM-DD PLACE [CC], Month D : ...'"
    published = dt.date.fromisoformat(match["date"])
    assert dt.date(2000, 1, 1) <= published <= dt.date.today()
    assert match["month"] in MONTHS, f"{path.name}: dateline month {match['month']!r}"
    happened = _dateline_date(published, match["month"], int(match["day"]))
    assert (published - happened).days <= 7, f"{path.name}: dateline {happened} is far from {published}"


@pytest.mark.parametrize("path", TXT_FILES, ids=lambda p: p.name)
def test_txt_article_has_paragraphs_and_a_sane_length(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert 80 <= len(text.split()) <= 400
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 3
    assert all("\n" not in p.strip() for p in paragraphs), f"{path.name}: a paragraph is broken over lines"
    assert "\r" not in text and "\t" not in text


def test_founding_article_is_byte_identical_to_the_shared_copy() -> None:
    shared = SHARED_ARTICLES / SEED_NAME
    if not shared.is_file():
        pytest.skip(f"{shared} is not available")
    assert (ARTICLES / SEED_NAME).read_bytes() == shared.read_bytes()


def test_readme_lists_every_article_file() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for path in [*TXT_FILES, FEED, PAGE]:
        assert f"`{path.relative_to(DATA).as_posix()}`" in readme, f"data/README.md does not list {path.name}"
    for record in _feed_records():
        assert f"`{record['id']}`" in readme, f"data/README.md does not list feed record {record['id']}"


def test_run_check_finds_a_copied_passage() -> None:
    """The originality check below must be able to fail: a planted 12-word run is found."""
    source = "one two three four five six seven eight nine ten eleven twelve"
    copied = "Intro words, then One two three four five six seven eight nine ten eleven twelve. End."
    assert _runs(source) & _runs(copied)
    assert not _runs(source) & _runs(copied.replace("seven", "7"))


def test_no_article_shares_a_twelve_word_run_with_the_evaluation_set() -> None:
    if not SHARED_ARTICLES.is_dir():
        pytest.skip(f"{SHARED_ARTICLES} is not available")
    shared = {p.name: _runs(p.read_text(encoding="utf-8")) for p in SHARED_ARTICLES.glob("*.txt")}
    assert shared, "the evaluation set has no articles"
    overlaps = []
    for ours, text in _our_texts().items():
        if ours == SEED_NAME:
            continue  # the founding article is a deliberate copy
        runs = _runs(text)
        for theirs, their_runs in shared.items():
            common = runs & their_runs
            if common:
                overlaps.append(f"{ours} ~ {theirs}: {' '.join(sorted(common)[0])}")
    assert not overlaps, "\n".join(overlaps)


def test_no_two_sample_articles_share_a_twelve_word_run() -> None:
    texts = _our_texts()
    runs = {name: _runs(text) for name, text in texts.items()}
    names = sorted(runs)
    clashes = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if runs[a] & runs[b]]
    assert not clashes


def test_feed_lines_are_article_objects() -> None:
    lines = FEED.read_text(encoding="utf-8").splitlines()
    assert 2 <= len(lines) <= 5
    ids = set()
    for number, line in enumerate(lines, start=1):
        record = json.loads(line)
        assert isinstance(record, dict), f"{FEED.name}:{number} is not an object"
        assert set(FEED_FIELDS) <= set(record), f"{FEED.name}:{number} lacks {set(FEED_FIELDS) - set(record)}"
        assert all(isinstance(record[k], str) and record[k].strip() for k in FEED_FIELDS)
        dt.date.fromisoformat(record["date"])
        assert record["url"].startswith("https://")
        assert 80 <= len(record["text"].split()) <= 400
        assert DATELINE.match(record["text"]), f"{FEED.name}:{number} text does not start with a dateline"
        ids.add(record["id"])
    assert len(ids) == len(lines)
    assert not ids & {p.stem for p in TXT_FILES}, "a feed id clashes with a .txt article id"


def test_page_has_title_published_time_canonical_and_article_text() -> None:
    page = _page()
    assert page.title.strip()
    assert page.published is not None
    dt.date.fromisoformat(page.published[:10])
    assert page.canonical and page.canonical.startswith("https://")
    body = "\n\n".join(page.paragraphs)
    assert len(page.paragraphs) >= 3
    assert 80 <= len(body.split()) <= 400
    assert DATELINE.match(page.paragraphs[0])
    assert "Advertisement" not in body and "Related" not in body
