"""Ingest: files → Article records, and one clear Failure per bad file or record."""

from __future__ import annotations

import datetime as dt
import doctest
import hashlib
from pathlib import Path

import pytest

import kg.ingest
from kg.errors import InputError
from kg.ingest import SUFFIXES, parse_dateline, read_articles, read_file
from kg.model import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles"  # shared/ lies beside the repo
SEED = EVAL / "seed-india-us-hsd.txt"


def _only(path: Path) -> Article:
    articles = read_file(path)
    assert len(articles) == 1
    return articles[0]


# --- good inputs ------------------------------------------------------------------------------

GOOD_CASES = [
    # file, record index, id, title, date, dateline, text starts with, url
    ("canberra-feed.txt", 0, "canberra-feed",
     "Australia and Indonesia agreed to start negotiations on a defence cooperation agreement…",
     dt.date(2023, 11, 14), "Canberra", "Canberra [Australia], November 14 : Australia", None),
    ("au-chairperson-statement.txt", 0, "au-chairperson-statement",
     "African Union Chairperson Welcomes Ceasefire Talks in Addis Ababa",
     dt.date(2025, 2, 16), "ADDIS ABABA, Ethiopia",
     "African Union Chairperson Welcomes Ceasefire Talks in Addis Ababa\n\nADDIS ABABA, Ethiopia —", None),
    ("un-news-record.json", 0, "un-news-2024-05-05-sudan-envoy",
     "Secretary-General appoints Personal Envoy for Sudan",
     dt.date(2024, 5, 5), "NEW YORK",
     "Secretary-General appoints Personal Envoy for Sudan\n\nNEW YORK, 5 May (UN News) - ",
     "https://news.example.org/un/sudan-envoy"),
    ("gulf-briefs.json", 0, "gcc-ministerial-157", "GCC Ministerial Council holds its 157th session",
     dt.date(2023, 9, 7), "RIYADH",
     "GCC Ministerial Council holds its 157th session\n\nRIYADH, Sept 7", None),
    ("gulf-briefs.json", 1, "gulf-briefs-2",
     "Oman and Iran signed a memorandum of understanding on maritime cooperation…",
     dt.date(2023, 9, 10), None, "Oman and Iran signed a memorandum", None),
    ("asean-wire.jsonl", 0, "asean-1", "ASEAN foreign ministers meet in Jakarta",
     dt.date(2023, 7, 11), "JAKARTA", "ASEAN foreign ministers meet in Jakarta\n\nJAKARTA, July 11", None),
    ("asean-wire.jsonl", 1, "asean-2", "ASEAN and Japan mark 50 years of ties",
     dt.date(2023, 7, 13), None, "ASEAN and Japan mark 50 years of ties\n\nThe ASEAN-Japan",
     "https://news.example.org/asean-japan"),
    ("india-japan-2plus2.html", 0, "india-japan-2plus2",
     "India and Japan hold second 2+2 ministerial dialogue", dt.date(2022, 9, 8), "TOKYO",
     "India and Japan hold second 2+2 ministerial dialogue\n\nTOKYO, Sept 8 (Wire) —",
     "https://news.example.org/2022/09/india-japan-2plus2"),
    ("reunion-paris.txt", 0, "reunion-paris", "La France et l'Allemagne renforcent leur coopération",
     dt.date(2024, 1, 22), None, "La France et l'Allemagne", None),
    ("tokyo-feed-ja.txt", 0, "tokyo-feed-ja",
     "日本の岸田文雄首相は３月２１日、ウクライナの首都キーウを訪問し、ゼレンスキー大統領と会談した",
     dt.date(2023, 3, 21), None, "日本の岸田文雄首相", None),
    ("no-punctuation.txt", 0, "no-punctuation", "Madrid summit communique",
     dt.date(2022, 6, 30), None, "Madrid summit communique\n\nAllied leaders met in Madrid", None),
    ("table-only.txt", 0, "table-only", "| Country | Ambassador | Accredited |",
     dt.date(2021, 12, 1), None, "| Country | Ambassador | Accredited |\n|-----", None),
    ("bom-crlf.txt", 0, "bom-crlf", "BOM and CRLF article",
     dt.date(2020, 2, 2), "LISBON", "BOM and CRLF article\r\n\r\nLISBON - ", None),
]


