"""Pipelines in Python: input readers, audit_many, config files, suppression, pack self-tests.

Every test uses its own small pack (written below) so that it does not move when the
default pack's rules change.
"""

from __future__ import annotations

import codecs
import io
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import Article, audit, load_rules
from copydesk.batch import AuditError, audit_many, map_audits
from copydesk.config.file import (
    ConfigError,
    config_from_mapping,
    find_config,
    load_config,
    to_toml,
    unmatched_patterns,
)
from copydesk.config.model import Config, RulesConfig
from copydesk.inputs import InputError, ReadOptions, decode, html_to_markdown, iter_items, to_article, walk
from copydesk.inputs.csvrecords import read_csv
from copydesk.inputs.records import read_json, read_jsonl
from copydesk.packs.selftest import check_rule, check_suggestions, run_examples
from copydesk.parse.suppress import parse as parse_suppressions

PACK_META = 'name: newsroom\nversion: "1"\n'
PACK_RULES = """\
rules:
  - id: house.tabloid
    kind: lexicon
    dimension: loaded_language
    severity: warning
    message: "“{match}” is a tabloid verb."
    explanation: Report what was said and let readers weigh it; the verb should not do the judging.
    suggestion: criticise
    terms:
      - {term: slam, inflect: true}
      - {term: blast, inflect: true}
    examples:
      flag: ["The minister slammed the proposal."]
      pass: ["The minister criticised the proposal."]
  - id: house.vague
    kind: pattern
    dimension: attribution
    severity: warning
    message: "“{match}”: which ones?"
    explanation: Name the people, or say how many and why they are not named.
    patterns: ['\\bobservers (?:say|said|believe)\\b']
    examples:
      flag: ["Observers say the ferry will be late."]
      pass: ["Two harbour officials said the ferry will be late."]
"""

ARTICLE = (
    "# Ferry plan slammed\n\n"
    "The transport minister slammed the ferry plan on Monday. Observers say it will cost more.\n\n"
    "The harbour board meets again on Friday to vote on the timetable.\n"
)


