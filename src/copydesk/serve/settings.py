"""What a server is started with: where it listens, its limits, its rules and token."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from copydesk.serve.limits import (
    AUDIT_TIMEOUT,
    BACKLOG,
    CONCURRENCY,
    MAX_BATCH_BYTES,
    MAX_BATCH_ITEMS,
    MAX_BODY_BYTES,
)

# uvicorn starts --workers N as fresh processes that import the app by name: the
# settings travel to them in this environment variable, as JSON.
ENV = "COPYDESK_SERVE_SETTINGS"


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    rules: tuple[str, ...] = ()  # extra pack folders (--rules DIR)
    config: str | None = None  # --config PATH; None: the nearest copydesk.toml, if any
    no_config: bool = False
    token: str | None = field(default=None, repr=False)  # from --token-file
    max_body_bytes: int = MAX_BODY_BYTES
    max_batch_bytes: int = MAX_BATCH_BYTES
    max_batch_items: int = MAX_BATCH_ITEMS
    audit_timeout: float = AUDIT_TIMEOUT
    concurrency: int = CONCURRENCY
    backlog: int = BACKLOG

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        raw = os.environ.get(ENV)
        if not raw:
            return cls()
        data = json.loads(raw)
        data["rules"] = tuple(data.get("rules") or ())
        return cls(**data)


def read_token(path: str) -> str:
    """The bearer token in ``path``: its first line, stripped; an empty one is refused."""
    with open(path, encoding="utf-8") as handle:
        token = handle.readline().strip()
    if len(token) < 16:
        raise ValueError(f"{path}: the token must be at least 16 characters on the first line")
    return token
