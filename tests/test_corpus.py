import codecs
import json
from datetime import date

import pytest

from timeline.models import Article
from timeline.store.corpus import CorpusError, CorpusOptions, iter_corpus, load_folder, parse_date

HTML = """<html><head><title>Talks in Doha</title>{meta}<meta property="og:site_name" content="Example News">
</head><body><nav>Home | World | Sport</nav><article><h1>Talks in Doha</h1>
<p>The Taliban and United States officials met in Doha on Saturday, the first talks since the
withdrawal of American troops from Afghanistan at the end of August.</p>
<p>A Taliban spokesman said yesterday that the group would not cooperate with Washington against ISIS.</p>
</article><footer>Copyright Example News</footer></body></html>"""
PUBLISHED_META = '<meta property="article:published_time" content="2021-10-09T10:00:00Z">'


def _items(tmp_path, name, content, options=None):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(iter_corpus([path], options))


def test_corpus_txt_is_whole_text_without_date(tmp_path):
    (article,) = _items(tmp_path, "story.txt", "The army attacked the town on Monday.\n")
    assert (article.id, article.published, article.published_origin) == ("story", None, "none")
    assert article.text.startswith("The army attacked")


def test_corpus_html_main_text_and_metadata_date(tmp_path):
    (article,) = _items(tmp_path, "page.html", HTML.format(meta=PUBLISHED_META))
    assert "met in Doha on Saturday" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert (article.title, article.source) == ("Talks in Doha", "Example News")
    assert (article.published, article.published_origin) == (date(2021, 10, 9), "html")


def test_corpus_html_without_date_metadata_is_not_guessed(tmp_path):
    (article,) = _items(tmp_path, "page.html", HTML.format(meta=""))
    assert (article.published, article.published_origin) == (None, "none")


def test_corpus_jsonl_and_csv_configurable_fields(tmp_path):
    options = CorpusOptions(id_field="doc_id", text_field="body", date_field="dct", title_field="headline",
                            url_field="link", source_field="outlet")
    record = {"doc_id": "a-1", "body": "Troops withdrew on Monday.", "dct": "2021-08-30", "headline": "Withdrawal",
              "link": "https://example.org/a-1", "outlet": "Wire"}
    from_jsonl = _items(tmp_path, "a.jsonl", json.dumps(record) + "\n\n", options)
    header = ",".join(record)
    from_csv = _items(tmp_path, "a.csv", header + "\n" + ",".join(record.values()) + "\n", options)
    for (article,) in (from_jsonl, from_csv):
        assert (article.id, article.text, article.title, article.url, article.source) == (
            "a-1", "Troops withdrew on Monday.", "Withdrawal", "https://example.org/a-1", "Wire")
        assert (article.published, article.published_origin) == (date(2021, 8, 30), "field")


