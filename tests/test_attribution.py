"""Attribution: who says so? Sentence analysis, the attribution rules, the sourcing profile.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Article
from copydesk.analysis.attribution import Attribution, sentence_sources, sourcing_profile
from copydesk.analysis.context import Context
from copydesk.api import load_rules
from copydesk.packs.default_lexicon import default_lexicon
from copydesk.packs.loader import PackError, default_pack_path
from copydesk.report.models import SourcingProfile

ATTRIBUTION_PACK = load_rules([default_pack_path() / "attribution"], include_default=False)

WIRE_STORY = "\n\n".join(
    [
        ("# Flooding forces 4,000 from homes in river valley"),
        (
            "About 4,000 people were evacuated from villages along the Sava river on Tuesday after "
            "two days of heavy rain, the regional civil protection agency said."
        ),
        (
            '"The water is still rising and we expect the peak tonight," agency spokeswoman Ana Kovac '
            "told reporters in Brod. She said 12 schools had been turned into shelters."
        ),
        (
            "The national weather service said 180 millimetres of rain fell in 48 hours, the most "
            "since records began in 1951. It forecast lighter rain from Thursday."
        ),
        (
            'Prime Minister Marko Horvat visited the shelters on Tuesday afternoon. "Nobody will be '
            'left alone," he said, adding that the government would release 20 million euros in '
            "emergency aid."
        ),
        (
            "According to the Interior Ministry, two people died when their car was swept off a "
            "bridge near the village of Lipik. Police said rescue teams were still searching for a "
            "third person."
        ),
        (
            "A report published by the European Environment Agency in May found that the number of "
            "floods in the region had doubled since 2000."
        ),
    ]
)

THIN_STORY = "\n\n".join(
    [
        ("# Town faces anger over new bridge"),
        (
            "The new bridge has sparked fears among residents. Experts predict the repairs could cost "
            "3 million euros."
        ),
        (
            "According to reports, the builder allegedly ignored safety rules. The decision has been "
            "met with condemnation from local leaders."
        ),
        ("Some 200 families live near the bridge. The project marks a clear violation of planning law."),
    ]
)


def analyse(text: str) -> Attribution:
    return sentence_sources(Context(Article.from_text(text), default_lexicon()))


def test_the_analysis_is_handed_its_word_lists() -> None:
    # The analysis never loads a pack: a context the engine did not build has no lists.
    with pytest.raises(LookupError, match="attribution_lexicon"):
        sentence_sources(Context(Article.from_text("The ministry said 40 people died.")))
    assert copydesk.audit("The ministry said 40 people died.").metrics.sourcing is not None


def sentence(text: str):  # type: ignore[no-untyped-def]
    result = analyse(text)
    assert len(result.sentences) == 1, [text[s.start : s.end] for s in result.sentences]
    return result.sentences[0]


def attribution_findings(text: str) -> list:  # type: ignore[type-arg]
    report = copydesk.audit(text, rules=ATTRIBUTION_PACK)
    return [f for f in report.findings if f.dimension.value == "attribution"]


# --------------------------------------------------------------------------- named sources


@pytest.mark.parametrize(
    ("text", "name", "category"),
    [
        ("The Interior Ministry said 40 people were arrested.", "The Interior Ministry", "organisation"),
        (
            "Prime Minister Jana Novak told parliament the budget was balanced.",
            "Prime Minister Jana Novak",
            "person",
        ),
        ('"We will rebuild the school," said Maria Lopez, the town\'s mayor.', "Maria Lopez", "name"),
        (
            "According to the Central Statistics Office, prices rose in March.",
            "the Central Statistics Office",
            "organisation",
        ),
        (
            "A UN report published on May 3 found that food prices had doubled.",
            "A UN report published on May 3",
            "document",
        ),
        ("The company, in a statement on Monday, said it would cut 300 jobs.", "The company", "organisation"),
        ("Robert Fico, who leads the coalition, said the vote would go ahead.", "Robert Fico", "name"),
        ("Prosecutors said the driver had been drinking.", "Prosecutors", "title"),
    ],
)
def test_named_sources(text: str, name: str, category: str) -> None:
    s = sentence(text)
    assert s.claim
    assert s.source == "named"
    assert s.named is not None and s.named.text == name
    assert s.named.category == category
    assert text[s.named.start : s.named.end] == name


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Experts predict the shortage will worsen next year.", "Experts"),
        ("According to reports, the factory closed in March.", "reports"),
        ("Critics say the new tax will hurt small shops.", "Critics"),
        ("Western diplomats said the talks had stalled.", "Western diplomats"),
        ("People familiar with the matter said the deal is close.", "People familiar with the matter"),
        ("Some analysts believe the currency will fall.", "Some analysts"),
        ("The plan was met with condemnation from rights groups.", "rights groups"),
        (
            "The plan raised concerns among international leaders and diplomats.",
            "international leaders and diplomats",
        ),
    ],
)
def test_vague_sources(text: str, group: str) -> None:
    s = sentence(text)
    assert s.source == "vague"
    assert group in [v.text for v in s.vague]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A source close to the inquiry said the pilot had been warned.", "A source close to the inquiry"),
        ("The pilot was warned, a source familiar with the case said.", "a source familiar with the case"),
        ("People with knowledge of the bid said the club would be sold.", "People with knowledge of the bid"),
        (
            "Two people with direct knowledge of the Treasury's plans said the tax would rise.",
            "Two people with direct knowledge of the Treasury's plans",
        ),
        ("Officials who spoke on condition of anonymity said the port would close.", "Officials"),
        ("An engineer, speaking on condition of anonymity, said the dam was cracked.", "An engineer"),
        ("The inspector, who asked not to be named, said the dam was cracked.", "The inspector"),
        ("A manager who was not authorised to speak publicly said the mine would shut.", "A manager"),
        ("The mine will shut, sources said.", "sources"),
        ("An insider said the mine would shut in May.", "An insider"),
    ],
)
def test_anonymous_sources_are_found_and_counted(text: str, source: str) -> None:
    s = sentence(text)
    assert s.source == "vague"
    assert [(v.text, v.category) for v in s.vague] == [(source, "anonymous")]
    assert any(f.rule_id == "attribution.vague_source" for f in attribution_findings(text))
    profile = copydesk.audit(text).metrics.sourcing
    assert profile is not None and profile.claims_vague == 1 and profile.claims_named == 0
    assert [(v.text, v.category) for v in profile.vague_sources] == [(source, "anonymous")]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A group is vague, not anonymous: nobody was promised anonymity.
        ("Residents said the mine would shut.", "group"),
        ("Critics say the new tax will hurt small shops.", "group"),
    ],
)
def test_vague_groups_are_not_anonymous_sources(text: str, category: str) -> None:
    assert [v.category for v in sentence(text).vague] == [category]


@pytest.mark.parametrize(
    "text",
    [
        # A named body or person stays named; a capitalised "With" is part of a name.
        "A spokesman for Norbank, who was not authorised to give his name, said the bank would close.",
        "Doctors With Borders said the clinic would close.",
        "Maria Lopez, who joined the council in 2019, said the mine would shut.",
    ],
)
def test_named_sources_beside_an_aside_stay_named(text: str) -> None:
    s = sentence(text)
    assert s.source == "named", text


def test_pronoun_and_definite_reference_carry_the_source_over() -> None:
    text = (
        "The Health Ministry said 20 clinics would close. It added that staff would be moved. "
        "The ministry also said patients would be told by letter."
    )
    result = analyse(text)
    assert [s.source for s in result.sentences] == ["named", "named", "named"]
    assert result.sentences[1].named is not None and result.sentences[1].named.carried
    assert result.sentences[1].named.text == "The Health Ministry"


def test_he_refers_to_the_nearest_person() -> None:
    text = (
        "The weather service said 90 millimetres of rain fell. "
        "Mayor Tomas Berg visited the shelters on Tuesday. He said nobody would be left alone."
    )
    last = analyse(text).sentences[-1]
    assert last.source == "named" and last.named is not None
    assert last.named.text == "Mayor Tomas Berg"


def test_a_named_source_covers_its_paragraph() -> None:
    text = "Police said 12 people were hurt in the crash. Three of them were children."
    result = analyse(text)
    assert [s.source for s in result.sentences] == ["named", "named"]
    assert not result.sentences[1].own_source


def test_questions_and_quote_introductions_are_not_claims() -> None:
    assert not sentence("Will the bridge reopen before winter?").claim
    assert not sentence("The mayor put it this way:").claim
    assert sentence("The bridge reopened on Friday after repairs.").claim


def test_reactions_with_a_named_party_are_not_flagged() -> None:
    assert not sentence("The ruling drew criticism from Amnesty International.").cues
    assert not sentence("Amnesty International raised concerns about the ruling.").cues
    cues = sentence("The influx of workers has raised concerns about safety.").cues
    assert [c.kind for c in cues] == ["reaction"]


def test_passive_attribution() -> None:
    cues = sentence("It is believed that the fire started in the kitchen.").cues
    assert [c.kind for c in cues] == ["passive"]
    assert [c.kind for c in sentence("The general is said to be furious with his staff.").cues] == ["passive"]
    # Events and names are not attribution; an explicit named agent is a source.
    assert not sentence("The summit was held in Paris last week.").cues
    assert not sentence("The bridge is known as the Iron Bridge.").cues
    assert not sentence("The plan was described by the Audit Office as a failure.").cues


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Nearly 15,000 workers arrived in 2024.", ["Nearly 15,000 workers"]),
        ("The repairs will cost $4.5 million.", ["$4.5 million"]),
        ("Unemployment rose to 7.2 percent in May.", ["7.2 percent"]),
        ("Around 600 soldiers have been killed.", ["Around 600 soldiers"]),
        ("Thousands of people marched through the city.", ["Thousands of people"]),
        ("The bridge was built in 1932 and reopened on May 3.", []),
        ("The 45-year-old driver was taken to hospital at 10:30.", []),
        ("Resolution 2397 bans the export of workers.", []),
        ("The F-16 landed after 3 hours.", []),
        # Ages, ranks, model names, measurements and a post's counters count nothing.
        ("Tomas Berg, 34, was taken to hospital.", []),
        ("The painter died at 92 in her studio.", []),
        ("The singer topped the list of the top 20 earners.", []),
        ("The new Pixel 9 Pro goes on sale in June.", []),
        ("The ring is made of 14 karat gold.", []),
        ("Her post drew over 8,000 retweets within a day.", []),
        ("Unemployment in the region rose to 9.1 percent.", ["9.1 percent"]),
        ("Tomas Berg, 34, lost $2.3 million of his clients' money.", ["$2.3 million"]),
        ("Some 40 workers were laid off.", ["Some 40 workers"]),
    ],
)
def test_figures(text: str, figures: list[str]) -> None:
    s = sentence(text)
    assert [text[a:b] for a, b in s.figures] == figures


# --------------------------------------------------------------------------- findings and score


def test_well_sourced_wire_story_scores_high_with_no_attribution_finding() -> None:
    report = copydesk.audit(WIRE_STORY)
    attribution = [f for f in report.findings if f.dimension.value == "attribution"]
    assert attribution == []
    assert report.dimensions["attribution"].score is not None
    assert report.dimensions["attribution"].score >= 80
    profile = report.metrics.sourcing
    assert isinstance(profile, SourcingProfile)
    assert profile.claims_unsourced == 0
    assert profile.named_share == 1.0
    assert profile.direct_quotes == 2
    assert 0 < profile.quoted_share < 0.2
    names = {s.name for s in profile.named_sources}
    assert {"the Interior Ministry", "Police", "The national weather service"} <= names
    ministry = next(s for s in profile.named_sources if s.name == "The national weather service")
    assert ministry.claims == 2  # "It forecast ..." is carried over
    assert WIRE_STORY[ministry.span.start : ministry.span.end] == ministry.name


def test_thin_story_is_flagged_and_scores_poorly() -> None:
    report = copydesk.audit(THIN_STORY, rules=ATTRIBUTION_PACK)
    found = {(f.rule_id, f.excerpt) for f in report.findings}
    assert ("attribution.reaction", "has sparked fears among residents") in found
    assert ("attribution.vague_source", "Experts predict") in found
    assert ("attribution.vague_source", "According to reports") in found
    assert ("attribution.hedge", "allegedly") in found
    assert ("attribution.reaction", "met with condemnation from local leaders") in found
    assert ("attribution.judgement", "clear violation") in found
    assert report.dimensions["attribution"].score is not None
    assert report.dimensions["attribution"].score < 60
    # "Some 200 families" is an approximate figure, not a vague quantity; it has no source.
    assert ("attribution.unsourced_figure", "Some 200 families") in found
    assert not any(f.rule_id == "attribution.vague_quantity" for f in report.findings)


def test_messages_name_what_is_missing() -> None:
    findings = attribution_findings("Experts predict the deficit will grow next year.")
    assert len(findings) == 1
    assert findings[0].message.startswith("“Experts predict”: who, exactly?")
    assert "Experts" in findings[0].message


def test_hedges_inside_quotations_or_next_to_a_named_source_are_the_speakers() -> None:
    assert attribution_findings('The mayor said: "Experts predict the deficit will grow."') == []
    assert attribution_findings("Prosecutors said the man allegedly stole three cars.") == []
    assert attribution_findings("The central bank said inflation might reach 6 percent.") == []


HEDGE_RULES = ("attribution.hedge", "attribution.speculation")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The depot may close before the summer.", "may"),
        ("The strike could spread to the northern lines.", "could"),
        ("The new terminal is unlikely to open before 2031.", "unlikely"),
        ("A second count is likely if the margin is narrow.", "likely"),
        ("The leak appears to have started in the basement.", "appears to"),
        ("A merger with the rival ferry line is possible.", "possible"),
        ("Whether the tunnel will be finished on time remains to be seen.", "remains to be seen"),
        ("Who will pay for the new roof is unclear.", "is unclear"),
    ],
)
def test_hedges_in_the_outlets_own_voice_are_speculation(text: str, term: str) -> None:
    found = [f for f in attribution_findings(text) if f.rule_id.startswith(HEDGE_RULES)]
    assert [f.excerpt.lower() for f in found] == [term], text


@pytest.mark.parametrize(
    "text",
    [
        # Quoted or attributed: the speaker's hedge, not the outlet's.
        'The depot manager said: "The depot may close before the summer."',
        "The union said the strike could spread to the northern lines.",
        "According to the transport ministry, the new terminal is unlikely to open before 2031.",
        "Engineers believe the leak appears to have started in the basement.",
        # Not hedges: inability, a degree, a month, a reading of what a text says.
        "The depot manager could not be reached for comment.",
        "Crews cleared the line as quickly as possible.",
        "The council met in May.",
        "A letter from the operator appeared to confirm the closure.",
    ],
)
def test_hedges_that_are_not_the_outlets_own_guess_are_left_alone(text: str) -> None:
    found = [f for f in attribution_findings(text) if f.rule_id.startswith(HEDGE_RULES)]
    assert found == [], text


def test_every_unsourced_claim_costs_something_and_points_add_up() -> None:
    text = "The council closed the library because of falling visits. The librarians are furious."
    report = copydesk.audit(text, rules=ATTRIBUTION_PACK)
    claims = [f for f in report.findings if f.rule_id == "attribution.unsourced_claim"]
    assert len(claims) == 2
    lost = 100 - report.dimensions["attribution"].score
    assert abs(sum(f.points for f in report.findings) - lost) < 0.5


def test_reference_article(reference_text: str) -> None:
    report = copydesk.audit(reference_text)
    spans = [(f.span.start, f.span.end) for f in report.findings if f.dimension.value == "attribution"]

    def found(phrase: str) -> bool:
        start = reference_text.index(phrase)
        end = start + len(phrase)
        return any(s < end and e > start for s, e in spans)

    for must in (
        "According to reports",
        "experts predict",
        "raised concerns among international leaders and diplomats",
        "allegedly",
    ):
        assert found(must), must
    for should in ("has sparked fears", "raised suspicions", "sparked worries", "apparent violation"):
        assert found(should), should
    for clean in ("Security Council resolutions", "intercontinental ballistic missile"):
        assert not found(clean), clean
    assert report.dimensions["attribution"].score is not None
    assert report.dimensions["attribution"].score < 60
    profile = report.metrics.sourcing
    assert profile is not None
    # The only named source is in the off-topic sentence about Ukraine and Slovakia.
    assert [s.name for s in profile.named_sources] == ["The Ukrainian Embassy in the US"]
    assert profile.named_sources[0].claims == 1
    assert profile.named_share is not None and profile.named_share < 0.1
    assert {"experts", "reports"} <= {v.text for v in profile.vague_sources}


# --------------------------------------------------------------------------- packs


def test_lists_come_from_the_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yml").write_text('name: house\nversion: "1"\n', encoding="utf-8")
    (pack / "rules.yml").write_text(
        """rules:
  - id: house.vague
    kind: attribution
    check: vague_source
    dimension: attribution
    severity: warning
    message: "{match}: which {source}?"
    explanation: A house rule.
    lexicon:
      vague_sources: [soothsayers]
    examples:
      flag: ["Soothsayers said the harvest would fail."]
      pass: ["The farm ministry said the harvest would fail."]
