"""`copydesk serve`: the HTTP service and the page (needs the `serve` extra)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from copydesk.cli import EXIT_OK, fail
from copydesk.cli.config_cmd import add_config_options


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from copydesk.serve import limits as s

    p = sub.add_parser(
        "serve",
        help="run the HTTP service and the page (pip install 'copydesk[serve]')",
        description="Serve POST /v1/audit, /v1/audit/batch, GET /v1/rules, /v1/schema, /healthz, "
        "/openapi.json and the page at /. Binds to loopback unless --host says otherwise; "
        "docs/serve.md shows a reverse proxy and a container.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers", type=int, default=1, help="worker processes, each with its own engine (default 1)"
    )
    p.add_argument(
        "--token-file",
        metavar="F",
        help="require 'Authorization: Bearer TOKEN' on /v1/*, TOKEN being the file's first line",
    )
    lim = p.add_argument_group("limits")
    lim.add_argument(
        "--max-body",
        type=int,
        default=s.MAX_BODY_BYTES,
        metavar="BYTES",
        help=f"largest request to /v1/audit (default {s.MAX_BODY_BYTES:,}); larger: 413",
    )
    lim.add_argument(
        "--max-batch",
        type=int,
        default=s.MAX_BATCH_BYTES,
        metavar="BYTES",
        help=f"largest NDJSON batch (default {s.MAX_BATCH_BYTES:,})",
    )
    lim.add_argument(
        "--timeout",
        type=float,
        default=s.AUDIT_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit of one audit (default {s.AUDIT_TIMEOUT:g}); over it: 504",
    )
    lim.add_argument(
        "--concurrency",
        type=int,
        default=s.CONCURRENCY,
        metavar="N",
        help=f"audits running at once per worker (default {s.CONCURRENCY})",
    )
    lim.add_argument(
        "--backlog",
        type=int,
        default=s.BACKLOG,
        metavar="N",
        help=f"requests waiting per worker before 503 (default {s.BACKLOG})",
    )
    add_config_options(p)
    p.set_defaults(run=run)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        return fail("copydesk serve needs the serve extra: pip install 'copydesk[serve]'")
    from copydesk.config.file import ConfigError
    from copydesk.packs.loader import PackError
    from copydesk.serve.settings import ENV, Settings, read_token

    if not 0 < args.port < 65536:
        return fail("--port takes a number from 1 to 65535")
    for name in ("workers", "max_body", "max_batch", "concurrency"):
        if getattr(args, name) < 1:
            return fail(f"--{name.replace('_', '-')} takes a positive number")
    if args.backlog < 0 or not args.timeout > 0:
        return fail("--backlog takes 0 or more, --timeout a positive number of seconds")
    token = None
    if args.token_file:
        try:
            token = read_token(args.token_file)
        except (OSError, ValueError) as exc:
            return fail(f"--token-file: {exc}")
    settings = Settings(
        host=args.host,
        port=args.port,
        workers=args.workers,
        rules=tuple(os.path.abspath(r) for r in args.rules),
        config=os.path.abspath(args.config) if args.config else None,
        no_config=args.no_config,
        token=token,
        max_body_bytes=args.max_body,
        max_batch_bytes=args.max_batch,
        audit_timeout=args.timeout,
        concurrency=args.concurrency,
        backlog=args.backlog,
    )
    if not _loopback(args.host) and token is None:
        sys.stderr.write(
            f"copydesk: warning: listening on {args.host} without --token-file: anyone who can reach "
            "it can use it (put it behind a reverse proxy that authenticates, or give a token)\n"
        )
    # Load the rules and config once here, so that a broken pack fails the command with one
    # line instead of every worker with a traceback.
    from copydesk.serve.service import Service

    try:
        service = Service(settings)
    except (ConfigError, PackError) as exc:
        return fail(str(exc))
    os.environ[ENV] = settings.to_env()
    sys.stderr.write(f"copydesk: serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)\n")
    if args.workers == 1:
        from copydesk.serve.app import create_app

        uvicorn.run(
            create_app(settings, service),
            host=args.host,
            port=args.port,
            log_level="warning",
            access_log=False,
            server_header=False,
        )
    else:
        service.close()
        uvicorn.run(
            "copydesk.serve.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="warning",
            access_log=False,
            server_header=False,
        )
    return EXIT_OK
