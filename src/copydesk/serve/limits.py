"""The service's default limits (plain numbers: the CLI reads them for --help)."""

MAX_BODY_BYTES = 1_000_000  # one article, JSON-encoded
MAX_BATCH_BYTES = 16_000_000  # one NDJSON batch
MAX_BATCH_ITEMS = 1_000
AUDIT_TIMEOUT = 20.0  # seconds, one article
CONCURRENCY = 2  # audits running at once in one worker
BACKLOG = 32  # requests waiting for an audit slot before the worker answers 503
