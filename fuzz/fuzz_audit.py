"""Coverage-guided fuzzing of Article.from_text and audit with atheris.

    pip install atheris
    python fuzz/fuzz_audit.py fuzz/corpus -max_total_time=3600    # long run
    python fuzz/fuzz_audit.py fuzz/corpus -runs=2000              # short run

Every input must give a report whose spans lie inside the text with excerpts equal to
text[span]; anything else (an exception, a bad span) is a crash atheris saves as
crash-<hash>. Keep each crashing input as a regression case in
tests/test_fuzz_regressions.py. The hypothesis-driven fuzz test in tests/ runs in CI
without atheris.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import copydesk
    from copydesk.inputs import InputError, decode


def check(text: str) -> None:
    report = copydesk.audit(text)
    assert 0 <= report.score <= 100, report.score
    for f in report.findings:
        assert 0 <= f.span.start < f.span.end <= len(text), f.span
        assert text[f.span.start : f.span.end] == f.excerpt


def one_input(data: bytes) -> None:
    try:
        text = decode(data, "<fuzz>")
    except InputError:
        return  # a clear one-line error is the right answer for undecodable bytes
    check(text)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
