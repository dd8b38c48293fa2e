"""``dyadwatch serve``: the read-only web app (JSON API and pages) over the store."""

from __future__ import annotations

from pathlib import Path

import typer

from dyadwatch.cli.common import DB_HELP, console, db_path, err_console


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Path | None = typer.Option(None, "--db", help=DB_HELP),
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default)"),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="port to listen on"),
        query_timeout: float = typer.Option(
            5.0, "--query-timeout", min=0.1, help="seconds before a query is interrupted (answered 503)"
        ),
        release_after: float = typer.Option(
            2.0,
            "--release-after",
            min=0.0,
            help="close the store after this many idle seconds so an ingest can write (0: after each request)",
        ),  # fmt: skip
        lock_wait: float = typer.Option(
            10.0,
            "--lock-wait",
            min=0.0,
            help="seconds a request waits for a writing ingest/watch to finish its batch before a 503",
        ),
        workers: int = typer.Option(1, "--workers", min=1, max=16, help="server processes"),
        response_cache: int = typer.Option(
            64,
            "--response-cache",
            min=0,
            max=4096,
            help="MiB of successful GET answers kept per worker, dropped when the store changes (0: off)",
        ),  # fmt: skip
        no_response_cache: bool = typer.Option(
            False,
            "--no-response-cache",
            help="answer every request from the store (same as --response-cache 0)",
        ),
        keep_alive: int = typer.Option(
            75,
            "--timeout-keep-alive",
            min=1,
            max=3600,
            help="seconds an idle keep-alive connection stays open",
        ),
        log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level"),
    ) -> None:
        """Serve the JSON API (schema at /openapi.json) and the pages at http://HOST:PORT/.

        The store is only ever opened read-only. Another address than 127.0.0.1 exposes the data.

        Example: dyadwatch serve --db my.duckdb --port 8000
        """
        import os

        import uvicorn

        path = db_path(db)
        if not Path(path).exists():
            err_console.print(
                f"[red]error:[/red] no database at {path} (ingest articles first or pass --db FILE)"
            )
            raise typer.Exit(2)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err_console.print(
                f"[yellow]warning:[/yellow] listening on {host}: the store is readable from the network"
            )
        os.environ["DYADWATCH_SERVE_DB"] = str(Path(path).resolve())
        os.environ["DYADWATCH_SERVE_QUERY_TIMEOUT"] = str(query_timeout)
        os.environ["DYADWATCH_SERVE_RELEASE_AFTER"] = str(release_after)
        os.environ["DYADWATCH_SERVE_LOCK_WAIT"] = str(lock_wait)
        cache_bytes = 0 if no_response_cache else response_cache * 1024 * 1024
        os.environ["DYADWATCH_SERVE_RESPONSE_CACHE"] = str(cache_bytes)
        console.print(f"dyadwatch serving {path} at http://{host}:{port}/  (API schema: /openapi.json)")
        uvicorn.run(
            "dyadwatch.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            proxy_headers=False,
            server_header=False,
            timeout_keep_alive=keep_alive,
        )  # fmt: skip  (http and loop "auto": httptools and uvloop, pinned dependencies)
