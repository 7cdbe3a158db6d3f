"""Articles and a small rule pack shared by tests/test_reports.py and tests/test_browser.py.

The pack (tests/packs/reports) keeps these tests independent of the default pack, which
changes as rules are tuned.
"""

from __future__ import annotations

from pathlib import Path

import copydesk
from copydesk.report.models import AuditReport

PACK = Path(__file__).parent / "packs" / "reports"

# Written for these tests: overlapping findings of two dimensions ("drew widespread
# criticism" / "widespread"), a quotation with a loaded word inside, a heading, and a
# boilerplate line.
SAMPLE = """# Council Plan Causes Uproar

The council's parking plan drew widespread criticism on Monday. Experts predict chaos in the
town centre, while the mayor said the change was "fair, overdue and not a source of fury at all".

## What happens next

The plan is far-reaching: it removes 400 spaces by June. Shop owners slammed the timing.

Read more at example.org/parking
"""

# Every way an article could try to get markup or script into a page.
HOSTILE = """# <script>window.__pwned = 1</script> Widespread fury

The "><img src=x onerror="window.__pwned=2"> plan drew widespread criticism.
Click [here](javascript:window.__pwned=3) or <a href="javascript:window.__pwned=4">here</a>.
</textarea></title></style><svg onload="window.__pwned=5"> Experts predict chaos & ruin.
`code` *stars* _under_ | pipe | ![img](x) <b>bold</b> {{ 7*7 }} ${7*7}
<!-- comment --> Read more at javascript:alert(1)
"""


def ruleset() -> copydesk.RuleSet:
    return copydesk.load_rules([PACK], include_default=False)


def report_of(text: str, source: str | None = None) -> AuditReport:
    article = copydesk.Article.from_text(text, source=source, id=source)
    return copydesk.audit(article, rules=ruleset())