def write_pack(folder: Path, rules: str = PACK_RULES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yml").write_text(PACK_META, encoding="utf-8")
    (folder / "house.yml").write_text(rules, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pack(tmp_path_factory.mktemp("packs") / "newsroom")


@pytest.fixture(scope="module")
def rules(pack: Path):  # type: ignore[no-untyped-def]
    return load_rules([pack], include_default=False)


def items_of(reader, data: bytes, **options):  # type: ignore[no-untyped-def]
    return list(reader(io.BufferedReader(io.BytesIO(data)), "batch", ReadOptions(**options)))


# ------------------------------------------------------------------ decoding


def test_decode_handles_boms_and_refuses_what_is_not_text() -> None:
    text = "Ferry “late” again\n"
    assert decode(codecs.BOM_UTF8 + text.encode(), "f") == text
    assert decode(text.encode("utf-16"), "f") == text  # BOM written by the codec
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "f") == text
    with pytest.raises(InputError, match=r"^f: binary data"):
        decode(b"PK\x03\x04\x00\x00binary", "f")
    with pytest.raises(InputError, match=r"^f: not UTF-8 text \(invalid byte at line 2\)"):
        decode("line one\ncaf\xe9\n".encode("latin-1"), "f")


# ------------------------------------------------------------------ JSONL / CSV / JSON


def test_jsonl_reports_each_bad_line_and_keeps_the_good_ones() -> None:
    data = (
        b'{"id": "a1", "headline": "Ferry late", "body": "The ferry was late."}\n'
        b'{"id": "a2", "body": "unterminated\n'
        b"\n"
        b'{"id": "a3", "title": "No body here"}\n'
        b'{"id": "a4", "body": "   "}\n'
        b"\x89PNG\x1a\x00\x00\x00\rIHDR\xff\n"
        b'["a", "list"]\n'
        b'{"id": 7, "text": "The bridge opened.", "title": "Bridge"}\n'
        b'{"id": "a8", "body": 12}\n'
    )
    items = items_of(read_jsonl, data)
    good = [i for i in items if i.kind == "fields"]
    assert [(i.id, i.headline, i.body, i.line) for i in good] == [
        ("a1", "Ferry late", "The ferry was late.", 1),
        ("7", "Bridge", "The bridge opened.", 8),
    ]
    errors = {i.line: i.error for i in items if i.kind == "error"}
    assert errors[2].startswith("batch:2: malformed JSON")
    assert errors[4] == "batch:4: no body field 'body' or 'text' (name it with --body-field)"
    assert errors[5] == "batch:5: field 'body' is empty, nothing to audit"
    assert errors[6].startswith("batch:6: ") and "binary" in errors[6]
    assert errors[7] == "batch:7: expected a JSON object, got a list"
    assert errors[9] == "batch:9: field 'body' is a number, not text"
    assert set(errors) == {2, 4, 5, 6, 7, 9}
    # Every message is one line.
    assert all("\n" not in e for e in errors.values())


def test_jsonl_field_options_bom_and_utf16() -> None:
    line = '{"uid": "x", "hed": "Title", "content": "Body text here."}\n'
    items = items_of(
        read_jsonl,
        codecs.BOM_UTF8 + line.encode(),
        id_field="uid",
        headline_field="hed",
        body_field="content",
    )
    assert [(i.id, i.headline, i.body) for i in items] == [("x", "Title", "Body text here.")]
    # A named body field that is missing says so, without the hint.
    (missing,) = items_of(read_jsonl, b'{"id": 1, "body": "x"}\n', body_field="content")
    assert missing.error == "batch:1: no body field 'content'"
    # Field names in another case still count.
    (upper,) = items_of(read_jsonl, b'{"ID": 5, "Title": "T", "BODY": "Text."}\n')
    assert (upper.id, upper.headline, upper.body) == ("5", "T", "Text.")
    utf16 = (line + line).encode("utf-16")
    assert [i.kind for i in items_of(read_jsonl, utf16, body_field="content")] == ["fields", "fields"]


def test_jsonl_invalid_utf8_inside_a_line_is_that_lines_error() -> None:
    data = b'{"id": 1, "body": "caf\xe9 opens"}\n{"id": 2, "body": "Fine."}\n'
    first, second = items_of(read_jsonl, data)
    assert first.error == "batch:1: not UTF-8 text (binary data?)"
    assert second.body == "Fine."


def test_csv_rows_quoted_newlines_and_bad_rows() -> None:
    data = (
        (
            b"id,title,text\r\n"
            b'1,Ferry late,"The ferry was late.\n\nPassengers waited."\r\n'
            b"2,,\r\n"
            b'3,Bridge,"The bridge opened.",extra\r\n'
        )
        + b'4,Caf\xe9,"Text."\r\n'
        + b'5,Fine,"All good."\r\n'
    )
    items = items_of(read_csv, data)
    assert items[0].kind == "fields" and items[0].body == "The ferry was late.\n\nPassengers waited."
    assert items[0].line == 2
    assert items[1].error == "batch:5: field 'text' is empty, nothing to audit"
    assert items[2].error == "batch:6: 4 fields but the header names 3"
    assert items[3].error == "batch:7: not UTF-8 text (binary data?)"
    assert (items[4].id, items[4].line) == ("5", 8)


def test_csv_without_header_and_json_files() -> None:
    assert items_of(read_csv, b"")[0].error == "batch: no header row (CSV files need one naming the columns)"
    one = list(read_json('{"id": "j", "body": "Text."}', "a.json", ReadOptions()))
    assert [(i.id, i.body) for i in one] == [("j", "Text.")]
    many = list(read_json('[{"body": "One."}, 3, {"body": ""}]', "b.json", ReadOptions()))
    assert many[0].id == "b.json[1]" and many[0].body == "One."
    assert many[1].error == "b.json[2]: expected a JSON object, got a number"
    assert many[2].error.startswith("b.json[3]: field 'body' is empty")


# ------------------------------------------------------------------ folders and files


def test_walk_is_sorted_recursive_filtered_and_skips_hidden(tmp_path: Path) -> None:
    for name in [
        "b.md",
        "a.txt",
        "sub/c.md",
        "sub/deep/d.html",
        ".hidden.md",
        ".git/e.md",
        "data.csv",
        "x.py",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.\n")
    rel = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)]
    assert rel == ["a.txt", "b.md", "sub/c.md", "sub/deep/d.html"]
    assert [p.name for p in walk(tmp_path, ["*.md"])] == ["b.md", "c.md"]
    assert [p.name for p in walk(tmp_path, ["sub/**/*.html"])] == ["d.html"]
    assert [p.name for p in walk(tmp_path, ["**/*.md"])] == ["b.md", "c.md"]
    assert [p.name for p in walk(tmp_path, ["*.md"], exclude=[str(tmp_path / "b.md")])] == ["c.md"]