@pytest.mark.parametrize(
    ("name", "index", "article_id", "title", "date", "dateline", "start", "url"),
    GOOD_CASES,
    ids=[f"{case[0]}[{case[1]}]" for case in GOOD_CASES],
)
def test_good_fixture_reads_as_expected(name, index, article_id, title, date, dateline, start, url):
    article = read_file(GOOD / name)[index]
    assert article.id == article_id
    assert article.title == title
    assert article.date == date
    assert article.dateline == dateline
    assert article.text.startswith(start)
    assert article.url == url
    assert article.source == str(GOOD / name)
    assert article.text == article.text.strip()
    assert article.sha256 == hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()


def test_seed_article_reads_with_date_and_dateline():
    if not SEED.exists():
        pytest.skip("shared eval corpus not present")
    article = _only(SEED)
    assert article.id == "seed-india-us-hsd"
    assert article.date == dt.date(2024, 3, 1)
    assert article.dateline == "Washington, DC"
    assert article.text.startswith("Washington, DC [US], March 1 : The India-US Homeland Security Dialogue")
    assert article.title.startswith("The India-US Homeland Security Dialogue deepened")
    assert article.title.endswith("…") and len(article.title.split()) <= 12


def test_eval_corpus_reads_with_dates_and_titles():
    if not EVAL.is_dir():
        pytest.skip("shared eval corpus not present")
    results = list(read_articles([EVAL]))
    assert results and all(isinstance(r, Article) for r in results), [str(r) for r in results]
    for article in results:
        assert article.date is not None and article.title, article.source
        assert article.text.startswith(article.title) or article.dateline, article.source
    datelines = {a.id: a.dateline for a in results}
    assert datelines.get("32-au-drc-m23-doha", "ADDIS ABABA, Ethiopia") == "ADDIS ABABA, Ethiopia"
    assert datelines.get("10-us-china-sed-2014", "BEIJING") == "BEIJING"


def test_txt_text_keeps_offsets_of_the_file():
    """Article.text is the file after the date token, only stripped: offsets map back by a shift."""
    path = GOOD / "au-chairperson-statement.txt"
    raw = path.read_text(encoding="utf-8")
    article = _only(path)
    shift = raw.index(article.text[:40])
    assert raw[shift:shift + len(article.text)] == article.text
    phrase = "ceasefire talks between the two delegations"
    start = article.text.index(phrase)
    assert article.text[start:start + len(phrase)] == raw[shift + start:shift + start + len(phrase)]


def test_seed_text_offsets_match_the_file():
    if not SEED.exists():
        pytest.skip("shared eval corpus not present")
    raw = SEED.read_text(encoding="utf-8")
    article = _only(SEED)
    shift = raw.index("Washington, DC [US]")
    for phrase in ("Ajay Bhalla", "Kristie Canegallo", "New Delhi"):
        start = article.text.index(phrase)
        assert raw[shift + start:shift + start + len(phrase)] == phrase


def test_crlf_and_bom_text_is_not_altered():
    article = _only(GOOD / "bom-crlf.txt")
    raw = (GOOD / "bom-crlf.txt").read_bytes().decode("utf-8-sig")
    assert "\ufeff" not in article.text
    assert article.text in raw
    assert "\r\n" in article.text


def test_json_text_is_title_blank_line_body():
    article = read_file(GOOD / "un-news-record.json")[0]
    assert article.text.startswith(article.title + "\n\n")
    assert article.text.endswith("support a ceasefire.")
    assert "Ramtane Lamamra" in article.text


