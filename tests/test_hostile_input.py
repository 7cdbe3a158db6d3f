"""The bad-input catalogue: each case gives a report or a one-line error, never a traceback.

A SIGALRM guard turns a hang into a failure (a safety net for runaway backtracking,
not a speed assertion: speed is measured in bench/).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import copydesk
from copydesk.cli import main
from copydesk.inputs import InputError, decode

# Every test here fails, rather than hangs, when an input makes an audit run away.
pytestmark = pytest.mark.usefixtures("hang_guard")


PARAGRAPH = (
    "The council voted on Tuesday to expand the bus network, the transport office said. "
    "Fares will stay at two dollars until 2027, according to the city budget.\n\n"
)

CASES = {
    "empty": "",
    "whitespace only": " \n\t \n\n   \u3000\u00a0",
    "headline only": "# Council approves budget",
    "bold headline only": "**Council approves budget**",
    "one million character line": "word " * 200_000,
    "twenty thousand one-word lines": "word\n" * 20_000,
    "only straight quotes": '"' * 5_000,
    "only curly quotes": "“”‘’" * 2_000,
    "unbalanced quotes": 'He said "this never ends. And "nested “quotes" inside” too.\n\n"Still open',
    "nested quotes": "“She said ‘he said “no” twice’ then left.”" * 200,
    "right-to-left": "قال المسؤولون إن المجلس صوّت يوم الثلاثاء. ‏The regime‏ replied. עברית כאן.",
    "emoji and combining marks": "The reǵ́́ime 🙂🙂 spa\u0301rked ẅidespread 👍🏽 anger. Z̸̡̛a̷l̶g̵o text.",
    "mixed scripts": "Тhe rеgime (Cyrillic Т and е) and Ελληνικά and 中文 and Latin.",
    "markdown nested emphasis": "***Bold *and* __mixed__ emphasis*** with `code` and [link](http://x)\n",
    "markdown table": "| a | b |\n|---|---|\n| widespread | regime |\n",
    "code block": "# T\n\n```\nthe regime sparked widespread criticism\n```\nText after.",
    "html": "<script>alert(1)</script><!-- c --><p>The &amp; regime&#39;s &lt;b&gt;</p>",
    "control characters": "The\x0bregime\x0c sparked\x1c fears\x85 here.\u2028Next\u2029 line.",
    "lone surrogate-like and private use": "text \ue000\uf8ff \ufffd\ufffd end",
    "only punctuation": "!?.,;:" * 10_000,
    "very long word": "a" * 300_000,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_catalogue_gives_a_valid_report(name: str) -> None:
    text = CASES[name]
    report = copydesk.audit(text)
    assert 0 <= report.score <= 100
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt


def test_five_megabyte_article() -> None:
    text = "# A long day\n\n" + PARAGRAPH * (5_000_000 // len(PARAGRAPH))
    assert len(text) >= 4_900_000
    report = copydesk.audit(text)
    assert report.article.words > 700_000
    assert 0 <= report.score <= 100


def test_code_block_is_not_audited() -> None:
    report = copydesk.audit(CASES["code block"])
    assert not [f for f in report.findings if f.dimension.value == "loaded_language"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02\x03binary", "binary data"),
        (b"caf\xe9 au lait", "not UTF-8 text"),
        (b"\xff\xfe" + b"\x00\xd8", "invalid UTF-16"),
        (b"line one\nline \x00two", "binary data"),
    ],
)
def test_undecodable_bytes_are_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "article.md")
    text = str(err.value)
    assert text.startswith("article.md: ") and message in text and "\n" not in text


def test_utf16_and_bom_decode() -> None:
    assert decode("Tëxt".encode("utf-16"), "a") == "Tëxt"
    assert decode(b"\xef\xbb\xbfText", "a") == "Text"


def test_cli_never_prints_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for i, data in enumerate([b"\x00\xff" * 100, b"\xc3\x28 broken", "ok text".encode("utf-16")]):
        path = tmp_path / f"f{i}.md"
        path.write_bytes(data)
        files.append(str(path))
    code = main(["audit", *files, "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if "f0.md:" in line or "f1.md:" in line]
    assert len(errors) == 2  # two bad files, one line each; f2 (UTF-16) is audited


# ---------------------------------------------------------------- issue 19: hangs and memory
# Each case runs in a child process with a timeout: a regression that hangs (or grows a
# process past its memory) fails the test instead of stalling the suite.
CHILD_TIMEOUT = 120

CHILD_AUDIT = """
import sys, copydesk
text = sys.stdin.read()
report = copydesk.audit(text)
assert 0 <= report.score <= 100
for f in report.findings:
    assert text[f.span.start : f.span.end] == f.excerpt