def test_corpus_record_without_id_gets_file_and_line(tmp_path):
    items = _items(tmp_path, "b.jsonl", json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n")
    assert [a.id for a in items] == ["b:1", "b:2"]


def test_corpus_sidecar_metadata_and_user_date_override(tmp_path):
    (tmp_path / "x.txt").write_text("Talks were held yesterday.", encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "id,file,title,publisher,published,url\nx-id,x.txt,Title X,Pub,2021-10-09,https://e.org/x\n", encoding="utf-8")
    (article,) = list(iter_corpus([tmp_path]))  # the sidecar itself is not read as articles
    assert (article.id, article.title, article.source, article.url) == ("x-id", "Title X", "Pub", "https://e.org/x")
    assert (article.published, article.published_origin) == (date(2021, 10, 9), "metadata")
    (user,) = list(iter_corpus([tmp_path], CorpusOptions(published=date(2022, 1, 1))))
    assert (user.published, user.published_origin) == (date(2022, 1, 1), "user")


def test_corpus_metadata_option_matches_records_by_id(tmp_path):
    meta = tmp_path / "meta.csv"
    meta.write_text("id,title,published\nr1,From sidecar,2020-05-01\n", encoding="utf-8")
    items = _items(tmp_path, "r.jsonl", json.dumps({"id": "r1", "text": "A."}) + "\n" + json.dumps(
        {"id": "r2", "text": "B.", "published": "2020-01-01"}) + "\n", CorpusOptions(metadata=str(meta)))
    assert [(a.id, a.title, a.published, a.published_origin) for a in items] == [
        ("r1", "From sidecar", date(2020, 5, 1), "metadata"), ("r2", "", date(2020, 1, 1), "field")]


def test_corpus_demo_folder_keeps_its_metadata():
    articles = load_folder("data")
    assert {a.id for a in articles} == {"asumetech-taliban-isis", "ap-rewrite-taliban-isis"}
    assert all(a.published == date(2021, 10, 9) and a.published_origin == "metadata" for a in articles)


@pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file"),
        ("random.txt", bytes(range(256)) * 3, None, "binary file"),
        ("gzip.txt", b"\x1f\x8b\x08\x00" + bytes(range(1, 200)), None, "not text"),
        ("empty.txt", b"   \n", None, "empty file"),
        ("empty.jsonl", b"", None, "empty file"),
        ("huge.txt", b"word " * 400, None, "too large"),
        ("feb30.jsonl", b'{"text": "A.", "published": "2021-02-30"}\n', 1, "no such day"),
        ("feb30words.csv", b'text,published\nA.,"February 30, 2021"\n', 2, "'February 30, 2021' is not a valid date"),
        ("broken.jsonl", b'{"text": "fine"}\n{"text": "unterminated\n', 2, "malformed JSON"),
        ("list.jsonl", b'["not", "an", "object"]\n', 1, "expected a JSON object"),
        ("notext.jsonl", b'{"title": "no body"}\n', 1, "no text in field 'text'"),
        ("nocol.csv", b"title,date\nA,2021-01-01\n", None, "no 'text' column"),
        ("doc.pdf", b"%PDF-1.4", None, "unsupported file type"),
    ],
)
def test_corpus_bad_input_is_named_and_the_batch_goes_on(tmp_path, name, content, line, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "zz-good.txt"
    good.write_text("The army attacked the town on Monday.", encoding="utf-8")
    items = list(iter_corpus([bad, good], CorpusOptions(max_bytes=1000)))
    errors = [i for i in items if isinstance(i, CorpusError)]
    assert errors, items
    assert all(e.path == str(bad) for e in errors)
    assert errors[-1].line == line and problem in str(errors[-1]) and str(bad) in str(errors[-1])
    assert items[-1].id == "zz-good"  # the rest of the batch still comes through


def test_corpus_missing_file_is_an_error(tmp_path):
    (error,) = list(iter_corpus([tmp_path / "nope.txt"]))
    assert isinstance(error, CorpusError) and "no such file" in str(error)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-10-09", date(2021, 10, 9)), ("2021-10-09T23:30:00Z", date(2021, 10, 9)),
     ("October 9, 2021", date(2021, 10, 9)), ("9 Oct 2021", date(2021, 10, 9)), ("", None), (None, None)],
)
def test_corpus_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["February 30, 2021", "2021-02-30", "2021-13-01", "next Tuesday", "30/02/2021"])
def test_corpus_parse_date_rejects(value):
    with pytest.raises(CorpusError, match="not a valid date"):
        parse_date(value, "f.csv")


STORY = "Les rebelles ont attaqué Kunduz vendredi – “a massacre”, said Müller; El Niño y la señora."