def test_iter_items_mixes_files_folders_and_errors(tmp_path: Path) -> None:
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "one.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "arts" / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "arts" / "blob.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "none").mkdir()
    items = list(iter_items([str(tmp_path / "arts"), str(tmp_path / "missing.md"), str(tmp_path / "none")]))
    kinds = [(Path(i.path).name, i.kind) for i in items]
    assert kinds == [
        ("blob.txt", "error"),
        ("empty.md", "error"),
        ("one.md", "text"),
        ("missing.md", "error"),
        ("none", "error"),
    ]
    assert items[0].error.endswith("blob.txt: binary data (NUL bytes), not text")
    assert items[1].error.endswith("empty.md: empty, nothing to audit")
    assert items[3].error.endswith("missing.md: no such file")
    assert "no files matching" in (items[4].error or "")
    article = to_article(items[2])
    assert article.headline == "Ferry plan slammed" and article.id == str(tmp_path / "arts" / "one.md")


# ------------------------------------------------------------------ HTML

PAGE = """<!doctype html><html><head><title>Ferry plan slammed | Harbour News</title>
<style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a></nav>
<article><h1>Ferry plan slammed</h1>
<p>The transport minister slammed the ferry plan on Monday &amp; called it late.</p>
<!-- copydesk-disable-next-line house.vague -->
<p>Observers say it will cost more than the board has said in public so far.</p>
<script>document.write("<p>not article text</p>")</script>
<ul><li>Vote on Friday</li></ul></article>
<footer>Copyright Harbour News</footer></body></html>"""


def test_basic_html_extractor_keeps_article_text_and_directives() -> None:
    from copydesk.inputs.htmlbasic import basic_extract

    headline, text = basic_extract(PAGE)
    assert headline is None  # the page's <h1> is the headline line
    assert text.startswith(
        "# Ferry plan slammed\n\nThe transport minister slammed the ferry plan on Monday & called"
    )
    assert "<!-- copydesk-disable-next-line house.vague -->" in text
    assert "- Vote on Friday" in text
    for noise in ("Home", "Copyright", "not article text", "color: red"):
        assert noise not in text


def test_html_audit_honours_suppression(rules) -> None:  # type: ignore[no-untyped-def]
    headline, body = html_to_markdown(PAGE)
    article = Article.from_text(body) if headline is None else Article(headline=headline, body=body)
    report = audit(article, rules=rules)
    assert {f.rule_id for f in report.findings} == {"house.tabloid"}
    assert report.metrics.extra.get("suppressed_findings") == 1


# ------------------------------------------------------------------ audit_many


TEXTS = [
    ARTICLE,
    "The council approved the budget of 4 million euros on Tuesday.",
    "Observers say the strike will end. The union blasted the offer.",
]


def test_audit_many_matches_audit_in_order_with_errors(rules) -> None:  # type: ignore[no-untyped-def]
    items: list[object] = [
        *TEXTS,
        42,
        {"id": "m", "title": "Bridge", "body": "Critics slammed the bridge."},
        {"id": "e", "body": ""},
        Article(headline="Late", body="The ferry blasted its horn."),
    ]
    for jobs in (1, 2):
        results = list(map_audits(items, _pair, jobs=jobs, rules=rules, small_batch=0))
        values = [v for _m, v in results]
        assert [m.index for m, _v in results] == list(range(len(items)))
        for text, value in zip(TEXTS, values[:3], strict=True):
            assert value == audit(text, rules=rules).model_dump_json()
        assert isinstance(values[3], AuditError) and values[3].index == 3
        assert values[3].error == "item[3]: expected text, an Article, an Item or a mapping, got int"
        assert (
            values[4]
            == audit(
                Article(headline="Bridge", body="Critics slammed the bridge.", id="m"), rules=rules
            ).model_dump_json()
        )
        assert isinstance(values[5], AuditError) and values[5].id == "e"
        assert values[5].error == "item[5]: field 'body' is empty, nothing to audit"
        assert values[6] == audit(items[6], rules=rules).model_dump_json()  # type: ignore[arg-type]


def _pair(report, article):  # type: ignore[no-untyped-def]
    return report.model_dump_json()