""",
        encoding="utf-8",
    )
    rules = load_rules([pack], include_default=False)
    report = copydesk.audit("Soothsayers said the harvest would fail.", rules=rules)
    assert [(f.rule_id, f.message) for f in report.findings] == [
        ("house.vague", "Soothsayers said: which Soothsayers?")
    ]


@pytest.mark.parametrize(
    ("check", "extra", "error"),
    [
        ("hedge", "", r"house\.rule.*check .hedge. needs a list of terms"),
        # Each check has its own model: `terms` belongs to hedge and judgement only.
        ("vague_source", "    terms: [allegedly]\n", r"house\.rule.*field 'terms': unknown field"),
    ],
)
def test_a_check_takes_its_own_fields(tmp_path: Path, check: str, extra: str, error: str) -> None:
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "rules.yml").write_text(
        f"""rules:
  - id: house.rule
    kind: attribution
    check: {check}
    dimension: attribution
    severity: warning
    message: "hedge"
    explanation: A house rule.
{extra}    examples: {{flag: ["x"], pass: ["y"]}}
""",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=error):
        load_rules([pack], include_default=False)


# --------------------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    "the ministry said experts predict police according to reports some many 4,000 people "
    'Anna Berg allegedly raised concerns among leaders it is believed that . , " He She They '
    "in 2024 nearly 15,000 workers crossed border has sparked fears from Amnesty".split()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_spans_are_inside_the_text_and_the_analysis_is_stable(words: list[str]) -> None:
    text = " ".join(words)
    first = analyse(text)
    second = analyse(text)
    assert [(s.start, s.end, s.source) for s in first.sentences] == [
        (s.start, s.end, s.source) for s in second.sentences
    ]
    for s in first.sentences:
        for src in [*s.vague, *([s.named] if s.named else [])]:
            assert 0 <= src.start < src.end <= len(text)
        for cue in s.cues:
            assert s.start <= cue.start < cue.end <= s.end
        for a, b in s.figures:
            assert s.start <= a < b <= s.end
    profile = SourcingProfile.model_validate(sourcing_profile(first))
    assert profile.claims == profile.claims_named + profile.claims_vague + profile.claims_unsourced


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["Nearly 300 homes", "The flood", "Rescue teams", "The storm"]))
def test_naming_the_source_removes_the_findings(subject: str) -> None:
    bare = f"{subject} destroyed 40 bridges and has sparked fears about the dam."
    sourced = f"{subject} destroyed 40 bridges and has sparked fears about the dam, the Water Authority said."
    assert attribution_findings(bare)
    assert attribution_findings(sourced) == []


def test_sourcing_profile_does_not_depend_on_which_checks_run() -> None:
    """The profile is a figure of the analysis: disabling checks must not remove or change it."""
    from copydesk.config.model import Config, RulesConfig

    text = (
        "# Council cuts library hours\n\n"
        "Experts say the cuts will hurt students. The council said 12 branches would close "
        "early. Opening hours will fall by a third next year."
    )
    full = copydesk.audit(text)
    only_vague = Config(rules=RulesConfig(disable=("attribution.*",), enable=("attribution.vague_source",)))
    narrowed = copydesk.audit(text, config=only_vague)
    assert full.metrics.sourcing is not None
    assert narrowed.metrics.sourcing == full.metrics.sourcing
    assert narrowed.dimensions["attribution"].figures == full.dimensions["attribution"].figures
    kept = {f.rule_id for f in narrowed.findings if f.dimension.value == "attribution"}
    assert kept == {"attribution.vague_source"}


# --------------------------------------------------------------------------- which claims need a source


def unsourced_claims(text: str) -> list[str]:
    return [f.excerpt for f in attribution_findings(text) if f.rule_id == "attribution.unsourced_claim"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The harbour master took bribes from two shipping firms for years.", "accusation"),
        ("The surgeon operated on the patient without her consent.", "accusation"),
        ("The treasurer is now facing trial for the missing funds.", "prediction"),
        ("The ferry sank because the crew had overloaded it.", "cause"),
        ("The bakery owes its success to a recipe brought from Lyon.", "cause"),
        ("The strike is the largest in the port's history.", "superlative"),
        ("The striker is furious with the coach and wants to leave.", "state_of_mind"),
        ("The photograph proves the statue was moved before the flood.", "contested"),
        ("In the car trade it is not uncommon for dealers to double the price.", "generalisation"),
    ],
)
def test_claims_that_need_a_source_are_flagged(text: str, kind: str) -> None:
    assert sentence(text).needs_source == kind
    assert unsourced_claims(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Northline Freight declined to comment on the report.",
        "The harbour master could not be reached for comment.",
        "The ministry did not respond to a request for comment.",
        "This story first appeared in the Coastal Herald.",
        "Mr Osei joined the council in 2009 and became its treasurer two years later.",
        "The bakery sits at the corner of Main Street, opposite the old station.",
        "The ferry left the harbour at dawn and reached the island by noon.",
        "Why did the ferry sink because of a storm?",
        "Harbour strike is the largest in a decade",  # a heading: no end mark
        "I think the ferry sank because the crew had overloaded it.",  # signed opinion
        "Skater wins the title, for the record, on her third attempt.",
    ],
)
def test_narration_background_and_non_claims_are_no_findings(text: str) -> None:
    assert unsourced_claims(text) == []


def test_a_named_source_in_the_paragraph_covers_a_claim_that_needs_one() -> None:
    text = "The ferry sank because the crew had overloaded it. The coastguard said so on Friday."
    assert unsourced_claims(text) == []


def test_unflagged_unsourced_claims_are_counted_in_the_profile() -> None:
    text = "The ferry left the harbour at dawn. It reached the island by noon. The crew was furious."
    report = copydesk.audit(text, rules=ATTRIBUTION_PACK)
    assert unsourced_claims(text) == ["The crew was furious."]
    assert report.metrics.sourcing is not None
    assert report.metrics.sourcing.claims_unsourced == 3


@pytest.mark.parametrize(
    "text",
    [
        '"The lines are open again," said a spokeswoman for Eastrail, the operator.',
        "A spokesman for the ministry said the port would reopen on Friday.",
        "The blaze started because of a faulty heater, investigators said.",
    ],
)
def test_sources_named_through_their_office_are_named(text: str) -> None:
    assert sentence(text).source == "named"
    assert attribution_findings(text) == []


def test_an_office_of_nobody_in_particular_stays_vague() -> None:
    assert [f.excerpt for f in attribution_findings("A spokesman said the port would reopen.")] == [
        "A spokesman said"
    ]
    assert sentence("A spokesman for a local firm said the port would reopen.").source == "vague"


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("A Finnish source said the merger was off.", "A Finnish source said"),
        ("The merger was off, the source said.", "the source said"),
    ],
)
def test_a_single_unnamed_source_is_vague(text: str, excerpt: str) -> None:
    assert [f.excerpt for f in attribution_findings(text)] == [excerpt]


# ------------------------------------------------------------ issue 15: which figures need a source


def rules_found(text: str) -> list[tuple[str, str]]:
    """(rule id, flagged words) of the attribution findings outside quotations."""
    report = copydesk.audit(text, rules=ATTRIBUTION_PACK)
    return [
        (f.rule_id, text[f.span.start : f.span.end])
        for f in report.findings
        if f.dimension.value == "attribution" and not f.in_quote
    ]


def figures_found(text: str) -> list[str]:
    return [words for rule, words in rules_found(text) if rule == "attribution.unsourced_figure"]


@pytest.mark.parametrize(
    "text",
    [
        # A price and a company's published accounts are public record.
        "The cheapest model of the new tablet is priced at $499 and ships in June.",
        "The bakery chain's annual revenue fell to $310m last year from $350m two years earlier.",
        "A $9,000 starting price would put the bicycle out of reach of most riders.",
        "The singer collected an estimated $12 million in combined earnings last season.",
        # A sum nobody counted is vague, not a figure.
        "The harbour town has poured millions of dollars into its new ferry terminal.",
        # Copied from a document inside quotation marks: the document's words.
        'The inventory filed with the court lists "14 antique clocks" among the missing items.',
    ],
)
def test_prices_accounts_vague_sums_and_quoted_figures_need_no_source(text: str) -> None:
    assert figures_found(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("More than 3,000 nurses walked out of the city's hospitals on Friday.", "More than 3,000 nurses"),
        ("The collector spent $45,000 on a single stamp at the auction.", "$45,000"),
        ("The retired teacher has an estimated fortune of $80 million.", "$80 million"),
        ("The festival drew hundreds of thousands of visitors to the old town.", "hundreds of thousands"),
    ],
)
def test_counts_of_people_and_sums_paid_still_need_a_source(text: str, figure: str) -> None:
    assert figures_found(text) and figures_found(text)[0].startswith(figure)


def test_a_sentence_charged_with_a_hedge_is_not_charged_again_for_its_figure() -> None:
    text = "The smuggler reportedly fled across the border with almost 400,000 euros in cash."
    found = rules_found(text)
    assert [r for r, _ in found] == ["attribution.hedge"]


def test_a_definite_description_with_a_compound_is_a_named_reference() -> None:
    s = sentence("The 34-year-old bus driver claims she had to wait for 40 passengers.")
    assert s.source == "named" and s.named is not None
    assert s.named.text == "The 34-year-old bus driver"
    assert figures_found("The 34-year-old bus driver claims she had to wait for 40 passengers.") == []


# ----------------------------------------------------- issue 15: hedges, guesses and the writer's voice


@pytest.mark.parametrize(
    "text",
    [
        # A discourse marker, not a hedge.
        "Needless to say, the caretaker was not pleased with the new parking rules.",
        # A comparison, not a guess.
        "The passengers waited on the platform for what seemed like an eternity.",
        # A state of affairs the reporter states plainly.
        "The future of the ferry service remains uncertain after the council vote.",
        # The writer speaking as "I" owns the guess.
        "Personally, I would suggest the rumour is almost certainly wrong.",
    ],
)
def test_discourse_markers_comparisons_and_the_writers_own_guesses_are_no_hedges(text: str) -> None:
    assert [r for r, _ in rules_found(text) if r in ("attribution.hedge", "attribution.speculation")] == []


def test_in_a_signed_column_the_guesses_are_the_writers() -> None:
    column = "\n\n".join(
        [
            "# Why I still ride the night bus",
            "I have taken the night bus for ten years. My neighbours think I am mad.",
            "The new timetable might help the late-shift workers, perhaps more than the planners expect.",
        ]
    )
    assert [r for r, _ in rules_found(column) if r == "attribution.speculation"] == []


def test_the_outlets_own_guess_is_still_speculation() -> None:
    text = "The new timetable might help the late-shift workers get home before midnight."
    assert ("attribution.speculation", "might") in rules_found(text)
    hedged = "The mayor reportedly plans to sell the bus depot."
    assert ("attribution.hedge", "reportedly") in rules_found(hedged)


# ----------------------------------------------------- issue 15: sources named, vague, or quoted


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Analysts are predicting that 5 million more scooters will sell by January.", "Analysts"),
        (
            "The rumour, citing sources in the Brazilian shipping industry, suggests a merger is near.",
            "sources in the Brazilian shipping industry",
        ),
        (
            "A source close to the ferry inquiry told the Herald that the captain had been drinking.",
            "A source close to the ferry inquiry",
        ),
        ("Norbank's critics have accused the lender of hiding its losses.", "Norbank's critics"),
    ],
)
def test_progressive_citing_and_qualified_vague_sources_are_vague(text: str, group: str) -> None:
    s = sentence(text)
    assert s.source == "vague"
    assert group in [v.text for v in s.vague]


@pytest.mark.parametrize(
    "text",
    [
        # An honorific cut off from its name by the sentence splitter still names a person.
        '"We cannot keep the clinic open without more nurses," said Dr. Maria Okafor, its director.',
        # Members of a named body are that body's.
        "Members of the Harbour Council's budget committee said the quay would be rebuilt.",
    ],
)
def test_honorifics_and_members_of_a_named_body_are_named(text: str) -> None:
    assert [r for r, _ in rules_found(text) if r == "attribution.vague_source"] == []


def test_a_paragraph_introduced_by_a_colon_is_the_introducers_not_the_outlets() -> None:
    text = "\n\n".join(
        [
            "# Harbour plan divides the town",
            "The Coastal Herald's editorial on Monday put it this way:",
            "Some have suggested the harbour should close. Many experts believe the plan will fail.",
        ]
    )
    assert rules_found(text) == []
    # The same words in the outlet's own voice are vague sources.
    own = "Some have suggested the harbour should close. Many experts believe the plan will fail."
    assert [r for r, _ in rules_found(own)].count("attribution.vague_source") == 2


def test_supposed_to_with_a_plan_is_no_hearsay() -> None:
    assert rules_found("The new footbridge is supposed to open in May.") == []
    assert ("attribution.passive", "is supposed") in rules_found(
        "The old treasurer is supposed to have hidden the money in a barn."
    )


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Rumours have pegged the price of the new scooter at 900 euros.", "Rumours have pegged"),
        ("Unconfirmed reports put the number of stranded hikers at 40.", "Unconfirmed reports put"),
        ("Speculation points to a merger of the two ferry lines before summer.", "Speculation points"),
    ],
)
def test_hearsay_as_the_subject_of_any_verb_is_a_vague_source(text: str, excerpt: str) -> None:
    assert ("attribution.vague_source", excerpt) in rules_found(text)


def test_hearsay_that_is_denied_or_referred_back_to_is_no_new_source() -> None:
    assert rules_found("The harbour master denied the rumours on Monday.") == []
    text = "Rumours have pegged the price at 900 euros. The rumour does not go into any detail."
    assert [r for r, _ in rules_found(text)] == ["attribution.vague_source"]


def test_the_report_passed_on_from_a_vague_source_stays_vague() -> None:
    text = (
        "One rumour, citing sources in the shipping industry, suggests the line will close. "
        "According to the report, the last ferry will sail in June."
    )
    second = analyse(text).sentences[1]
    assert second.source == "vague"
    named = (
        "The port authority published its annual review on Monday. "
        "According to the report, the last ferry will sail in June."
    )
    assert analyse(named).sentences[1].source == "named"


def test_a_hedge_on_the_report_itself_is_not_quieted_by_the_speaker() -> None:
    assert ("attribution.hedge", "allegedly") in rules_found(
        "The general allegedly told the mayor that the border would close."
    )
    assert rules_found("Police said the man allegedly stole three cars from the depot.") == []
    # "alleged" as the speaker's verb is the speaker's allegation.
    text = "Ana Lund wrote a book about the bank. She alleged the merger was an accounting trick."
    assert [r for r, _ in rules_found(text) if r == "attribution.hedge"] == []


def test_praise_in_a_sentence_charged_with_a_hidden_source_is_part_of_that_charge() -> None:
    text = "The harbour master is believed to have been one of the leading figures in the strike."
    assert [r for r, _ in rules_found(text)] == ["attribution.passive"]
    assert ("attribution.praise", "one of the leading") in rules_found(
        "The harbour master was one of the leading figures in the strike."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The new alloy is 75% copper, 20% zinc and 5% tin.",
        "The bricks are 40% recycled glass by weight.",
        "The resin contributes only 10% to the weight of the hull.",
    ],
)
def test_what_a_thing_is_made_of_is_no_statistic(text: str) -> None:
    assert figures_found(text) == []


def test_shares_of_people_and_changes_are_statistics() -> None:
    assert figures_found("About 40% of voters, 35% of women and 20% of men backed the plan.")
    assert figures_found("Ticket sales at the lido rose 40% in May and 10% in June.")


def test_the_writers_own_question_is_no_reaction() -> None:
    own = rules_found("Which leads to one more obvious question about the ferry timetable.")
    assert [r for r, _ in own if r == "attribution.reaction"] == []
    assert [r for r, _ in rules_found("Questions have been raised about the ferry contract.")] == [
        "attribution.reaction"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The clerk found the first letter and several others in a drawer of the old desk.",
        "The fishermen, many who had worked the harbour for decades, left the quay at dawn.",
        "Members pay a fee of 2% of one's income to the guild each year.",
    ],
)
def test_quantities_of_things_already_named_and_rules_for_anyone_need_no_source(text: str) -> None:
    assert rules_found(text) == []


def test_a_vague_quantity_of_people_standing_alone_is_still_flagged() -> None:
    found = rules_found("Many residents refused to leave the island.")
    assert ("attribution.vague_quantity", "Many") in found


def test_a_figure_before_the_hedge_stands_on_its_own() -> None:
    text = "Last spring, nearly 3,000 seasonal workers crossed the border, allegedly to study."
    found = rules_found(text)
    assert ("attribution.hedge", "allegedly") in found
    assert [r for r, _ in found].count("attribution.unsourced_figure") == 1


@pytest.mark.parametrize(
    "text",
    [
        "In his book, Tom Baxter blames the bank for the collapse of the mill.",
        "The Harbour Clinic issued a statement denying that its surgeon was unlicensed.",
        "The Harbour Clinic is issuing a statement denying that its surgeon was unlicensed.",
        "The mill will close in June, said a spokesman for the owner, Norbank.",
        "The fire in the mill was started deliberately, investigators said.",
    ],
)
def test_sources_named_through_a_book_a_statement_or_an_apposition(text: str) -> None:
    s = sentence(text)
    assert s.source == "named"
    assert rules_found(text) == []


def test_an_unnamed_spokesman_or_an_opening_demonstrative_is_no_named_source() -> None:
    unnamed = "The mill will close in June, said a spokesman, who declined to be named."
    assert sentence(unnamed).source == "vague"
    assert sentence("In this study, the new drug may reduce the risk of falls.").source == "none"
    assert sentence("The court issued a warrant for the arrest of the surgeon.").source == "none"


def test_a_colon_line_that_names_nobody_introduces_the_outlets_own_words() -> None:
    text = "\n\n".join(
        [
            "# Harbour plan divides the town",
            "Here is what we know so far:",
            "Many experts believe the plan will fail.",
        ]
    )
    assert [r for r, _ in rules_found(text)] == ["attribution.vague_source"]


def test_a_reaction_before_a_figure_does_not_source_it() -> None:
    text = "In a move that has sparked criticism, the council agreed to admit nearly 900 seasonal workers."
    found = [r for r, _ in rules_found(text)]
    assert "attribution.reaction" in found and "attribution.unsourced_figure" in found


def test_a_vague_quantity_before_a_reaction_is_a_claim_of_its_own() -> None:
    text = "Many seasonal workers have been sent to the island, which has raised suspicions."
    found = [r for r, _ in rules_found(text)]
    assert "attribution.vague_quantity" in found and "attribution.reaction" in found


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The health ministry put the number of injured at 212.", "named"),
        ("Norbank pegged the cost of the repairs at about $40 million.", "named"),
        ("Analyst Jane Ruiz is valuing the stake at more than $2 billion.", "named"),
        ("Officials put the death toll from the landslide at 40.", "vague"),
        # No figure set at "at": the verb sources nothing.
        ("The storm put 40 homes at risk in the valley.", "none"),
        ("The mayor placed 30 officers at the station.", "none"),
    ],
)
def test_a_verb_that_sets_a_figure_cites_its_subject(text: str, source: str) -> None:
    assert sentence(text).source == source
    figure_flagged = any(r == "attribution.unsourced_figure" for r, _ in rules_found(text))
    assert figure_flagged == (source == "none")
