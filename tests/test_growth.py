"""Growth tests: an audit's time grows linearly with its input, per input class.

Each class is audited at 1x and 16x its base size; the 16x run may take at most 40x
the 1x run (a linear path takes ~16x, a quadratic one ~256x). Timings are the
process's CPU time (time spent waiting for a core shared with other jobs is not
counted) and the least of several runs, so a busy CI machine slows both sides rather
than failing the test; there is no absolute time limit. The base sizes keep the 1x run well above timer
noise. A pair over the limit is measured again (up to ATTEMPTS times): a machine
shared with other jobs can stall one side of a pair, but a quadratic path is ~256x on
every attempt. A class here was once quadratic or worse, or is a shape scraped text takes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import copydesk
from copydesk.parse import suppress

SENTENCE = "The council voted on Tuesday to expand the bus network, the transport office said. "
SCALE = 16
MAX_RATIO = 40.0
ATTEMPTS = 3


def _least_time(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


CLASSES: dict[str, Callable[[int], str]] = {
    "long line": lambda n: "# T\n\n" + "word " * 4000 * n,
    # 16,000 spaces: at 4,000 the 1x run (~1 ms) was mostly timer noise on a busy machine.
    "heading with inner spaces": lambda n: "## H" + " " * 16_000 * n + "x\n\nBody text here.",
    "headline with inner spaces": lambda n: "# H" + " " * 4000 * n + "x\n\nBody text here.",
    "bold line with inner spaces": lambda n: "**H" + " " * 4000 * n + "x\n\nBody.",
    "leading spaces": lambda n: " " * 20_000 * n + "x\n\nBody.",
    "table rule with trailing text": lambda n: "|" + "---|" * 2000 * n + " x\n\nBody.",
    "unclosed html comments": lambda n: "# T\n\n" + "<!-- x " * 3000 * n,
    "many sentences in one paragraph": lambda n: "# T\n\n" + SENTENCE * 200 * n,
    "many paragraphs": lambda n: "# T\n\n" + (SENTENCE + "\n\n") * 40 * n,
    "many quotes": lambda n: "# T\n\n" + 'He said "yes" and "no". ' * 60 * n,
    "unclosed quotes": lambda n: "# T\n\n" + 'He said "yes and ' * 150 * n,
    "unclosed curly quotes": lambda n: "# T\n\n" + "He said “yes and ‘no " * 150 * n,
    "many headings": lambda n: "# T\n\n" + "## Heading here\n\nSome text.\n\n" * 30 * n,
    "long word": lambda n: "# T\n\n" + "a" * 40_000 * n,
    "many numbers": lambda n: "# T\n\n" + " ".join(f"{i},{i % 1000:03d}.5%" for i in range(200 * n)) + ".",
    "many names": lambda n: (
        "# T\n\n" + " ".join(f"John Smith{chr(65 + i % 26)} said." for i in range(100 * n))
    ),
    "markup runs": lambda n: "# T\n\n" + "**_*`[" * 2000 * n,
    "emphasis runs": lambda n: "# T\n\n" + "*" * 20_000 * n + "x",
    "html markup": lambda n: "<p>" + "<b>x</b> &amp; " * 400 * n,
    "many short lines": lambda n: "# T\n\n" + "word\n" * 1000 * n,
    "many list items": lambda n: "# T\n\n" + "- item one\n" * 60 * n,
    "suppression comments": lambda n: (
        "# T\n\n"
        + "<!-- copydesk-disable foo.bar -->\nThe regime sparked widespread anger, officials said.\n\n"
        * 25
        * n
    ),
    "next-line suppressions": lambda n: (
        "# T\n\n" + "<!-- copydesk-disable-next-line x -->\nThe regime sparked widespread anger.\n\n" * 25 * n
    ),
    # Issue 19, the classes not covered above.
    "long line of punctuation": lambda n: "# T\n\n" + "-.,;:!?()[]'\"/&*" * 1500 * n,
    "many headings, no text": lambda n: "# T\n\n" + "## A heading line\n" * 150 * n,
    "deep nested list": lambda n: (
        "# T\n\n" + "".join("  " * (i % 40) + "- an item of the list\n" for i in range(80 * n))
    ),
    "deep nested quote": lambda n: "# T\n\n" + "> " * 2000 * n + "The regime said so.\n",
    "many nested quote lines": lambda n: "# T\n\n" + ("> " * 20 + "The council said so.\n") * 60 * n,
    "many unbalanced quotation marks": lambda n: (
        "# T\n\n" + "He said \" no “ and ‘ then ' or » and « it " * 100 * n
    ),
    "many short paragraphs": lambda n: "# T\n\n" + "It rained.\n\n" * 150 * n,
    "huge hyphenated word": lambda n: "# T\n\n" + "wide-" * 8000 * n + "spread",
    "huge mixed-script word": lambda n: "# T\n\n" + "a\u0430" * 20_000 * n,
    "many urls": lambda n: (
        "# T\n\n"
        + " ".join(f"See https://example.com/a/{i}?q={i}&r=x#f, said the council." for i in range(60 * n))
    ),
    "many capitalised words": lambda n: "# T\n\n" + "Alpha Beta Gamma Delta " * 1000 * n + "said.",
    "many capitalised names with titles": lambda n: (
        "# T\n\n" + " ".join(f"Mayor Anna Berg{chr(65 + i % 26)} of Linz said." for i in range(80 * n))
    ),
    # The reader's view (parse.normalize): markup, references, hyphens and spacing.
    "emphasis inside words": lambda n: "# T\n\n" + "wide**spr**ead cuts and " * 300 * n,
    "tags inside words": lambda n: "# T\n\n" + "wide<b>spr</b>ead cuts and " * 300 * n,
    "character references": lambda n: "# T\n\n" + "&#119;&#105;&#100;&#101; &amp; " * 300 * n,
    "line-break hyphens": lambda n: "# T\n\n" + "the wide-\nspread and well-\nknown cuts " * 150 * n,
    "letter spacing": lambda n: "# T\n\n" + "w i d e s p r e a d " * 300 * n + "cuts.",
    "unpaired stars inside words": lambda n: "# T\n\n" + "f***ed and a*b " * 500 * n,
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_audit_time_grows_linearly(name: str) -> None:
    make = CLASSES[name]
    small, large = make(1), make(SCALE)
    copydesk.audit(small)  # warm caches and lazy imports outside the timing
    for _ in range(ATTEMPTS):
        t_small = _least_time(lambda: copydesk.audit(small), 5)
        t_large = _least_time(lambda: copydesk.audit(large), 2)
        ratio = t_large / t_small
        if ratio < MAX_RATIO:
            break
    assert ratio < MAX_RATIO, (
        f"{name}: {SCALE}x input took {ratio:.0f}x the time ({t_small:.4f}s -> {t_large:.3f}s)"
    )


def test_unclosed_suppression_comments_scan_linearly() -> None:
    # Audited text only reads suppressions when a rule fires: test the scan itself.
    def make(n: int) -> str:
        return "<!-- copydesk-disable x " * 2000 * n

    small, large = make(1), make(SCALE)
    for _ in range(ATTEMPTS):
        t_small = _least_time(lambda: [suppress.parse(small) for _ in range(50)], 5)
        t_large = _least_time(lambda: [suppress.parse(large) for _ in range(50)], 3)
        if t_large / t_small < MAX_RATIO:
            break
    assert t_large / t_small < MAX_RATIO
