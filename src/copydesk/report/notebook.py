"""A report as a Jupyter cell shows it (``AuditReport._repr_html_``): compact and static.

An HTML fragment, not a page: the score, a bar per dimension and the article with every
finding highlighted (hover a highlight for its messages), then the findings in a
collapsed list. It reuses the HTML report's layout (:func:`copydesk.report.html.blocks`)
and its Jinja environment, whose autoescaping covers every piece of article and rule
text. No script (notebooks strip or distrust them) and every CSS rule is scoped under
one class, so the cell cannot restyle the notebook around it.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from copydesk.dimensions import DIMENSIONS, NAMES
from copydesk.report.html import blocks, dimension_mask, environment
from copydesk.report.models import AuditReport

# Above this many characters the article is cut (a notebook is not the place to read
# a 2 MB text); the full report is `copydesk.report.render.render(report, "html")`.
MAX_CHARS = 20_000
SCOPE = "cdnb"


@lru_cache(maxsize=1)
def notebook_css() -> str:
    s = f".{SCOPE}"
    rules = [
        f"{s}{{font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1b;"
        "background:#fff;max-width:60rem;border:1px solid #c9cdd3;border-radius:6px;padding:.6rem .8rem}",
        f"{s} .top{{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:baseline}}",
        f"{s} .num{{font-size:1.6rem;font-weight:700}}",
        f"{s} .hl-h{{font-weight:600}}",
        f"{s} .muted{{color:#4a4f57}}",
        f"{s} .dims{{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.2rem 1rem;"
        "margin:.4rem 0;padding:0;list-style:none}",
        f"{s} .dims li{{display:grid;grid-template-columns:8rem 1fr 2.2rem;gap:.4rem;align-items:center}}",
        f"{s} .bar{{height:.6rem;background:#e7e9ec;border-radius:.3rem;overflow:hidden}}",
        f"{s} .bar span{{display:block;height:100%}}",
        f"{s} .text{{max-height:24rem;overflow:auto;border-top:1px solid #e1e4e8;padding-top:.3rem}}",
        f"{s} .text p{{margin:.35rem 0}}",
        f"{s} .text .b-headline{{font-weight:700}}",
        f"{s} .text .b-heading{{font-weight:600}}",
        f"{s} .q{{font-style:italic;color:#5b3a00}}",
        f"{s} mark{{color:inherit;background:none;padding:0 0 3px;border-radius:2px}}",
        f"{s} mark.inq{{background-color:transparent!important}}",
        f"{s} details{{margin-top:.4rem}}",
        f"{s} table{{border-collapse:collapse;font-size:13px}}",
        f"{s} td,{s} th{{text-align:left;vertical-align:top;padding:.15rem .5rem;"
        "border-bottom:1px solid #eee}",
        f"{s} code{{font-size:12px}}",
    ]
    for d in DIMENSIONS:
        rules.append(f"{s} .fill-{d.name}{{background:{d.colour}}}")
    for mask in range(1, 1 << len(NAMES)):
        dims = [spec for i, spec in enumerate(DIMENSIONS) if mask & (1 << i)]
        shadows = ",".join(f"inset 0 -{3 * (k + 1)}px 0 {d.colour}" for k, d in enumerate(dims))
        rules.append(f"{s} mark.s{mask}{{background-color:{dims[0].tint};box-shadow:{shadows}}}")
    return "\n".join(rules)


def render(report: AuditReport) -> str:
    """The report as an HTML fragment for a notebook cell."""
    text = report.article.text
    findings = report.findings
    cut = text is not None and len(text) > MAX_CHARS
    layout = None
    if text is not None:
        shown = text[:MAX_CHARS] if cut else text
        visible = [f for f in findings if f.span.end <= len(shown)] if cut else findings
        hs = report.article.headline_span
        layout = blocks(
            shown,
            visible,
            headline_span=(hs.start, hs.end) if hs and hs.end <= len(shown) else None,
        )
    titles = [
        f"{f.rule_id}: {f.message}" + (" (in a quotation: costs nothing)" if f.in_quote else "")
        for f in findings
    ]
    return (
        environment()
        .get_template("notebook.html")
        .render(
            report=report,
            article=report.article,
            findings=findings,
            layout=layout,
            cut=cut,
            max_chars=MAX_CHARS,
            scope=SCOPE,
            css=Markup(notebook_css()),
            mask=lambda indices: dimension_mask(findings, indices),
            inquote=lambda indices: all(findings[i].in_quote for i in indices),
            title_of=lambda indices: "\n".join(titles[i] for i in indices),
        )
    )


__all__ = ["render"]