def test_audit_many_streams_with_a_bounded_window(rules) -> None:  # type: ignore[no-untyped-def]
    consumed = itertools.count()

    def endless():  # type: ignore[no-untyped-def]
        for i in itertools.count():
            next(consumed)
            yield f"Observers say the ferry {i} will be late."

    stream = audit_many(endless(), jobs=2, rules=rules)
    first = list(itertools.islice(stream, 60))
    stream.close()
    assert len(first) == 60 and all(r.findings for r in first)  # type: ignore[union-attr]
    # The window: 2 workers x 3 chunks x 8 items ahead of what was yielded, at most.
    assert next(consumed) <= 60 + 2 * 3 * 8 + 8


class _KillsWorker:
    """Unpickling it ends the worker process, as an out-of-memory kill would."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os._exit, (3,))


def test_a_dead_worker_costs_only_its_own_item(rules) -> None:  # type: ignore[no-untyped-def]
    items = [*(TEXTS * 4), _KillsWorker(), *(TEXTS * 4)]
    results = list(map_audits(items, _pair, jobs=2, rules=rules, small_batch=0))
    errors = [(m.index, v) for m, v in results if isinstance(v, AuditError)]
    assert [i for i, _v in errors] == [12]
    assert "worker process" in errors[0][1].error
    assert len(results) == len(items)
    assert results[13][1] == audit(TEXTS[0], rules=rules).model_dump_json()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([*TEXTS, "", "Blasted!", "# Title\n\nObservers believe it."]), max_size=6))
def test_batch_equals_one_by_one(rules, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    batch = [r.model_dump_json() for r in audit_many(texts, rules=rules)]  # type: ignore[union-attr]
    assert batch == [audit(t, rules=rules).model_dump_json() for t in texts]


# ------------------------------------------------------------------ configuration


def test_config_is_found_walking_up(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None or not str(find_config(deep)[0]).startswith(str(tmp_path))  # type: ignore[index]
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.copydesk]\nfail_under = 60\n")
    assert find_config(deep) == (tmp_path / "a" / "pyproject.toml", "tool.copydesk")
    assert load_config(cwd=deep).config.fail_under == 60
    (tmp_path / "a" / "b" / "copydesk.toml").write_text("fail-under = 75\n")
    loaded = load_config(cwd=deep)
    assert loaded.config.fail_under == 75 and loaded.path == deep / "copydesk.toml"
    assert load_config(cwd=deep, search=False).config == Config()


def test_config_keys_and_relative_packs(tmp_path: Path, pack: Path) -> None:
    os.symlink(pack, tmp_path / "house")
    config = config_from_mapping(
        {
            "packs": ["house"],
            "default-pack": False,
            "rules": {
                "disable": "house.vague",
                "severity": {"house.*": "error"},
                "weight": {"house.tabloid": 2},
            },
            "dimensions": {"focus": {"scale": 3}},
        },
        "copydesk.toml",
        tmp_path,
    )
    assert config.packs == (str(pack.resolve()),)
    assert config.rules.disable == ("house.vague",) and not config.default_pack
    assert config.rules.severity_for("house.tabloid").value == "error"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"rules": {"disabel": []}},
            "copydesk.toml: key 'rules.disabel': unknown key (did you mean 'rules.disable'?)",
        ),
        (
            {"fail_under": 120},
            "copydesk.toml: key 'fail_under': Input should be less than or equal to 100 (got 120)",
        ),
        (
            {"rules": {"severity": {"house.*": "fatal"}}},
            "copydesk.toml: key 'rules.severity.\"house.*\"': "
            "Input should be 'info', 'warning' or 'error' (got 'fatal')",
        ),
        ({"packs": ["nowhere"]}, "copydesk.toml: key 'packs[0]': 'nowhere' is not a folder"),
        (
            {"rules": {"disable": [1]}},
            "copydesk.toml: key 'rules.disable[0]': Input should be a valid string (got 1)",
        ),
        ({"dimensions": {"tone": {}}}, "copydesk.toml: key 'dimensions.tone': Input should be"),
        ({"colour": True}, "copydesk.toml: key 'colour': unknown key"),
        ({"rules": ["x"]}, "copydesk.toml: key 'rules': must be a table"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, data: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ConfigError) as info:
        config_from_mapping(data, "copydesk.toml", tmp_path)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_invalid_toml_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "copydesk.toml"
    path.write_text("[rules\ndisable = 1\n")
    with pytest.raises(ConfigError, match=r"copydesk.toml: invalid TOML"):
        load_config(path)
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.copydesk\] table"):
        load_config(tmp_path / "pyproject.toml")


_ids = st.from_regex(r"\A[a-z]{1,6}(\.[a-z*]{1,6}){1,2}\Z")


@settings(max_examples=50, deadline=None)
@given(
    disable=st.lists(_ids, max_size=3),
    enable=st.lists(_ids, max_size=2),
    severity=st.dictionaries(_ids, st.sampled_from(["info", "warning", "error"]), max_size=2),
    weight=st.dictionaries(_ids, st.floats(0, 10, allow_nan=False), max_size=2),
    fail_under=st.none() | st.floats(0, 100, allow_nan=False),
    default_pack=st.booleans(),
    scale=st.none() | st.floats(0.5, 50, allow_nan=False),
)
def test_config_show_round_trips(disable, enable, severity, weight, fail_under, default_pack, scale) -> None:  # type: ignore[no-untyped-def]
    from copydesk.config.file import tomllib  # tomli on Python 3.10

    config = Config(
        default_pack=default_pack,
        fail_under=fail_under,
        rules=RulesConfig(disable=tuple(disable), enable=tuple(enable), severity=severity, weight=weight),
        dimensions={"focus": {"scale": scale}} if scale else {},
    )
    assert config_from_mapping(tomllib.loads(to_toml(config)), "x") == config


def test_unmatched_patterns_are_named() -> None:
    config = Config(rules=RulesConfig(disable=("house.*", "house.tabliod"), weight={"nope.*": 1.0}))
    assert unmatched_patterns(config, ["house.tabloid", "house.vague"]) == [
        "rules.disable: 'house.tabliod' matches no rule in use",
        "rules.weight: 'nope.*' matches no rule in use",
    ]


def test_config_disables_and_overrides(rules) -> None:  # type: ignore[no-untyped-def]
    base = audit(ARTICLE, rules=rules)
    assert {f.rule_id for f in base.findings} == {"house.tabloid", "house.vague"}
    off = audit(ARTICLE, rules=rules, config=Config(rules=RulesConfig(disable=("house.vag*",))))
    assert {f.rule_id for f in off.findings} == {"house.tabloid"}
    assert off.dimensions["attribution"].assessed is False
    heavier = audit(ARTICLE, rules=rules, config=Config(rules=RulesConfig(severity={"house.*": "error"})))
    assert heavier.score < base.score


# ------------------------------------------------------------------ suppression


def _ids_at(text: str, rules) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.rule_id, f.excerpt) for f in audit(text, rules=rules).findings]


def test_suppression_comments(rules) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# Ferry plan slammed\n\n"
        "<!-- copydesk-disable house.tabloid -->\n"
        "The minister slammed the plan. Observers say it is late.\n"
        "<!-- copydesk-enable house.tabloid -->\n\n"
        "Her deputy blasted it too.\n\n"
        "<!-- copydesk-disable-next-line -->\n\n"
        "Observers believe the deputy slammed it.\n\n"
        "Observers said it was slammed. <!-- copydesk-disable-line house.vague -->\n\n"
        "<!-- copydesk-disable house.* -->\n<!-- copydesk-enable house.vague -->\n"
        "Observers say critics blasted it.\n"
    )
    assert _ids_at(text, rules) == [
        ("house.tabloid", "slammed"),  # headline: before any comment
        ("house.vague", "Observers say"),  # only house.tabloid was disabled
        ("house.tabloid", "blasted"),  # enabled again
        ("house.tabloid", "slammed"),  # disable-line named house.vague only
        ("house.vague", "Observers say"),  # re-enabled after the glob disable
    ]
    report = audit(text, rules=rules)
    assert report.metrics.extra["suppressed_findings"] == 5


def test_unknown_directives_warn_and_change_nothing(rules) -> None:  # type: ignore[no-untyped-def]
    text = (
        "<!-- copydesk-disabel house.tabloid -->\nThe minister slammed it.\n"
        "<!-- copydesk-disable <b> -->\nCritics blasted it."
    )
    report = audit(text, rules=rules)
    assert [f.excerpt for f in report.findings] == ["slammed", "blasted"]
    assert any("unknown comment 'copydesk-disabel'" in w for w in report.warnings)
    assert any("'<b>' is not a rule id or glob" in w for w in report.warnings)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The minister slammed it.", "Observers say no.", "Rain fell.", "Critics blast it."]),
        min_size=1,
        max_size=6,
    )
)
def test_disable_all_silences_everything_after_it(rules, sentences: list[str]) -> None:  # type: ignore[no-untyped-def]
    body = "\n\n".join(sentences)
    suppressed = audit("<!-- copydesk-disable -->\n" + body, rules=rules)
    plain = audit(body, rules=rules)
    assert suppressed.findings == []
    assert suppressed.metrics.extra.get("suppressed_findings", 0) == len(plain.findings)


def test_suppression_parse_edge_cases() -> None:
    sup = parse_suppressions("a\n<!-- copydesk-disable-next-line x.y -->\n")
    assert not sup.suppresses("x.y", 0)  # nothing after it: no region, no crash
    sup = parse_suppressions("<!-- copydesk-disable a.b, c.* -->text")
    assert sup.suppresses("c.d", 40) and sup.suppresses("a.b", 40) and not sup.suppresses("a.c", 40)
    assert not parse_suppressions("no comments here")


# ------------------------------------------------------------------ pack self-tests


def test_pack_examples_pass(rules) -> None:  # type: ignore[no-untyped-def]
    result = run_examples(rules)
    assert result.ok and (result.rules, result.examples) == (2, 4)


def test_failing_examples_are_reported(tmp_path: Path) -> None:
    broken = PACK_RULES.replace(
        'pass: ["The minister criticised the proposal."]',
        'pass: ["The minister criticised the proposal.", "Critics slam the plan."]',
    ).replace(
        'flag: ["Observers say the ferry will be late."]',
        'flag: ["Observers told us the ferry will be late."]',
    )
    ruleset = load_rules([write_pack(tmp_path / "broken", broken)], include_default=False)
    result = run_examples(ruleset)
    assert [(f.rule_id, f.expect, f.index, f.found) for f in result.failures] == [
        ("house.tabloid", "pass", 2, ("slam",)),
        ("house.vague", "flag", 1, ()),
    ]
    assert (
        str(result.failures[0])
        == "house.tabloid: pass example 2 was flagged at “slam”: Critics slam the plan."
    )
    assert check_rule(ruleset.by_id["house.vague"])[0].expect == "flag"


def test_a_suggestion_the_pack_flags_is_a_failure(tmp_path: Path) -> None:
    # "slammed" offered as the neutral wording: the report would ask for a word it then
    # flags. Advice ("describe what was said") and the plain wording pass.
    pack = PACK_RULES.replace(
        "suggestion: criticise", "suggestion: criticised; slammed; describe what was said"
    )
    ruleset = load_rules([write_pack(tmp_path / "p", pack)], include_default=False)
    failures = check_suggestions(ruleset)
    assert [(f.rule_id, f.expect, f.found) for f in failures] == [
        ("house.tabloid", "suggestion", ("slammed",))
    ]
    assert str(failures[0]).startswith("house.tabloid: suggestion is itself flagged at “slammed”")
    assert not check_suggestions(load_rules([write_pack(tmp_path / "q", PACK_RULES)], include_default=False))


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pipeline"


def test_house_style_example_pack_passes_its_examples() -> None:
    ruleset = load_rules([EXAMPLES / "house-style"], include_default=False)
    result = run_examples(ruleset)
    assert result.ok, "\n".join(map(str, result.failures))
    assert result.rules == 3
    loaded = load_config(EXAMPLES / "copydesk.toml")
    assert loaded.config.packs == (str((EXAMPLES / "house-style").resolve()),)


def test_memory_stays_flat_as_the_batch_grows(rules) -> None:  # type: ignore[no-untyped-def]
    import tracemalloc
    from functools import partial

    from copydesk.cli.audit_output import make_row

    paragraph = "The minister slammed the plan. Observers say the ferry {} will be late. " * 20

    def stream():  # type: ignore[no-untyped-def]
        for i in range(600):
            yield f"# Ferry {i}\n\n" + paragraph.replace("{}", str(i))

    fn = partial(make_row, fmt="jsonl", color=False, top_id=True)
    tracemalloc.start()
    try:
        current = {}
        for n, (_meta, _row) in enumerate(map_audits(stream(), fn, jobs=2, rules=rules), 1):
            if n in (200, 600):
                current[n] = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # Three times the articles, the same memory: nothing is collected along the way.
    assert current[600] - current[200] < 300_000
