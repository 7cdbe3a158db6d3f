"""Speed, behind one boundary: everything copydesk does only to be fast.

Nothing here changes a result; each part is checked against the plain code it stands
for (tests/test_startup_cache.py, tests/test_fast_paths.py).

- ``cached_rules(folders)`` and ``cached_engine(rules, config)`` (cache.py): a rule
  set and its compiled engine are loaded or compiled once per process, and saved to an
  on-disk snapshot (snapshot.py) that the next process loads in a fraction of the time.
  ``derived(rules, name, build)`` keeps any other value computed from a rule set alone.
  A wheel's pack is read from its pre-parsed manifest (manifest.py) instead of YAML.
- ``collector_paused()`` (collector.py): the cyclic garbage collector is paused around
  allocation-heavy work, entered only at the public entry points (``copydesk.audit``,
  ``copydesk.load_rules``, the CLI commands, the batch workers).
- ``SortedTable`` (sortedtable.py): the shipped word tables are searched in place until
  a process has looked up enough words for a full dict to pay off.

The names load on first use: the analyses import ``sortedtable`` without pulling in the
engine that ``cache`` compiles.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from copydesk.speed.cache import cached_engine as cached_engine
    from copydesk.speed.cache import cached_rules as cached_rules
    from copydesk.speed.cache import derived as derived
    from copydesk.speed.collector import collector_paused as collector_paused
    from copydesk.speed.sortedtable import SortedTable as SortedTable

_LAZY = {
    "cached_engine": "copydesk.speed.cache",
    "cached_rules": "copydesk.speed.cache",
    "derived": "copydesk.speed.cache",
    "collector_paused": "copydesk.speed.collector",
    "SortedTable": "copydesk.speed.sortedtable",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'copydesk.speed' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
