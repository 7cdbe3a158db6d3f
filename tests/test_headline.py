"""The headline dimension: support, facts, thin support, tone, disputes, headings, clickbait."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Article
from copydesk.analysis.context import Context
from copydesk.analysis.headline import headline_support, sentence_cohesion
from copydesk.api import load_rules
from copydesk.packs.loader import PackError, RuleSet, default_pack_path, load_pack

from .conftest import write_pack

DATA = Path(__file__).parent / "data"
FULL = load_rules()
HEADLINE_RULES = RuleSet(
    FULL.packs,
    tuple(r for r in FULL.rules if r.dimension.value == "headline" or r.kind == "boilerplate"),
)


def ids(text: str | Article) -> dict[str, list[copydesk.Finding]]:
    report = copydesk.audit(text, rules=HEADLINE_RULES)
    out: dict[str, list[copydesk.Finding]] = {}
    for f in report.findings:
        if f.dimension.value == "headline":
            out.setdefault(f.rule_id, []).append(f)
    return out


BUDGET_BODY = (
    "The city council approved the harbour budget on Tuesday after a debate that lasted "
    "six hours. The budget pays for two new piers and for dredging the channel. "
    "Councillors voted seven to two."
)
FOOTBALL_BODY = (
    "The city's football team won its third match of the season on Saturday. Fans "
    "celebrated in the square until late. The coach praised the young striker."
)


def test_rules_of_every_check_are_in_the_default_pack() -> None:
    have = {r.id for r in FULL.rules if r.dimension.value == "headline"}
    assert {
        "headline.mismatch",
        "headline.missing_fact",
        "headline.thin_support",
        "headline.intensity_gap",
        "headline.contested",
        "headline.heading_unsupported",
        "headline.clickbait.forward_reference",
        "headline.clickbait.second_person",
        "headline.clickbait.question",
        "headline.clickbait.listicle",
        "headline.clickbait.punctuation",
        "headline.clickbait.all_caps",
        "headline.clickbait.deictic",
        "headline.clickbait.first_person",
        "headline.clickbait.quiz",
        "headline.clickbait.hype",
        "headline.clickbait.imperative",
    } <= have


# ------------------------------------------------------------------ mismatch and support


def test_mismatch_flags_a_headline_the_body_does_not_carry() -> None:
    found = ids(Article(headline="Council Approves Harbour Budget After Long Debate", body=FOOTBALL_BODY))
    assert "headline.mismatch" in found
    finding = found["headline.mismatch"][0]
    assert finding.severity.value == "error"
    assert finding.excerpt == "Council Approves Harbour Budget After Long Debate"
    assert finding.evidence["support"] < 0.3
    assert "harbour" in finding.evidence["missing_terms"]


def test_supported_headline_reports_support_and_evidence_spans() -> None:
    article = Article(headline="Council Approves Harbour Budget After Long Debate", body=BUDGET_BODY)
    report = copydesk.audit(article, rules=HEADLINE_RULES)
    assert not [f for f in report.findings if f.rule_id == "headline.mismatch"]
    figures = report.dimensions["headline"].figures
    assert figures["support"] > 0.8
    first = figures["evidence"][0]
    assert article.text[first["start"] : first["end"]].startswith("The city council approved")
    assert 0 < first["share"] <= 1


def test_support_matches_inflections_and_prefers_the_lead() -> None:
    lead = Article(
        headline="Dockers Strike Over Pensions",
        body="Dockers went on strike over their pension on Monday. Ships waited offshore.",
    )
    deep = Article(
        headline="Dockers Strike Over Pensions",
        body=(
            "Ships waited offshore on Monday. Cranes stood still. The port was quiet. "
            "Dockers went on strike over their pension."
        ),
    )
    s_lead = headline_support(Context(lead))
    s_deep = headline_support(Context(deep))
    assert s_lead is not None and s_deep is not None
    assert s_lead.support == pytest.approx(1.0)
    assert 0.5 < s_deep.support < s_lead.support


def test_no_headline_no_support() -> None:
    assert headline_support(Context(Article(body="Just a body. Nothing else here."))) is None


@given(
    st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=60),
    st.text(alphabet="abcdefghij klmnop.", min_size=1, max_size=300),
)
@settings(max_examples=80, deadline=None)
def test_support_is_a_share(headline: str, body: str) -> None:
    headline = " ".join(headline.split()) or "x"
    result = headline_support(Context(Article(headline=headline, body=body)))
    assert result is not None
    assert 0.0 <= result.support <= 1.0
    for _, share in result.evidence:
        assert 0.0 < share <= 1.0 + 1e-9


# ------------------------------------------------------------------ facts


def test_missing_number_and_name() -> None:
    found = ids(
        Article(
            headline="Storm Leaves 40,000 Homes Without Power",
            body="A storm knocked down power lines across the county. Crews worked all night.",
        )
    )
    assert [f.excerpt for f in found["headline.missing_fact"]] == ["40,000"]
    found = ids(
        Article(
            headline="Mayor Alvarez Opens New Library",
            body="The new public library opened on Monday. The building has three floors.",
        )
    )
    assert [f.excerpt for f in found["headline.missing_fact"]] == ["Alvarez"]


def test_facts_found_in_other_forms_pass() -> None:
    found = ids(
        Article(
            headline="Storm Leaves 40,000 Homes Without Power in Kenya",
            body=(
                "About 40,000 homes lost power after the storm, the Kenyan utility said. "
                "Crews worked all night."
            ),
        )
    )
    assert "headline.missing_fact" not in found
    found = ids(
        Article(
            headline="UN Sends Aid to Flooded Valley",
            body="The United Nations sent food and tents to the flooded valley on Friday.",
        )
    )
    assert "headline.missing_fact" not in found



@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Numbers written another way.
        ("Collector pays $45,000 for a sonnet", "The collector paid forty-five thousand dollars for it."),
        ("Museum sells a sonnet for $2.5 million", "It sold for two and a half million dollars."),
        ("Collector pays $45,000 for a lost sonnet", "The collector paid 45,000 dollars for the page."),
        ("Heatwave leaves 30K homes without water", "The heatwave left 30,000 homes with no water."),
        # A name by its surname, by its family name first, by title and surname.
        ("Mayor Ines Okafor opens the harbour baths", "Okafor opened the baths on Monday, her office said."),
        ("Singer Choi Hye-jin cancels her tour", "Choi cancelled the rest of the tour, her label said."),
        ("Ines Okafor opens the harbour baths", "Mayor Okafor opened the baths on Monday."),
        # A company's legal form is no fact; a demonym for the country; an expansion.
        ("Valtor Corp to close its last mill", "Valtor will close its last mill in June, it said."),
        ("Kenyan runners sweep the city marathon", "Runners from Kenya took the first three places."),
        ("WHO warns of a measles rise", "The World Health Organization said cases had doubled."),
        # A participle or adjective opening a sentence-case headline is no name.
        ("Bewildered tourists stranded at the ferry port", "Tourists waited at the port all night."),
        ("Heartless thieves raid a charity shop", "Thieves took the till of the charity shop on Friday."),
    ],
)
def test_headline_facts_the_body_states_in_another_form_pass(headline: str, body: str) -> None:
    found = ids(Article(headline=headline, body=f"{body} The council said more later."))
    assert [f.excerpt for f in found.get("headline.missing_fact", [])] == []


@pytest.mark.parametrize(
    ("headline", "body", "missing"),
    [
        # The body names the office, not the person: the name is still unsupported.
        ("Mayor Ines Okafor opens the harbour baths", "The mayor opened the baths on Monday.", "Ines Okafor"),
        # Without its legal form the company is still a fact to find.
        ("Valtor Corp to close its last mill", "The harbour mill will close in June.", "Valtor Corp"),
        # A capitalised first word that is a name, not a description.
        ("Okafor opens the harbour baths", "The mayor opened the baths on Monday.", "Okafor"),
    ],
)
def test_headline_names_the_body_never_states_are_still_flagged(
    headline: str, body: str, missing: str
) -> None:
    found = ids(Article(headline=headline, body=f"{body} The council said more later."))
    assert [f.excerpt for f in found.get("headline.missing_fact", [])] == [missing]


# ------------------------------------------------------------------ thin support


def test_thin_support_when_the_reaction_has_no_named_party() -> None:
    found = ids(
        Article(
            headline="Ministry Faces Global Outrage Over Dam Plan",
            body=(
                "The ministry's dam plan has sparked widespread criticism. The project would "
                "flood three villages. It has raised concerns among international observers."
            ),
        )
    )
    finding = found["headline.thin_support"][0]
    assert finding.excerpt == "Global Outrage"
    parties = {s["party"] for s in finding.evidence["support"]}
    assert parties <= {"none", "vague"}


def test_named_reacting_party_supports_the_claim() -> None:
    found = ids(
        Article(
            headline="Ministry Faces Global Outrage Over Dam Plan",
            body=(
                "The dam plan drew criticism from the United Nations environment agency, which "
                "said the project would flood three villages."
            ),
        )
    )
    assert "headline.thin_support" not in found


def _only(*rule_ids: str) -> RuleSet:
    return RuleSet(FULL.packs, tuple(r for r in FULL.rules if r.id in rule_ids or r.kind == "boilerplate"))


def test_figures_follow_the_enabled_checks() -> None:
    text = (
        "# Horror as Deadly Storm Devastates Terrified Town\n\n"
        "A storm passed over the town on Tuesday evening. Some roof tiles came loose.\n\n"
        "## Harbour Wall\n\n"
        "The council will inspect the harbour wall next week.\n"
    )
    support_keys = ["support", "evidence", "missing_terms"]
    tone_keys = ["headline_tone", "body_tone", "body_peak_tone"]

    def figures(*rule_ids: str) -> dict[str, object]:
        return copydesk.audit(text, rules=_only(*rule_ids)).dimensions["headline"].figures

    # The support figures appear whichever headline check runs, with the same values.
    caps = figures("headline.clickbait.all_caps")
    assert list(caps) == support_keys
    assert caps == figures("headline.mismatch")
    # Tone and heading figures appear with the check that measures them, after support.
    assert list(figures("headline.intensity_gap")) == support_keys + tone_keys
    both = figures("headline.intensity_gap", "headline.heading_unsupported")
    assert list(both) == [*support_keys, *tone_keys, "headings"]
    assert both["headings"] == [{"heading": "Harbour Wall", "support": 1.0, "drift_share": 0.0}]
    assert figures("headline.clickbait.question") == {}  # a pattern rule measures nothing


def test_a_field_of_another_check_is_an_error(tmp_path: Path) -> None:
    mismatch = (default_pack_path() / "headline" / "support.yml").read_text(encoding="utf-8")
    rule = mismatch.split("\n  - id: headline.missing_fact")[0]
    write_pack(tmp_path, rule.replace("    min_weight: 3.0\n", "    min_weight: 3.0\n    window: 5\n"))
    with pytest.raises(
        PackError, match=r"'window': unknown field for check 'mismatch' \(a field of: contested\)"
    ):
        load_pack(tmp_path)


# ------------------------------------------------------------------ tone and disputes


def test_intensity_gap() -> None:
    body = (
        "A storm passed over the town on Tuesday evening. Some roof tiles came loose and "
        "a fence fell over. The council will inspect the harbour wall next week."
    )
    loud = ids(Article(headline="Horror as Deadly Storm Devastates Terrified Town", body=body))
    calm = ids(Article(headline="Storm Damages Roofs in Coastal Town", body=body))
    assert "headline.intensity_gap" in loud
    assert loud["headline.intensity_gap"][0].evidence["headline_tone"] < -0.6
    assert "headline.intensity_gap" not in calm
    # A grim headline over a grim story is fair: the story reaches that tone itself.
    grim = (
        "The storm killed four people and destroyed dozens of homes. Terrified residents "
        "fled the devastated town. Rescuers pulled a child from the rubble."
    )
    assert "headline.intensity_gap" not in ids(
        Article(headline="Horror as Deadly Storm Devastates Terrified Town", body=grim)
    )


def test_contested_headline() -> None:
    body = (
        "Reports that the celebrity chef bought a private island are false, his spokeswoman "
        "said on Friday. The chef denied buying any island."
    )
    found = ids(Article(headline="Celebrity Chef Buys Private Island", body=body))
    assert "headline.contested" in found
    assert found["headline.contested"][0].evidence["disputes"]
    # A headline that reports the denial is not contested by it.
    assert "headline.contested" not in ids(
        Article(headline="Celebrity Chef Denies Buying Private Island", body=body)
    )


# ------------------------------------------------------------------ headings


def test_heading_over_text_about_something_else() -> None:
    text = (
        "# Port Expansion Approved\n\n"
        "The port authority approved the expansion of the container terminal on Monday.\n\n"
        "## Local Reactions\n\n"
        "Residents near the port welcomed the decision. Elsewhere, a chess grandmaster from "
        "Oslo won the Zurich open tournament after defeating the Peruvian champion in a tense "
        "final round.\n"
    )
    found = ids(text)
    finding = found["headline.heading_unsupported"][0]
    assert finding.excerpt == "Local Reactions"
    assert finding.evidence["drifted"][0]["text"].startswith("Elsewhere, a chess")


def test_heading_over_its_own_subject_passes() -> None:
    text = (
        "# Port Expansion Approved\n\n"
        "The port authority approved the expansion of the container terminal on Monday.\n\n"
        "## Local Reactions\n\n"
        "Residents near the port welcomed the decision. Fishermen said the expansion of the "
        "terminal would crowd their moorings.\n"
    )
    assert "headline.heading_unsupported" not in ids(text)


def test_cohesion_is_low_for_a_sentence_from_another_story() -> None:
    text = (
        "Dam Plan Approved\n\n"
        "The council approved the dam plan on Monday. The dam will flood two valleys. "
        "Farmers in both valleys oppose the dam. A jazz quartet from Lisbon released its "
        "fourth album of bossa nova covers.\n"
    )
    ctx = Context(Article.from_text(text))
    cohesion = ctx.analysis(sentence_cohesion)
    values = [cohesion[i].share for i in sorted(cohesion)]
    assert values[-1] < 0.25 < min(values[:-1])
    assert cohesion[max(cohesion)].new_names == ("Lisbon",)


# ------------------------------------------------------------------ clickbait


@pytest.mark.parametrize(
    ("headline", "rule_id"),
    [
        ("This Is Why Your Rent Keeps Rising", "headline.clickbait.forward_reference"),
        ("What Happened Next Will Shock You", "headline.clickbait.forward_reference"),
        ("Your Pension Is About to Change", "headline.clickbait.second_person"),
        ("Is This the End of Cash?", "headline.clickbait.question"),
        ("7 Things You Didn't Know About Fridges", "headline.clickbait.listicle"),
        ("Council Approves Budget!!", "headline.clickbait.punctuation"),
        ("SHOCKING Video Shows Bridge Collapse", "headline.clickbait.all_caps"),
        ("17 Of The Worst Parking Jobs In The County", "headline.clickbait.listicle"),
        ("The 9 Strangest Buildings On The Coast", "headline.clickbait.listicle"),
        ("15 Cyclists Who Regret Buying A Tandem", "headline.clickbait.listicle"),
        ("21 Gorgeous Railway Stations", "headline.clickbait.listicle"),
        ("30 Tweets About The Bus Strike", "headline.clickbait.listicle"),
        ("Here Are The Bridges The Council Wants To Close", "headline.clickbait.forward_reference"),
        ("This Pensioner Has Swum In The Lake Every Day For 40 Years", "headline.clickbait.deictic"),
        ("The Mayor Answered Questions In This Video", "headline.clickbait.deictic"),
        ("We Tried Every Bakery On The High Street", "headline.clickbait.first_person"),
        ("Who Said It: The Mayor Or The Coach", "headline.clickbait.quiz"),
        ("Is This The Slowest Train In The Country", "headline.clickbait.quiz"),
        ("The Council Meeting Was Literally Chaos", "headline.clickbait.hype"),
        ("The Worst Budget Debate Of All Time", "headline.clickbait.hype"),
        ("A Bridge Was Painted Pink And Everyone Is Confused", "headline.clickbait.hype"),
        ("Watch The Council Vote On The Bridge", "headline.clickbait.imperative"),
    ],
)
def test_clickbait_devices(headline: str, rule_id: str) -> None:
    body = "The council met on Tuesday. It approved the budget and a new bridge."
    assert rule_id in ids(f"{headline}\n\n{body}")


def test_clickbait_leaves_plain_headlines_and_acronyms_alone() -> None:
    body = "NATO leaders met in Brussels on Thursday. They discussed spending and the budget."
    found = ids(f"NATO Leaders Meet in Brussels to Discuss Spending\n\n{body}")
    assert not [k for k in found if k.startswith("headline.clickbait")]


@pytest.mark.parametrize(
    "headline",
    [
        "12 Killed As Bus Leaves Road In Mountains",
        "40 People Evacuated After Bridge Cracks",
        "Council Approves Budget For The Third Time This Year",
        "I.B.M. Raises Its Dividend",
        "I-95 Closed After Crash",
        "Watchdog Fines Council Over Bridge Repairs",
        "Isabel Diaz Elected Mayor",
        "Which? Magazine Tests Bike Locks",
        "NASCAR Driver Retires After 20 Seasons",
        "We Will Not Back Down, Says Union Leader",
        "Everyone Is A Suspect, Detective Warns",
        "Try Again: Parliament Rejects Bill For Third Time",
        "Which Party Won The Most Seats: Results In Full",
        "Was It Worth It? Olympics Leave City In Debt",
        "These Are The Roads Closed For The Marathon",
        "Fans Are Furious After Club Raises Ticket Prices",
    ],
)
def test_clickbait_leaves_news_headlines_alone(headline: str) -> None:
    body = "The council met on Tuesday. It approved the budget and a new bridge."
    found = ids(f"{headline}\n\n{body}")
    assert not [k for k in found if k.startswith("headline.clickbait")], headline


def test_clickbait_in_the_body_is_not_a_headline_finding() -> None:
    text = (
        "Card Payments Reach 80% of Purchases\n\n"
        "Card payments made up 80% of purchases. Is this the end of cash?"
    )
    assert "headline.clickbait.question" not in ids(text)


# ------------------------------------------------------------------ reference article


def test_reference_article_headline_items(reference_text: str) -> None:
    expected = json.loads((DATA / "russia-north-korea-labor.expected.json").read_text(encoding="utf-8"))
    items = [i for i in expected["expected"] if i["dimension"] == "headline"]
    report = copydesk.audit(reference_text)
    headline_findings = [f for f in report.findings if f.dimension.value == "headline"]
    for item in items:
        assert any(f.span.start < item["end"] and f.span.end > item["start"] for f in headline_findings), (
            item["text"]
        )
    by_rule = {f.rule_id: f for f in headline_findings}
    assert by_rule["headline.thin_support"].excerpt == "International Backlash"
    assert by_rule["headline.heading_unsupported"].excerpt == "International Reactions"
    # The military-support section is a tangent at most: never a warning or an error.
    for f in headline_findings:
        if "Military Support" in f.excerpt:
            assert f.severity.value == "info"
    assert "headline.mismatch" not in by_rule


_WORDS = st.sampled_from(
    "Council budget harbour storm 40,000 Mayor Alvarez denied hoax outrage backlash critics "
    "SHOCKING you why? !! the a of in Ukraine Russian workers labour 2.4 million said".split()
)


@given(
    st.lists(_WORDS, min_size=1, max_size=10),
    st.lists(st.lists(_WORDS, min_size=1, max_size=14), max_size=6),
)
@settings(max_examples=60, deadline=None)
def test_findings_point_inside_the_headline(head: list[str], paragraphs: list[list[str]]) -> None:
    headline = " ".join(head)
    body = "\n\n".join(" ".join(p) + "." for p in paragraphs) or "Nothing."
    article = Article(headline=headline, body=body)
    report = copydesk.audit(article, rules=HEADLINE_RULES)
    h_end = len(headline)
    for f in report.findings:
        if f.dimension.value != "headline":
            continue
        assert 0 <= f.span.start < f.span.end <= h_end  # no headings here: all in the headline
        assert article.text[f.span.start : f.span.end] == f.excerpt


# ------------------------------------------------------------------ issue 15: unsupported claims


def test_headline_calling_a_story_fake_needs_the_body_to_say_so() -> None:
    text = (
        "The Viral Tale of the Talking Parrot Is a Total Fake\n\n"
        "The parrot's owner says it can recite the alphabet. Visitors to the pet shop say "
        "they heard it count to ten. A video of the bird has been shared 40,000 times."
    )
    found = ids(text)["headline.verdict"]
    assert found[0].excerpt == "Is a Total Fake"
    assert found[0].evidence["body"] == "never states"


def test_headline_calling_a_story_fake_passes_when_the_body_says_hoax() -> None:
    text = (
        "The Viral Tale of the Talking Parrot Is a Fake\n\n"
        "The parrot's owner admitted on Friday that the video was a hoax: her nephew "
        "recorded the voice and dubbed it over the clip."
    )
    assert "headline.verdict" not in ids(text)


def test_a_fake_thing_described_in_the_headline_is_no_verdict() -> None:
    text = (
        "Market Trader Sold Fake Designer Bags for Years\n\n"
        "A market trader sold fake designer bags for six years, the court heard on Monday. "
        "He was fined 8,000 euros."
    )
    assert "headline.verdict" not in ids(text)


def test_headline_saying_not_fake_over_a_body_that_calls_it_a_hoax() -> None:
    text = (
        "Glowing Jellyfish Photos: They Are Not Fake\n\n"
        "A photographer posted pictures of glowing jellyfish on the beach last week. On "
        "Tuesday the beach's owners said the pictures were a hoax made with an editing app."
    )
    found = ids(text)["headline.verdict"]
    assert found[0].excerpt == "Not Fake"
    assert found[0].evidence["body"] == "contradicts"


def test_a_verdict_the_headline_attributes_is_not_judged() -> None:
    text = (
        "Photographer Says Glowing Jellyfish Photos Are Real\n\n"
        "A photographer posted pictures of glowing jellyfish on the beach last week. The "
        "beach's owners said the pictures were a hoax made with an editing app."
    )
    assert "headline.verdict" not in ids(text)


def test_headline_alive_needs_a_body_that_says_so() -> None:
    flagged = (
        "Missing Sailor Alive and Well, After Storm at Sea\n\n"
        "A sailor went missing off the cape on Sunday during a storm. Coastguard boats "
        "searched through the night and the search resumes at dawn."
    )
    found = ids(flagged)["headline.verdict"]
    assert found[0].excerpt == "Alive and Well"
    passed = (
        "Missing Sailor Found Alive After Storm at Sea\n\n"
        "Coastguard crews found the missing sailor alive on a sandbank on Monday morning, "
        "a day after a storm capsized his boat."
    )
    assert "headline.verdict" not in ids(passed)


def test_headline_floor_over_a_body_estimate() -> None:
    text = (
        "Airline to Cut More Than 6,000 Jobs\n\n"
        "The airline will cut about 6,000 jobs over two years, its chief executive said on "
        "Thursday. Pilots and cabin crew will be offered voluntary redundancy first."
    )
    found = ids(text)["headline.figure_bound"]
    assert found[0].excerpt == "More Than 6,000 Jobs"
    passed = text.replace("cut about 6,000", "cut more than 6,000")
    assert "headline.figure_bound" not in ids(passed)


def test_headline_count_over_a_body_ceiling() -> None:
    text = (
        "Flood Forces 1,200 Families From Their Homes\n\n"
        "The flood could force as many as 1,200 families from their homes, the river "
        "authority warned on Sunday."
    )
    assert "headline.figure_bound" in ids(text)
    stated = text.replace("could force as many as 1,200", "forced 1,200")
    assert "headline.figure_bound" not in ids(stated)


@pytest.mark.parametrize("written", ["20,000 dollars", "$20K", "twenty thousand dollars", "$20,000"])
def test_headline_figure_is_found_however_the_body_writes_it(written: str) -> None:
    text = (
        f"Collector Pays $20,000 for Rare Stamp\n\n"
        f"A collector paid {written} for a rare stamp at an auction in Bern on Saturday."
    )
    assert "headline.missing_fact" not in ids(text)


def test_headline_figure_the_body_does_not_state_is_missing() -> None:
    text = (
        "Collector Pays $20,000 for Rare Stamp\n\n"
        "A collector paid 2,000 dollars for a rare stamp at an auction in Bern on Saturday."
    )
    assert "headline.missing_fact" in ids(text)


def test_body_disputing_its_own_story_contests_the_headline() -> None:
    text = (
        "Village Baker Wins National Bread Prize\n\n"
        "A baker from the village has won the national bread prize, a local blog reported. "
        "Update: This story appears to be false; the prize was not awarded this year."
    )
    assert "headline.contested" in ids(text)
    plain = (
        "Village Baker Wins National Bread Prize\n\n"
        "A baker from the village has won the national bread prize, the judges said. "
        "The story of the bakery goes back to 1890, when her great-grandfather opened it."
    )
    assert "headline.contested" not in ids(plain)


def test_headline_teasing_unnamed_things_is_clickbait() -> None:
    text = (
        "Two Mountain Towns Have One Curious Thing in Common\n\n"
        "Both towns lost their only bank branch in the same month, the regional council said."
    )
    assert "headline.clickbait.forward_reference" in ids(text)


def test_a_name_is_not_found_through_its_nationality_word() -> None:
    text = (
        "Teenage Star of Basque Pelota Club Retires\n\n"
        "The Basque teenager who became famous for his speed on the court said on Monday "
        "that he would retire to study medicine."
    )
    assert ["Pelota" in f.excerpt for f in ids(text)["headline.missing_fact"]] == [True]
    named = text.replace("on the court", "on the pelota court")
    assert "headline.missing_fact" not in ids(named)


def test_one_off_topic_sentence_is_charged_once() -> None:
    text = (
        "# Council Approves Harbour Tram Line\n\n"
        "The city council approved a new tram line on Tuesday, linking the harbour to the "
        "university campus. The tram line will cost 240 million euros.\n\n"
        "The council said the tram would carry 30,000 passengers a day between the harbour "
        "and the campus once it opens in 2029.\n\n"
        "Construction of the tram depot near the harbour begins in spring, the council said, "
        "and the first tram tracks will be laid on the campus road.\n\n"
        "## Reactions to the Tram\n\n"
        "Shopkeepers near the harbour oppose the tram route, saying construction will keep "
        "customers away from the harbour for two years.\n\n"
        "Meanwhile in Lisbon, the national football team beat Portugal 2-0, with goals from a "
        "teenage striker and a veteran defender, and the coach praised the goalkeeper's saves "
        "in Madrid.\n"
    )
    report = copydesk.audit(text)
    by_rule = {f.rule_id: f for f in report.findings}
    heading = by_rule["headline.heading_unsupported"]
    assert heading.points == 0.0
    assert heading.evidence["charged_by"] == ["focus.off_topic.paragraph"]
    assert by_rule["focus.off_topic.paragraph"].points > 0
    assert report.dimensions["headline"].score == 100.0


def test_a_heading_over_unrelated_text_still_costs_when_nothing_else_charges_it() -> None:
    text = (
        "# Port Expansion Approved\n\n"
        "The port authority approved the expansion of the container terminal on Monday.\n\n"
        "## Environmental Review\n\n"
        "The terminal will add four berths and two cranes by 2027.\n"
    )
    report = copydesk.audit(text, rules=HEADLINE_RULES)
    heading = [f for f in report.findings if f.rule_id == "headline.heading_unsupported"]
    assert heading and heading[0].points > 0


def test_headline_stating_as_fact_what_the_body_only_alleges_is_contested() -> None:
    body = (
        "A cycling club allegedly fixed the results of the regional hill race, according to "
        "two riders. Their claims that the club fixed the race could not be verified, and the "
        "club denied any wrongdoing."
    )
    found = ids(Article(headline="Cycling Club Fixed Regional Hill Race", body=body))
    assert "headline.contested" in found
    assert "only as a claim" in found["headline.contested"][0].message
    # A headline that carries the allegation does not state it as fact.
    assert "headline.contested" not in ids(
        Article(headline="Cycling Club Accused of Fixing Hill Race", body=body)
    )
    # A body that also states it plainly is the headline's support: no finding.
    plain = (
        "The cycling club fixed the results of the regional hill race, the federation ruled "
        "on Monday after a hearing. Two riders had allegedly been paid to slow down."
    )
    assert "headline.contested" not in ids(
        Article(headline="Cycling Club Fixed Regional Hill Race", body=plain)
    )


def test_body_calling_the_named_story_a_hoax_or_denying_it_contests_the_headline() -> None:
    hoax = (
        "The glowing lake trout story is a hoax, the fisheries office said on Tuesday. "
        "The photo of the trout was made with an editing app."
    )
    assert "headline.contested" in ids(
        Article(headline="Angler Catches Glowing Trout in Mountain Lake", body=hoax)
    )
    actually = (
        "The mayor did not actually sell the town hall clock to a collector, despite what "
        "you may have read online. The clock is being repaired and returns in May."
    )
    assert "headline.contested" in ids(
        Article(headline="Mayor Sells Town Hall Clock to Collector", body=actually)
    )
    despite = (
        "The town hall clock is staying in the tower, despite what you may have read about "
        "the mayor selling the clock to a collector. Repairs finish in May."
    )
    assert "headline.contested" in ids(
        Article(headline="Mayor Sells Town Hall Clock to Collector", body=despite)
    )
    # Reporting the sale plainly is no dispute.
    sold = (
        "The mayor sold the town hall clock to a collector on Tuesday. The buyer did not "
        "say what he paid for the clock, and the mayor did not attend the sale."
    )
    assert "headline.contested" not in ids(
        Article(headline="Mayor Sells Town Hall Clock to Collector", body=sold)
    )


def test_headline_settling_as_false_what_the_body_leaves_open_is_contested() -> None:
    # The body reports the claim and never refutes it; the headline denies it as fact.
    body = (
        "The mayor sold the town hall clock to a private collector last week, two council "
        "members told a local paper. The clock had stood in the tower since 1902."
    )
    found = ids(Article(headline="No, the Mayor Did Not Sell the Town Hall Clock", body=body))
    assert "headline.contested" in found
    assert "settles as false" in found["headline.contested"][0].message
    # An attributed denial and a hedged one state nothing as settled.
    for headline in (
        "Mayor Says He Did Not Sell the Town Hall Clock",
        "Mayor Denies Selling the Town Hall Clock",
        "Mayor Probably Did Not Sell the Town Hall Clock, Aide Thinks",
    ):
        assert "headline.contested" not in ids(Article(headline=headline, body=body)), headline
    # A body that bears the denial out supports the headline.
    denied = (
        "The mayor did not sell the town hall clock, the council said on Monday; the clock "
        "is away for repairs and returns to the tower in May."
    )
    assert "headline.contested" not in ids(
        Article(headline="No, the Mayor Did Not Sell the Town Hall Clock", body=denied)
    )
    myth = (
        "A post said the mayor sold the town hall clock to a private collector. The sale is "
        "an urban legend: the clock is in a workshop being cleaned."
    )
    assert "headline.contested" not in ids(
        Article(headline="No, the Mayor Did Not Sell the Town Hall Clock", body=myth)
    )


@pytest.mark.parametrize(
    "dispute",
    [
        "The ferry and the whale sighting are not actually linked, the harbour office said.",
        "Claims that the ferry line rescued a stranded whale turned out not to hold up.",
        "The ferry whale rescue photo was staged by a tour operator, the harbour office said.",
        "Fact-checkers traced the ferry whale rescue story to a satirical website.",
        "The harbour office called the ferry whale rescue a false rumour spread online.",
        "Accounts of the ferry rescuing a whale were greatly exaggerated, the harbour office said.",
        "Several outlets wrongly reported that the ferry crew rescued a stranded whale.",
    ],
)
def test_new_dispute_constructions_contest_a_plain_headline(dispute: str) -> None:
    body = dispute + " The ferry runs twice a day between the two islands."
    assert "headline.contested" in ids(Article(headline="Ferry Crew Rescues Stranded Whale", body=body))
    # A headline that hedges or attributes the claim, over the same body, passes.
    hedged = ("Ferry Crew Likely Rescued Stranded Whale?", "Ferry Crew Says It Rescued Stranded Whale")
    for headline in hedged:
        assert "headline.contested" not in ids(Article(headline=headline, body=body)), headline


def test_a_body_that_confirms_the_claim_does_not_contest_it() -> None:
    body = (
        "The ferry crew rescued a stranded whale off the north island on Sunday, the harbour "
        "office said. A passenger who first thought it was a joke filmed the rescue."
    )
    assert "headline.contested" not in ids(Article(headline="Ferry Crew Rescues Stranded Whale", body=body))
    # "People believed ..." reports a belief, not a fact.
    myth = "The story that the ferry crew rescued a whale is not true, the harbour office said."
    assert "headline.contested" not in ids(
        Article(headline="People Believed Ferry Crew Rescued a Stranded Whale", body=myth)
    )