def test_html_main_text_leaves_boilerplate_out():
    article = _only(GOOD / "india-japan-2plus2.html")
    assert "Rajnath Singh met Japanese Foreign Minister Yoshimasa Hayashi" in article.text
    for boilerplate in ("Subscribe", "Sign in", "Copyright", "Privacy policy", "Most read",
                        "Ten things to know", "The Diplomatic Wire"):
        assert boilerplate not in article.text, boilerplate
    assert article.text.count(article.title) == 1


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("The U.S. and India agreed on talks. More follows.", "The U.S. and India agreed on talks"),
        ("Mr. Lamamra of Algeria will travel to Port Sudan! He said",
         "Mr. Lamamra of Algeria will travel to Port Sudan"),
        ("GENEVA: The envoy of the Secretary-General opened the second round of the talks on the future",
         "The envoy of the Secretary-General opened the second round of the talks…"),
    ],
)
def test_feed_title_is_first_sentence_after_dateline(tmp_path, first_line, title):
    path = tmp_path / "feed.txt"
    path.write_text(f"date 2024-01-01 {first_line}\n", encoding="utf-8")
    assert _only(path).title == title


def test_htm_suffix_reads_like_html(tmp_path):
    path = tmp_path / "Page.HTM"
    path.write_bytes((GOOD / "india-japan-2plus2.html").read_bytes())
    article = _only(path)
    assert article.id == "page" and article.date == dt.date(2022, 9, 8)


def test_read_file_refuses_a_folder():
    with pytest.raises(InputError, match="folder"):
        read_file(GOOD)


def test_folder_is_read_recursively_sorted_skipping_other_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("date 2024-01-02\nZ\n\nBody z.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("date 2024-01-01\nA\n\nBody a.\n", encoding="utf-8")
    (tmp_path / "c.TXT").write_text("date 2024-01-03\nC\n\nBody c.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    results = list(read_articles([tmp_path]))
    assert all(isinstance(r, Article) for r in results)
    # sorted by path: a.txt < b/z.txt < c.TXT; the suffix is matched in any case
    assert [r.id for r in results] == ["a", "z", "c"]
    assert [r.source for r in results] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "z.txt"),
                                          str(tmp_path / "c.TXT")]
    assert list(read_articles([tmp_path])) == list(read_articles([tmp_path]))


def test_good_folder_reads_without_failures_and_skips_readme():
    results = list(read_articles([GOOD]))
    assert all(isinstance(r, Article) for r in results), [str(r) for r in results if isinstance(r, Failure)]
    assert len(results) == len(GOOD_CASES)
    assert not any(r.source.endswith("README.md") for r in results)


def test_very_long_article_is_cut_at_the_limit_with_a_note(tmp_path):
    path = tmp_path / "long.txt"
    paragraph = "The delegations met again on the margins of the summit and exchanged views. " * 20
    body = "\n\n".join([paragraph] * 1500)
    path.write_text(f"date 2024-05-01\nA very long article\n\n{body}", encoding="utf-8")
    article = _only(path)
    assert article.title == "A very long article"
    assert 0.9 * kg.ingest.MAX_ARTICLE_CHARS < len(article.text) <= kg.ingest.MAX_ARTICLE_CHARS
    assert f"A very long article\n\n{body}".startswith(article.text)
    assert article.text.endswith("exchanged views.")  # cut after a sentence, never inside a word
    assert article.sha256 == hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
    (note,) = article.notes
    assert str(path) in note and f"first {len(article.text):,} characters" in note
    assert f"{kg.ingest.MAX_ARTICLE_CHARS:,} characters" in note and "split the article" in note

    whole = _only_with(path, max_chars=None)
    assert len(whole.text) > 2_000_000 and whole.notes == ()


def _only_with(path: Path, **limits) -> Article:
    articles = read_file(path, **limits)
    assert len(articles) == 1
    return articles[0]


def test_only_the_start_of_a_huge_txt_file_is_read(tmp_path):
    """A .txt file far beyond the limit is not read whole; the note gives the file's size."""
    path = tmp_path / "huge.txt"
    sentence = "日本と韓国の外相が東京で会談した。"  # three bytes a character: the cut must fall between characters
    path.write_text("date 2024-05-01\n\nTalks in Tokyo\n\n" + sentence * 20_000, encoding="utf-8")
    article = _only_with(path, max_chars=1000)
    assert len(article.text) <= 1000 and article.text.endswith("。")
    (note,) = article.notes
    assert f"a file of {path.stat().st_size:,} bytes" in note


