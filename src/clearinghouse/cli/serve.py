"""``clearinghouse serve``: the REST API and the web pages on one database."""

from __future__ import annotations

from typing import Annotated

import typer

from clearinghouse.cli.common import DbOption, settings_for, user_errors


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes")] = 1,
    database_url: DbOption = None,
) -> None:
    """Start the REST API (OpenAPI at /openapi.json, docs at /docs) on the database."""
    import os

    import uvicorn

    from clearinghouse.services.exchange import files as exchange

    settings = settings_for(database_url)
    with user_errors():
        exchange.init_database(settings.sqlalchemy_url)
    # Worker processes build the app from the environment: hand them the chosen database.
    os.environ["DATABASE_URL"] = settings.database_url
    uvicorn.run("clearinghouse.api.app:app_from_environment", factory=True, host=host,
                port=port, workers=workers)