print("ok")
"""

HANG_CASES = {
    "heading with 8,000 inner spaces": "## H" + " " * 8_000 + "x\n\nBody text.",
    "headline with 10,000 inner spaces": "# H" + " " * 10_000 + "x\n\nBody text.",
    "100,000 leading spaces": " " * 100_000 + "x\n\nBody text.",
    "unclosed suppression comments": "# T\n\n" + "<!-- copydesk-disable x " * 8_000,
    "12,000 sentences in one paragraph": "# T\n\n" + PARAGRAPH.split("\n")[0] * 6_000,
    "4,000 suppression comments": "# T\n\n"
    + "<!-- copydesk-disable foo.bar -->\nThe regime sparked widespread anger.\n\n" * 4_000,
}


def _run_child(code: str, stdin: str) -> subprocess.CompletedProcess[str]:
    src = str(Path(copydesk.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": src}
    return subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env=env,
    )


@pytest.mark.parametrize("name", sorted(HANG_CASES))
def test_super_linear_inputs_finish(name: str) -> None:
    done = _run_child(CHILD_AUDIT, HANG_CASES[name])
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def _pattern_pack(folder: Path, patterns: list[str], count: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rules = []
    for i in range(count):
        rules.append(
            f"  - id: hostile.r{i}\n    kind: pattern\n    dimension: loaded_language\n"
            "    severity: warning\n    message: m\n    explanation: e\n"
            f"    patterns: {json.dumps(patterns)}\n"
            '    examples: {flag: ["a"], pass: ["b"]}\n'
        )
    (folder / "rules.yml").write_text("rules:\n" + "".join(rules), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?:(?:(?:a{100}){100}){100}){100}", "expands to about"),
        ("(?:x{1000}){1000}", "expands to about"),
        ("(" * 40 + "a" + ")" * 40, "levels deep"),
    ],
)
def test_unbounded_patterns_are_refused_at_load(tmp_path: Path, pattern: str, reason: str) -> None:
    code = (
        "import sys\nfrom copydesk.packs.loader import PackError, load_pack\n"
        "try:\n    load_pack(sys.argv[1])\nexcept PackError as e:\n    print(e)\n"
    )
    pack = _pattern_pack(tmp_path / "p", [pattern])
    done = _run_child(code.replace("sys.argv[1]", repr(str(pack))), "")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "hostile.r0" in done.stdout and reason in done.stdout


def test_many_slow_rules_share_one_budget_per_article(tmp_path: Path) -> None:
    pack = _pattern_pack(tmp_path / "p", ["(a|aa)+$"], count=200)
    code = (
        "import time, copydesk\nfrom copydesk.api import load_rules\n"
        f"rules = load_rules([{str(pack)!r}], include_default=False)\n"
        "t = time.perf_counter()\n"
        "r = copydesk.audit('Body. ' + 'a' * 54 + 'b', rules=rules)\n"
        "print(time.perf_counter() - t)\nprint('\\n'.join(r.warnings))\n"
    )
    done = _run_child(code, "")
    assert done.returncode == 0, done.stderr[-2000:]
    seconds, *warnings = done.stdout.splitlines()
    # 200 rules x 0.25 s each would be 50 s; the article's budget ends it near 2 s.
    assert float(seconds) < 20
    assert any("2.0s budget" in w and "rule(s) skipped" in w and "more" in w for w in warnings), warnings


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_pack_file_must_be_a_regular_file(tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "p"
    pack.mkdir()
    target = pack / "rules.yml"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    code = (
        "from copydesk.packs.loader import PackError, load_pack\n"
        f"try:\n    load_pack({str(pack)!r})\nexcept PackError as e:\n    print(e)\n"
    )
    done = _run_child(code, "")
    assert done.returncode == 0, done.stderr[-2000:]
    assert str(target) in done.stdout and "not a regular file" in done.stdout


# ---------------------------------------------------------------- accented names (wrong result)

# Headline name, and a body sentence that repeats it letter for letter.
_ACCENTED_NAMES = [
    ("Müller steps down as rowing club chair", "Greta Müller stepped down as rowing club chair"),
    ("Zoë Brandt wins the mayoral race", "Zoë Brandt won the mayoral race by a wide count"),
    ("Søren takes over the orchestra", "Søren took over the orchestra after the autumn season"),
    ("Łódź opens a tram line", "Łódź opened a tram line to the airport"),
    ("São Paulo closes schools after floods", "São Paulo closed schools after floods hit the south"),
    ("Ångström award goes to a lab team", "The Ångström award went to a lab team from the coast"),
    ("Ковалёв leads the count", "Ковалёв led the count after the first round"),
    ("Παπαδόπουλος returns to parliament", "Παπαδόπουλος returned to parliament after a long illness"),
    ("Çelik named coach", "Çelik was named coach by the board"),
]


@pytest.mark.parametrize(("headline", "sentence"), _ACCENTED_NAMES)
def test_accented_headline_name_found_in_body(headline: str, sentence: str) -> None:
    body = f"{sentence} on Tuesday, officials said. " * 3
    report = copydesk.audit(copydesk.Article(headline=headline, body=body))
    missing = [f.excerpt for f in report.findings if f.rule_id == "headline.missing_fact"]
    assert missing == []


def test_missing_accented_name_is_reported_as_written() -> None:
    body = "The rowing club chose a new chair on Tuesday after a vote of members. " * 3
    report = copydesk.audit(copydesk.Article(headline="Müller steps down as chair", body=body))
    hits = [f for f in report.findings if f.rule_id == "headline.missing_fact"]
    assert [h.excerpt for h in hits] == ["Müller"]
    assert "“Müller”" in hits[0].message


# ---------------------------------------------------------------- evasion: the text as a reader sees it

# A loaded word disguised in Markdown or plain text. Each reads as "widespread" (the
# default pack's intensifier) to a reader; each must be found, with its span on the
# original characters, markup included.
_DISGUISED = {
    "emphasis inside the word": "wide**spr**ead",
    "single-star emphasis inside the word": "wide*spr*ead",
    "emphasis at the start of the word": "**wide**spread",
    "emphasis at the end of the word": "wide**spread**",
    "inline tag inside the word": "wide<b>spr</b>ead",
    "tag with an attribute": "wide<span class=\"x\">spr</span>ead",
    "a character reference": "wide&#115;pread",
    "a hexadecimal reference": "wide&#x73;pread",
    "the whole word in references": "".join(f"&#{ord(c)};" for c in "widespread"),
    "a named reference": "wide&shy;spread",
    "hyphenated across a line break": "wide-\nspread",
    "hyphenated, indented next line": "wide-\n   spread",
    "Cyrillic look-alikes": "wid\u0435spr\u0435ad",
    "Armenian look-alikes": "s\u0570\u0585cki\u0578\u0581",  # shocking: h, o, n, g
    "Cherokee look-alikes": "WIDE\u13daPREAD",
    "Cherokee small look-alikes": "wide\uabaapread",
    "Latin small capitals": "wi\u1d05esprea\u1d05",
    "Latin letter with a stroke": "w\u0131despread",  # dotless i
    "Latin look-alikes": "wide\ua731pre\u0251d",  # small capital S, Latin alpha
    "letter spacing": "w i d e s p r e a d",
    "hyphen letter spacing": "w-i-d-e-s-p-r-e-a-d",
}


def _loaded(text: str) -> list[tuple[str, str]]:
    report = copydesk.audit(text)
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt
    return [(f.rule_id, f.excerpt) for f in report.findings if f.dimension.value == "loaded_language"]


@pytest.mark.parametrize("name", sorted(_DISGUISED))
@pytest.mark.parametrize("form", ["markdown", "plain"])
def test_disguised_loaded_word_is_found_on_its_original_characters(name: str, form: str) -> None:
    word = _DISGUISED[name]
    rule = "loaded.sensational" if name == "Armenian look-alikes" else "loaded.intensifier"
    sentence = f"The bus cuts drew {word} criticism from riders on Tuesday, the council said."
    text = f"# Council cuts buses\n\n{sentence}\n" if form == "markdown" else f"{sentence}\n"
    # Stars around the word's edge are emphasis of the whole, outside the finding.
    seen = word.strip("*")
    start = text.index(seen)
    assert (rule, seen) in _loaded(text)
    hits = [f for f in copydesk.audit(text).findings if f.rule_id == rule]
    assert [(h.span.start, h.span.end) for h in hits] == [(start, start + len(seen))]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # Whole-word emphasis needs no edit: the finding is the word, not its stars.
        ("The cuts drew **widespread** criticism.", "widespread"),
        ("The cuts drew *widespread* criticism.", "widespread"),
        # A compound hyphenated at a line break keeps its hyphen.
        ("The cuts drew wide-\nspread criticism.", "wide-\nspread"),
        # Inside a quotation, the next line's quote marker is markup too.
        ("> The cuts drew wide-\n> spread criticism.", "wide-\n> spread"),
    ],
)
def test_ordinary_markup_keeps_its_finding(text: str, excerpt: str) -> None:
    assert ("loaded.intensifier", excerpt) in _loaded(text)


@pytest.mark.parametrize(
    ("original", "read_as"),
    [
        ("the well-\nknown mayor", "the well-known mayor"),  # a compound keeps its hyphen
        ("a long-\nterm plan", "a long-term plan"),
        ("a wide-\nspread fear", "a widespread fear"),
        ("Section 2-\n3 and A-\nB", "Section 2-\n3 and A-\nB"),  # no lower-case letter after
        ("## Cuts draw wide-\nspread anger", "## Cuts draw wide-\nspread anger"),  # a heading ends
        ("a wide-\n> spread fear", "a wide-\n> spread fear"),  # a quotation starts
        ("f***ed and bullsh*t", "f***ed and bullsh*t"),  # a lone run of stars is a letter
        ("**bold** and *it*", "**bold** and *it*"),
        ("if a<b and c>d then", "if a<b and c>d then"),  # a comparison, not a tag
        ("Bay</span>A young man", "Bay</span>A young man"),
        ("J R R Tolkien and J. R. R. Tolkien", "J R R Tolkien and J. R. R. Tolkien"),
        ("is a I think", "is a I think"),
        ("x - y - z", "x - y - z"),
        ("AT&amp;T &lt;3", "AT&T <3"),
        ("w i d e  is spaced", "wide  is spaced"),
    ],
)
def test_reader_edits_leave_ordinary_text_alone(original: str, read_as: str) -> None:
    from copydesk.parse.normalize import normalize

    assert normalize(original).text == read_as


# ---------------------------------------------------------------- nondeterminism: big articles

def _varied_paragraphs() -> list[str]:
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "examples").glob("*.md"))
    files += sorted((root / "tests" / "data" / "golden").glob("*.md"))
    out = []
    for path in files:
        out.extend(p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40)
    return out


def test_a_big_article_gets_the_same_report_whatever_the_pattern_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 4.5 MB article: every pattern rule runs well inside its limits, so the report
    equals the one made with ten times the time (once, fixed limits dropped rules on a
    slow machine: the same article got another report)."""
    from dataclasses import replace

    from copydesk.kinds import pattern

    paragraphs = _varied_paragraphs()
    parts, size, i = ["# A long day at the council"], 0, 0
    while size < 4_500_000:
        para = f"{paragraphs[i % len(paragraphs)]} ({i})"
        parts.append(para)
        size += len(para) + 2
        i += 1
    text = "\n\n".join(parts)
    rules = copydesk.load_rules()
    # The rules that run patterns; the other analyses take no budget and only add time.
    patterned = tuple(r for r in rules.rules if r.kind in ("pattern", "boilerplate"))
    rules = replace(rules, rules=patterned, fingerprint=None)

    def findings(report: copydesk.AuditReport) -> list[tuple[str, int, int]]:
        return [(f.rule_id, f.span.start, f.span.end) for f in report.findings]

    normal = copydesk.audit(text, rules=rules)
    assert not [w for w in normal.warnings if "budget" in w or "took longer" in w], normal.warnings
    monkeypatch.setattr(pattern, "BUDGET_SCALE", 10.0)
    generous = copydesk.audit(text, rules=rules)
    assert findings(normal) == findings(generous)
    assert len(findings(normal)) > 100


def test_pattern_limits_grow_with_the_article() -> None:
    from copydesk.kinds.pattern import PatternBudget

    short, big = PatternBudget(2_000), PatternBudget(4_500_000)
    assert short.rule_limit < 0.3 and short.total < 2.1
    # Linear in size: a 4.5 MB article gives each rule and the article 4.5 MB's worth.
    assert big.rule_limit > 13 and big.total > 90
    assert big.limit_for(0.1, 1_000_000) > 3