def test_an_article_without_any_break_is_cut_at_the_limit(tmp_path):
    path = tmp_path / "unbroken.txt"
    path.write_text("date 2024-05-01 " + "x" * 5000, encoding="utf-8")
    article = _only_with(path, max_chars=1200)
    assert article.text == "x" * 1200
    assert len(article.notes) == 1


def test_json_records_are_cut_one_by_one(tmp_path):
    path = tmp_path / "feed.jsonl"
    long_text = "Ministers of Chile and Peru met in Lima. " * 100
    path.write_text(
        '{"id": "long", "date": "2024-05-01", "text": "%s"}\n{"id": "short", "date": "2024-05-02", '
        '"text": "Chile and Peru met again."}\n' % long_text, encoding="utf-8")
    long, short = read_file(path, max_chars=500)
    assert len(long.text) <= 500 and long.text.endswith("Lima.")
    assert len(long.notes) == 1 and "'long'" in long.notes[0] and f"of {len(long_text.strip()):,} characters" in long.notes[0]
    assert short.text == "Chile and Peru met again." and short.notes == ()


def _page(paragraphs: list[str], *, trailer: int = 0) -> str:
    """An HTML news page: the article's paragraphs, then ``trailer`` bytes of footer links."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    link = '<li><a href="/archive/{n}">Archive page {n}</a></li>\n'
    links, size, n = [], 0, 0
    while size < trailer:
        links.append(link.format(n=n))
        size += len(links[-1])
        n += 1
    return ("<!DOCTYPE html>\n<html><head><title>Talks in Lima</title>"
            '<meta property="article:published_time" content="2024-05-03"></head>\n<body>\n'
            f"<article><h1>Talks in Lima</h1>\n{body}</article>\n"
            f'<footer><ul>{"".join(links)}</ul></footer>\n</body></html>\n')


PARAGRAPHS = [
    "The foreign ministers of Chile and Peru met in Lima on Friday to talk about fishing rights.",
    "Both sides said the meeting had been useful and agreed to set up a joint commission.",
    "The commission will meet for the first time in Santiago before the end of the year.",
]


def test_a_huge_html_page_is_read_up_to_the_limit_with_a_note(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text(_page(PARAGRAPHS, trailer=300_000), encoding="utf-8")
    article = _only_with(path, max_html_bytes=100_000)
    assert article.text.endswith("before the end of the year.")
    assert article.date == dt.date(2024, 5, 3)
    (note,) = article.notes
    assert "first 100,000 bytes" in note and f"{path.stat().st_size:,}-byte page" in note

    assert _only(path).notes == ()  # within the default limit: read whole, no note


def test_an_html_page_whose_article_lies_beyond_the_limit_says_so(tmp_path):
    path = tmp_path / "late.html"
    page = _page(PARAGRAPHS)
    head, rest = page.split("</head>", 1)
    script = "<script>var tiles = [" + "'tile', " * 20_000 + "];</script>"  # page code before the article
    path.write_text(head + script + "</head>" + rest, encoding="utf-8")
    assert _only(path).text.endswith("before the end of the year.")  # within the default limit it reads
    with pytest.raises(InputError, match="no article text found.*first 50,000 bytes"):
        read_file(path, max_html_bytes=50_000)


def test_one_giant_line_without_punctuation_reads(tmp_path):
    path = tmp_path / "giant.txt"
    path.write_text("date 2024-05-01 " + "talks continued " * 200_000, encoding="utf-8")
    article = _only(path)
    assert article.title == " ".join(["talks continued"] * 6) + "…"
    # 3.2 million characters: cut at the last space before the limit, with a note
    assert ("talks continued " * 200_000).startswith(article.text)
    assert kg.ingest.MAX_ARTICLE_CHARS - 20 < len(article.text) <= kg.ingest.MAX_ARTICLE_CHARS
    assert article.text.endswith((" talks", " continued"))
    assert len(article.notes) == 1


# --- bad inputs ---------------------------------------------------------------------------------

BAD_CASES = [
    # path, expected line, words the message must contain
    ("does-not-exist.txt", None, "no such file"),
    ("empty.txt", None, "empty file"),
    ("blank.txt", None, "empty file"),
    ("binary.txt", 4, "binary file"),
    ("latin1.txt", 4, "not UTF-8: byte 0xE1 at byte offset 58"),
    ("no-date.txt", 1, "no date line: the first line must be 'date YYYY-MM-DD'"),
    ("bad-date.txt", 1, "invalid date '2024-13-45'"),
    ("date-only.txt", 1, "no article text"),
    ("title-only.txt", 3, "no article text"),
    ("notes.md", None, "unknown file type '.md'"),
    ("truncated.json", 4, "invalid JSON"),
    ("no-text.json", None, "'text'"),
    ("nav-only.html", None, "no article text found"),
    ("undated.html", None, "no date found"),
]


@pytest.mark.parametrize(("name", "line", "words"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_file_is_one_failure_naming_file_and_line(name, line, words):
    source = str(BAD / name)
    results = list(read_articles([source]))
    assert len(results) == 1
    failure = results[0]
    assert isinstance(failure, Failure)
    assert failure.source == source
    assert failure.line == line
    assert words in failure.message
    assert "\n" not in str(failure)
    assert str(failure).startswith(source + (f":{line}: " if line else ": "))


@pytest.mark.parametrize(("name", "line", "words"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_read_file_raises_input_error_for_bad_file(name, line, words):
    with pytest.raises(InputError) as caught:
        read_file(BAD / name)
    error = caught.value
    assert error.source == str(BAD / name)
    assert error.line == line
    assert words in error.message
    assert isinstance(error, ValueError)


def test_jsonl_bad_lines_are_failures_and_good_lines_still_read():
    results = list(read_articles([BAD / "mixed-lines.jsonl"]))
    summary = [(r.id, None) if isinstance(r, Article) else (None, r.line) for r in results]
    assert summary == [("line-1", None), (None, 2), (None, 3), ("line-4", None), (None, 5), (None, 6)]
    messages = {r.line: r.message for r in results if isinstance(r, Failure)}
    assert "invalid JSON" in messages[2]
    assert "found a list" in messages[3]
    assert "no 'date'" in messages[5]
    assert "invalid date '2024-02-30'" in messages[6]


def test_read_file_raises_on_first_bad_jsonl_line():
    with pytest.raises(InputError) as caught:
        read_file(BAD / "mixed-lines.jsonl")
    assert caught.value.line == 2


def test_batch_continues_after_failures_and_keeps_order():
    paths = [
        GOOD / "canberra-feed.txt",
        BAD / "empty.txt",
        "missing/folder",
        GOOD / "asean-wire.jsonl",
        BAD / "no-date.txt",
        GOOD / "table-only.txt",
    ]
    results = list(read_articles(paths))
    kinds = [r.id if isinstance(r, Article) else f"fail:{Path(r.source).name}" for r in results]
    assert kinds == ["canberra-feed", "fail:empty.txt", "fail:folder", "asean-1", "asean-2",
                     "fail:no-date.txt", "table-only"]


def test_duplicate_id_in_batch_names_both_sources():
    first, second = BAD / "dup" / "a" / "same-id.txt", BAD / "dup" / "b" / "same-id.txt"
    results = list(read_articles([BAD / "dup"]))
    assert isinstance(results[0], Article) and results[0].title == "First copy"
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.source == str(second)
    assert str(first) in failure.message and "duplicate article id 'same-id'" in failure.message


def test_duplicate_record_ids_in_one_file(tmp_path):
    path = tmp_path / "dups.jsonl"
    record = '{"id": "Same", "date": "2024-01-01", "text": "Body."}'
    path.write_text(f"{record}\n{record}\n", encoding="utf-8")
    results = list(read_articles([path]))
    assert isinstance(results[0], Article) and isinstance(results[1], Failure)
    with pytest.raises(InputError, match="duplicate article id 'same'"):
        read_file(path)


def test_explicit_unknown_suffix_is_failure_but_skipped_in_folder(tmp_path):
    (tmp_path / "article.rtf").write_text("date 2024-01-01\nT\n\nB\n", encoding="utf-8")
    assert list(read_articles([tmp_path])) == []
    [failure] = read_articles([tmp_path / "article.rtf"])
    assert isinstance(failure, Failure) and "unknown file type '.rtf'" in failure.message


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ('{"date": "2024-01-01", "text": 5}', "field 'text' must be a string"),
        ('{"date": "01/03/2024", "text": "Body."}', "invalid date '01/03/2024'"),
        ('{"date": "2024-01-01", "text": "   "}', "no 'text' field"),
        ('"just a string"', "found a str"),
    ],
)
def test_bad_json_records(tmp_path, record, words):
    path = tmp_path / "record.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and failure.line == 1 and words in failure.message


def test_json_list_failure_names_the_record(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"date": "2024-01-01", "text": "Body one."}, {"text": "No date."}]', encoding="utf-8")
    first, second = read_articles([path])
    assert isinstance(first, Article) and first.id == "list-1"
    assert isinstance(second, Failure) and second.message.startswith("record 2: no 'date'")


def test_datetime_with_offset_gives_its_calendar_date(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"date": "2024-03-01T23:30:00-05:00", "text": "Body."}', encoding="utf-8")
    article = _only(path)
    assert article.date == dt.date(2024, 3, 1) and article.id == "one"


def test_ids_are_url_safe_slugs(tmp_path):
    path = tmp_path / "Réunion à Paris (2024).txt"
    path.write_text("date 2024-01-01\nT\n\nBody.\n", encoding="utf-8")
    assert _only(path).id == "reunion-a-paris-2024"
    path = tmp_path / "会談.txt"
    path.write_text("date 2024-01-01\nT\n\nBody.\n", encoding="utf-8")
    article_id = _only(path).id
    assert article_id.startswith("article-") and article_id == _only(path).id


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Washington, DC [US], March 1 : The dialogue", "Washington, DC"),
        ("ADDIS ABABA, Ethiopia — The AU welcomed", "ADDIS ABABA, Ethiopia"),
        ("NEW YORK, 5 May (UN News) - The Secretary-General", "NEW YORK"),
        ("ADDIS ABABA, Ethiopia, July 19, 2025/APO Group/ --\n\nThe Chairperson", "ADDIS ABABA, Ethiopia"),
        ("BEIJING - The U.S. Department of the Treasury", "BEIJING"),
        ("Washington, DC (STL.News) Secretary of State", "Washington, DC"),
        ("Bern, Switzerland\n\n11 September 2012\n\nThe Secretary-General", "Bern, Switzerland"),
        ("New York\nFriday, September 4, 2015\n\nThe Governments", "New York"),
        ("Rio de Janeiro, Brazil, 3 March 2020 - Ministers", "Rio de Janeiro, Brazil"),
        ("GENEVA: Talks resumed", "GENEVA"),
        ("Note: the talks resumed", None),
        ("Office of the Spokesperson\n\n5 May 2020\n\nThe below", None),
        ("Monday, July 17, 2017\n\nThe Minister", None),
        ("12 September 2012 - The members of the Security Council", None),
        ("Today, President Donald J. Trump and Prime Minister Boris Johnson met", None),
        ("Secretary-General Ban Ki-moon today welcomed", None),
    ],
)
def test_parse_dateline(text, place):
    assert parse_dateline(text) == place


def test_public_face():
    assert set(kg.ingest.__all__) == {"SUFFIXES", "MAX_ARTICLE_CHARS", "MAX_HTML_BYTES", "read_articles",
                                      "read_file", "parse_dateline", "dateline_end"}
    assert SUFFIXES == (".txt", ".json", ".jsonl", ".html", ".htm")


def test_docstring_examples():
    result = doctest.testmod(kg.ingest)
    assert result.attempted > 0 and result.failed == 0