@pytest.mark.parametrize(("name", "data", "encoding"), [
    ("utf16.txt", STORY.encode("utf-16"), "utf-16"),  # BOM: was refused as 'binary (contains NUL bytes)'
    ("utf16be.txt", codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16"),
    ("utf32.txt", STORY.encode("utf-32"), "utf-32"),
    ("utf8bom.txt", codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
    ("cp1252.txt", STORY.encode("cp1252"), "cp1252"),  # was refused as 'not valid UTF-8'
    ("latin1.txt", STORY.replace("–", "-").replace("“", '"').replace("”", '"').encode("latin-1"), "cp1252"),
    ("utf8.txt", STORY.encode("utf-8"), "utf-8"),
])
def test_corpus_reads_utf16_and_windows_1252_and_says_which(tmp_path, name, data, encoding):
    """Issue 14, reproduction 8: UTF-16 with a BOM and Latin-1 / Windows-1252 files are read
    (charset-normalizer), the encoding used is on the article."""
    (tmp_path / name).write_bytes(data)
    (article,) = iter_corpus([tmp_path / name])
    assert isinstance(article, Article), article
    assert article.text.replace("-", "–").replace('"', "“", 1).replace('"', "”", 1) == STORY
    assert article.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_corpus_jsonl_and_csv_in_other_encodings(tmp_path, encoding):
    (tmp_path / "a.jsonl").write_bytes(json.dumps({"id": "j", "text": STORY}, ensure_ascii=False).encode(encoding))
    (tmp_path / "b.csv").write_bytes(f'id,text\nc,"{STORY}"\n'.encode(encoding))
    items = list(iter_corpus([tmp_path / "a.jsonl", tmp_path / "b.csv"]))
    assert [(a.id, a.text) for a in items] == [("j", STORY), ("c", STORY)]


def test_corpus_jsonl_line_in_another_encoding_is_read_on_its_own(tmp_path, monkeypatch):
    from timeline.store import corpus

    monkeypatch.setattr(corpus, "HEAD_BYTES", 60)  # the encoding is detected on the first line only
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Talks resumed on Friday."}\n' + '{"id": "b", "text": "Caf\xe9 attacked on Friday."}\n'.encode("cp1252"))
    a, b = iter_corpus([path])
    assert (a.encoding, b.text, b.encoding) == ("utf-8", "Café attacked on Friday.", "cp1252")


def test_corpus_lone_surrogate_nul_and_odd_whitespace_are_normalised_and_counted(tmp_path):
    """Issue 14, reproduction 3 (reader side): a lone surrogate in a JSONL line (UnicodeEncodeError
    in the tokenizer), NUL and control characters, CR LF, no-break spaces: normalised on read."""
    path = tmp_path / "odd.jsonl"
    record = {"id": "s\ud800", "title": "T\x00itle", "text": "Talks \ud800 resumed\x00 on\u00a0Friday.\r\nAnd\u200b then\x07."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = iter_corpus([path])
    assert article.text == "Talks \ufffd resumed on Friday.\nAnd then."
    assert (article.id, article.title) == ("s\ufffd", "Title")
    assert dict(article.cleaned) == {"lone surrogates": 2, "control characters": 3, "odd line breaks": 1,
                                     "odd spaces": 1, "invisible characters": 1}
    article.text.encode("utf-8")  # no surrogate left


def test_corpus_non_utf8_sidecar_in_a_folder_is_read(tmp_path):
    """Issue 14, reproduction 6: a Windows-1252 articles.csv inside a folder raised an uncaught
    UnicodeDecodeError and nothing of the folder was ingested."""
    (tmp_path / "x.txt").write_text("Talks were held yesterday.", encoding="utf-8")
    (tmp_path / "articles.csv").write_bytes("file,title,published\nx.txt,Café talks,2021-10-09\n".encode("cp1252"))
    (article,) = iter_corpus([tmp_path])
    assert (article.title, article.published) == ("Café talks", date(2021, 10, 9))


def test_corpus_unreadable_sidecar_is_reported_and_the_folder_still_goes_in(tmp_path):
    (tmp_path / "x.txt").write_text("Talks were held yesterday.", encoding="utf-8")
    (tmp_path / "articles.csv").write_bytes(b"\x00\x01\x02\x03\xff\xfe\x00" * 50)
    error, article = iter_corpus([tmp_path])
    assert isinstance(error, CorpusError) and "articles.csv" in str(error) and "metadata" in str(error)
    assert article.id == "x"
