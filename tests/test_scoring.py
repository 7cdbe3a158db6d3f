from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from copydesk.dimensions import Dimension
from copydesk.kinds.base import Severity
from copydesk.scoring.score import CATEGORY_CAPS, Costed, grade, overall, score_dimensions

ALL = set(Dimension)


def item(
    dim: Dimension = Dimension.loaded_language, sev: Severity = Severity.warning, **kw: object
) -> Costed:
    return Costed(dim, sev, kw.get("weight", 1.0), kw.get("in_quote", False))  # type: ignore[arg-type]


def test_density_not_length() -> None:
    short = score_dimensions([item() for _ in range(2)], ALL, words=200)
    long = score_dimensions([item() for _ in range(10)], ALL, words=1000)
    assert math.isclose(
        short[Dimension.loaded_language].score,
        long[Dimension.loaded_language].score,  # type: ignore[arg-type]
    )


def test_points_add_up_to_what_was_lost() -> None:
    items = [item(), item(sev=Severity.error), item(sev=Severity.info), item(in_quote=True)]
    res = score_dimensions(items, ALL, words=300)[Dimension.loaded_language]
    assert res.score is not None
    assert math.isclose(sum(i.points for i in items), 100 - res.score)
    assert items[3].points == 0.0
    assert items[1].points > items[0].points > items[2].points


def test_not_assessed_is_none_and_left_out_of_overall() -> None:
    res = score_dimensions([item()], {Dimension.loaded_language}, words=100)
    assert res[Dimension.headline].score is None and not res[Dimension.headline].assessed
    assert overall(res) == res[Dimension.loaded_language].score


def test_grades() -> None:
    assert [grade(s) for s in (95, 85, 75, 65, 10)] == ["A", "B", "C", "D", "F"]


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Dimension)), st.sampled_from(list(Severity)), st.booleans()),
        max_size=60,
    ),
    st.integers(min_value=0, max_value=100_000),
)
def test_scores_in_range_and_monotone(specs: list[tuple[Dimension, Severity, bool]], words: int) -> None:
    items = [Costed(d, s, 1.0, q) for d, s, q in specs]
    res = score_dimensions(items, ALL, words=words)
    for r in res.values():
        assert r.score is not None and 0 <= r.score <= 100
    assert 0 <= overall(res) <= 100
    more = [*items, Costed(Dimension.focus, Severity.warning, 1.0, False)]
    assert score_dimensions(more, ALL, words=words)[Dimension.focus].score < res[Dimension.focus].score  # type: ignore[operator]


def test_a_capped_category_costs_at_most_its_cap() -> None:
    cap = CATEGORY_CAPS["boilerplate"]

    def leftovers(n: int) -> list[Costed]:
        return [Costed(Dimension.focus, Severity.info, 1.0, False, "boilerplate") for _ in range(n)]

    one = score_dimensions(leftovers(1), ALL, words=500)[Dimension.focus]
    two = score_dimensions(leftovers(2), ALL, words=500)[Dimension.focus]
    many = score_dimensions(leftovers(12), ALL, words=500)[Dimension.focus]
    assert one.score > two.score > many.score  # type: ignore[operator]
    assert math.isclose(many.penalty, cap)
    # Findings of other categories are not capped with them.
    off = Costed(Dimension.focus, Severity.warning, 1.0, False, "off_topic")
    mixed = score_dimensions([*leftovers(12), off], ALL, words=500)[Dimension.focus]
    assert math.isclose(mixed.penalty, cap + 1.0)
