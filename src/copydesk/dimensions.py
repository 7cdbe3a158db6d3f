"""The dimensions an article is scored on: one registered `DimensionSpec` each.

Everything that differs between dimensions lives in its entry below: the label and
blurb readers see, the colours of its highlights, its scoring policy, how the engine
treats boilerplate and text outside the article's units, and the classroom exercise
built on it. Scoring, every renderer, the CSV columns, the stylesheet and the worksheet
loop over `DIMENSIONS`; the `Dimension` enum that rules and reports carry is generated
from it. Adding a dimension is one entry here plus the rule packs that use it (see
docs/architecture.md, "Add a dimension").

This module sits at the top of the package, not in a stage, because every stage reads
it (pack models, the engine, scoring, reports, the CLI), and it imports nothing of
copydesk, so reading it never pulls a later stage in. It stays cheap to import: the
CLI reads it before it knows what it will do.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

# Immutable records are NamedTuples, not dataclasses: generating a dataclass costs ~1 ms
# of every start-up.


class DimensionPolicy(NamedTuple):
    """How findings' costs become a dimension score (docs/scoring.md)."""

    # "words": penalty per 100 words (so length alone does not lower a score);
    # "article": penalty per article (one headline, a handful of sections).
    unit: str
    # Penalty (per unit) at which the score falls to 100/e, about 37.
    scale: float
    weight: float = 1.0


class Exercise(NamedTuple):
    """A classroom worksheet task whose answers are the dimension's findings."""

    task: str  # the --task name
    unit: str  # what one click marks: "word" or "sentence"
    title: str
    instructions: str
    over_flag: str  # said about a mark that matches no finding
    choice: str  # the task in a few words, for `copydesk exercise --help`


class DimensionSpec(NamedTuple):
    name: str  # the enum value: rule packs, JSON reports, CSV columns and CSS classes use it
    label: str
    blurb: str  # what it flags, in the report's legend
    colour: str  # highlight stripe, swatch and finding border
    tint: str  # highlight background
    policy: DimensionPolicy
    # Boilerplate (bylines, newsletter sign-ups) is not article text: a dimension that
    # does not see it never reports a hit there.
    sees_boilerplate: bool = False
    # Hits outside the headline, headings and body (a trailing block the parser placed
    # nowhere) are dropped unless the dimension keeps them.
    keeps_unplaced: bool = False
    exercise: Exercise | None = None


DIMENSIONS: tuple[DimensionSpec, ...] = (
    DimensionSpec(
        name="loaded_language",
        label="Loaded language",
        blurb="emotive, intensifying or labelling words in the outlet's own voice",
        colour="#c1440e",
        tint="#fde4d6",
        policy=DimensionPolicy("words", 3.0),
        exercise=Exercise(
            task="loaded",
            unit="word",
            title="Spot the loaded language",
            instructions="Select the words and phrases that are loaded: words that tell you how to feel "
            "about the story, exaggerate it, or put a label on people, in the writer's own voice. "
            "Words inside quotation marks belong to the person quoted: leave them.",
            over_flag="copydesk found nothing loaded here. Ask whether the words describe what "
            "happened, or tell you how to feel about it: plain verbs and measured facts are neutral.",
            choice="loaded words",
        ),
    ),
    DimensionSpec(
        name="attribution",
        label="Attribution",
        blurb="claims with no source, a vague source, or a hedge that hides who says so",
        colour="#0067a5",
        tint="#d8eaf8",
        policy=DimensionPolicy("words", 3.0),
        exercise=Exercise(
            task="attribution",
            unit="sentence",
            title="Who says so?",
            instructions="Select the claims that have no named source: sentences where you cannot tell "
            "who says so, or where the source is vague (\u201cexperts\u201d, \u201creports\u201d, "
            "\u201ccritics\u201d). Clicking a word marks its whole sentence.",
            over_flag="copydesk found no missing or vague source here: look for the person, "
            "organisation or document named in this sentence or the one before it.",
            choice="claims with no named source",
        ),
    ),
    DimensionSpec(
        name="headline",
        label="Headline",
        blurb="headlines and headings the text under them does not support",
        colour="#8e3b8a",
        tint="#f3def1",
        policy=DimensionPolicy("article", 2.0),
    ),
    DimensionSpec(
        name="focus",
        label="Focus",
        blurb="text that is off the article's topic, and boilerplate",
        colour="#00785a",
        tint="#d3f0e6",
        policy=DimensionPolicy("article", 3.0),
        # Focus is the dimension that reports boilerplate and stray text.
        sees_boilerplate=True,
        keeps_unplaced=True,
        exercise=Exercise(
            task="focus",
            unit="sentence",
            title="What does not belong?",
            instructions="Find the sentences or paragraphs that do not belong in this article: they are "
            "about something else, or they are not part of the article at all. Clicking a word marks "
            "its whole sentence.",
            over_flag="copydesk judged this part to be on the article's topic.",
            choice="the sentence that does not belong",
        ),
    ),
)

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def _checked(specs: tuple[DimensionSpec, ...]) -> dict[str, DimensionSpec]:
    """The registry by name, refusing what would break a CSS class, a column or a task."""
    by_name: dict[str, DimensionSpec] = {}
    tasks: set[str] = set()
    for spec in specs:
        if not _NAME.match(spec.name) or spec.name in by_name:
            raise ValueError(f"dimension name {spec.name!r}: lower-case identifier, used once")
        if not (_COLOUR.match(spec.colour) and _COLOUR.match(spec.tint)):
            raise ValueError(f"dimension {spec.name}: colour and tint are #rrggbb, lower case")
        if spec.policy.unit not in ("words", "article"):
            raise ValueError(f"dimension {spec.name}: policy unit is 'words' or 'article'")
        if spec.exercise is not None:
            if spec.exercise.task in tasks or spec.exercise.unit not in ("word", "sentence"):
                raise ValueError(f"dimension {spec.name}: exercise task used twice or unit unknown")
            tasks.add(spec.exercise.task)
        by_name[spec.name] = spec
    return by_name


SPECS: dict[str, DimensionSpec] = _checked(DIMENSIONS)
NAMES: tuple[str, ...] = tuple(SPECS)


class _DimensionBase(str, Enum):
    # str() is the value, as format() already is: the same on every Python version
    # (3.12 changed format() of mixed-in enums to the member's name).
    def __str__(self) -> str:
        return str(self.value)

    @property
    def spec(self) -> DimensionSpec:
        return SPECS[self.value]


# The enum pack rules and reports carry, in registry order (the order reports list).
Dimension = _DimensionBase(  # type: ignore[call-overload]
    "Dimension", [(name, name) for name in NAMES], module=__name__, qualname="Dimension"
)


def spec(dimension: str) -> DimensionSpec:
    """The spec of a dimension, given as a `Dimension` or its name."""
    return SPECS[str(dimension)]


__all__ = [
    "DIMENSIONS",
    "NAMES",
    "SPECS",
    "Dimension",
    "DimensionPolicy",
    "DimensionSpec",
    "Exercise",
    "spec",
]
